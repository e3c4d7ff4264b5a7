"""The error answers every operation may give, declared so the OpenAPI document is complete."""

from __future__ import annotations

from typing import Any

from goodwill.api.schemas import ErrorOut

READ_ERRORS: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
WRITE_ERRORS: dict[int, Any] = {**READ_ERRORS, 400: ErrorOut, 403: ErrorOut}


def reading(ok: Any) -> dict[int, Any]:
    return {200: ok, **READ_ERRORS}


def creating(ok: Any) -> dict[int, Any]:
    return {201: ok, **WRITE_ERRORS}


def changing(ok: Any) -> dict[int, Any]:
    return {200: ok, **WRITE_ERRORS}


DELETING: dict[int, Any] = {204: None, **WRITE_ERRORS}
