"""A full backup of one account as JSON, and its restore into an empty account or a fresh instance.

Every model of the network app is included, whatever is added to it later: rows are read field
by field from the models' own descriptions, and on restore every id is given anew and every
reference between rows is remapped, so a backup restores beside other accounts' data.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.apps import apps
from django.contrib.auth.models import User
from django.db import models, transaction
from django.utils import timezone

from goodwill.network.bulk_rows import allocate_ids, insert_rows
from goodwill.network.models import Contact

BACKUP_FORMAT = "goodwill-backup"
BACKUP_VERSION = 1
_ACCOUNT_FIELDS = ("username", "password", "email", "first_name", "last_name", "date_joined")


class RestoreError(Exception):
    """A backup that cannot be restored where asked; the message says why, for a person."""


def network_models() -> list[type[models.Model]]:
    """The network app's models, each after every model it refers to."""
    app_models = list(apps.get_app_config("network").get_models())
    ordered: list[type[models.Model]] = []

    def visit(model: type[models.Model], path: tuple[type[models.Model], ...]) -> None:
        if model in ordered or model in path:
            return
        for field in model._meta.concrete_fields:
            target = field.related_model
            if isinstance(target, type) and target in app_models and target is not model:
                visit(target, (*path, model))
        ordered.append(model)

    for model in sorted(app_models, key=lambda m: m._meta.label):
        visit(model, ())
    return ordered


def _dump_value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode()
    if isinstance(value, UUID):
        return str(value)
    return value


def backup_data(*, owner: User) -> dict[str, Any]:
    """Everything of one account, as JSON-ready data."""
    account = {name: _dump_value(getattr(owner, name)) for name in _ACCOUNT_FIELDS}
    tables: dict[str, list[dict[str, Any]]] = {}
    for model in network_models():
        fields = [f for f in model._meta.concrete_fields if f.name != "owner"]
        rows = model._default_manager.filter(owner=owner).order_by("pk")
        tables[model._meta.label_lower] = [
            {f.attname: _dump_value(f.value_from_object(row)) for f in fields}
            for row in rows.iterator(chunk_size=2000)
        ]
    return {
        "format": BACKUP_FORMAT,
        "version": BACKUP_VERSION,
        "created_at": timezone.now().isoformat(),
        "account": account,
        "tables": tables,
    }


def _target_account(data: dict[str, Any], username: str | None) -> User:
    account = data.get("account") or {}
    name = username or account.get("username") or ""
    if not name:
        raise RestoreError("the backup names no account; choose one with --user NAME")
    user = User.objects.filter(username=name).first()
    if user is None:
        user = User(username=name)
        for field in ("password", "email", "first_name", "last_name"):
            setattr(user, field, account.get(field) or "")
        if account.get("date_joined"):
            user.date_joined = User._meta.get_field("date_joined").to_python(account["date_joined"])
        if not user.password:
            user.set_unusable_password()
        user.save()
        return user
    contacts = Contact.objects.filter(owner=user).count()
    if contacts:
        raise RestoreError(
            f"the account {name!r} already has {contacts} contacts; a backup restores only into "
            "an account without contacts or a fresh instance"
        )
    return user


def backup_restore(*, data: dict[str, Any], username: str | None = None) -> User:
    """Restores a backup into the account named (or the backup's own, created when missing),
    which must have no contacts; its default circles give way to the backup's. All or nothing."""
    if data.get("format") != BACKUP_FORMAT or not isinstance(data.get("tables"), dict):
        raise RestoreError("is not a Goodwill backup")
    if data.get("version") != BACKUP_VERSION:
        raise RestoreError(f"is a backup of version {data.get('version')}; this Goodwill reads 1")
    with transaction.atomic():
        owner = _target_account(data, username)
        # The empty account's own rows (its default circles) make way for the backup's.
        for model in reversed(network_models()):
            model._default_manager.filter(owner=owner).delete()
        ids: dict[type[models.Model], dict[int, int]] = {}
        tables: dict[str, list[dict[str, Any]]] = data["tables"]
        for model in network_models():
            rows = tables.get(model._meta.label_lower, [])
            ids[model] = _restore_rows(model, rows, owner, ids)
    return owner


def _restore_rows(
    model: type[models.Model],
    rows: list[dict[str, Any]],
    owner: User,
    ids: dict[type[models.Model], dict[int, int]],
) -> dict[int, int]:
    new_ids = allocate_ids(model, len(rows))
    mapping = {row["id"]: new for row, new in zip(rows, new_ids, strict=True)}
    fields = [f for f in model._meta.concrete_fields if f.name not in ("owner", "id")]

    def converted(row: dict[str, Any]) -> Iterator[tuple[str, Any]]:
        yield "id", mapping[row["id"]]
        yield "owner_id", owner.pk
        for field in fields:
            if field.attname not in row:
                continue  # written before the field existed: its default applies
            value = row[field.attname]
            target = field.related_model
            if isinstance(target, type) and value is not None:
                if target not in ids:
                    raise RestoreError(f"{model.__name__}.{field.name} refers outside the network")
                value = ids[target].get(value)
            elif value is not None and not isinstance(field, models.JSONField):
                value = field.to_python(value)
            yield field.attname, value

    insert_rows(model, (dict(converted(row)) for row in rows), with_ids=True)
    return mapping
