"""A full backup of one account as JSON, and its restore into an empty account or a fresh instance.

Every model of every Goodwill app (goodwill.*) that belongs to an owner is included, whatever
is added later: a model belongs to an owner through its `owner` foreign key, or through a
parent that does. Apps are found by label through django.apps, never imported, so the network
app stays below the apps that build on it. Rows are read field by field from the models' own
descriptions; on restore every id is given anew and every reference between rows is remapped
(also ids kept without a foreign key, which a model declares in `backup_id_columns`), so a
backup restores beside other accounts' data.

What is left out on purpose is in BACKUP_EXCLUDED, each with its reason; a test fails when an
owned model is neither backed up nor excluded.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.apps import apps
from django.contrib.auth.models import User
from django.db import models, transaction
from django.utils import timezone

from goodwill.network.bulk_rows import allocate_ids, insert_rows
from goodwill.network.models import Contact

BACKUP_FORMAT = "goodwill-backup"
# 2: every owned model of every Goodwill app, not only the network's. Version 1 files (the
# network alone) still restore: the tables they lack simply have no rows.
BACKUP_VERSION = 2
READABLE_VERSIONS = (1, 2)
_ACCOUNT_FIELDS = ("username", "password", "email", "first_name", "last_name", "date_joined")

# Models of Goodwill apps that a backup leaves out on purpose (app_label.ModelName).
BACKUP_EXCLUDED: dict[str, str] = {
    # Secrets: a restored account makes new ones. Only hashes are stored, and a hash restored
    # elsewhere would let the old secret in where its owner never gave it.
    "api.ApiToken": "API tokens are secrets; make new ones after a restore",
    "rhythm.CalendarFeed": "the calendar URL's token hash; a restored account makes a new URL",
    # Throttling state of this instance, keyed by what was typed, not by account.
    "accounts.LoginFailure": "sign-in throttling of this instance, not an account's data",
    "accounts.ResetRequest": "password-reset throttling of this instance, not an account's data",
}

# Rows of these an empty account already has (made when it was created or first used); a
# restore replaces them with the backup's. Rows of any other backed-up model refuse a restore.
_REPLACED_ON_RESTORE = ("network.Circle", "rhythm.RhythmSettings")


class RestoreError(Exception):
    """A backup that cannot be restored where asked; the message says why, for a person."""


def goodwill_models() -> list[type[models.Model]]:
    """Every model of every Goodwill app."""
    return [
        model
        for config in apps.get_app_configs()
        if config.name.startswith("goodwill.")
        for model in config.get_models()
    ]


def _owner_field(model: type[models.Model]) -> models.Field[Any, Any] | None:
    field = next((f for f in model._meta.concrete_fields if f.name == "owner"), None)
    return field if field is not None and field.related_model is User else None


def _rows_of(model: type[models.Model], owner: User) -> models.QuerySet[Any]:
    lookup = owner_lookup(model)
    if lookup is None:
        raise ValueError(f"{model._meta.label} belongs to no owner")
    return model._default_manager.filter(**{lookup: owner})


def owner_lookup(
    model: type[models.Model], _seen: tuple[type[models.Model], ...] = ()
) -> str | None:
    """How to filter the model's rows by owner ("owner", or through a parent: "work__owner"),
    or None when its rows belong to no owner."""
    if _owner_field(model) is not None:
        return "owner"
    for field in model._meta.concrete_fields:
        target = field.related_model
        if (
            isinstance(field, models.ForeignKey)
            and not field.null
            and isinstance(target, type)
            and target is not model
            and target not in _seen
            and target.__module__.startswith("goodwill.")
        ):
            parent = owner_lookup(target, (*_seen, model))
            if parent is not None:
                return f"{field.name}__{parent}"
    return None


def owned_models() -> list[type[models.Model]]:
    """Every model of a Goodwill app whose rows belong to an owner, backed up or not."""
    return [model for model in goodwill_models() if owner_lookup(model) is not None]


def _id_columns(model: type[models.Model]) -> dict[str, tuple[str, dict[str, str]]]:
    columns: dict[str, tuple[str, dict[str, str]]] = getattr(model, "backup_id_columns", {})
    return columns


def backup_models() -> list[type[models.Model]]:
    """The models a backup holds, each after every model it refers to, across apps."""
    included = [m for m in owned_models() if m._meta.label not in BACKUP_EXCLUDED]
    ordered: list[type[models.Model]] = []

    def visit(model: type[models.Model], path: tuple[type[models.Model], ...]) -> None:
        if model in ordered or model in path:
            return
        targets = [f.related_model for f in model._meta.concrete_fields]
        for _, by_kind in _id_columns(model).values():
            targets.extend(apps.get_model(label) for label in by_kind.values())
        for target in targets:
            if isinstance(target, type) and target in included and target is not model:
                visit(target, (*path, model))
        ordered.append(model)

    for model in sorted(included, key=lambda m: m._meta.label):
        visit(model, ())
    return ordered


def network_models() -> list[type[models.Model]]:
    """The network app's models, each after every model it refers to."""
    return [m for m in backup_models() if m._meta.app_label == "network"]


def _dump_value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode()
    if isinstance(value, UUID | Decimal):
        return str(value)
    return value


def backup_data(*, owner: User) -> dict[str, Any]:
    """Everything of one account, as JSON-ready data."""
    account = {name: _dump_value(getattr(owner, name)) for name in _ACCOUNT_FIELDS}
    tables: dict[str, list[dict[str, Any]]] = {}
    for model in backup_models():
        fields = [f for f in model._meta.concrete_fields if f.name != "owner"]
        rows = _rows_of(model, owner).order_by("pk")
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
    for model in backup_models():
        if model._meta.label in _REPLACED_ON_RESTORE:
            continue
        count = _rows_of(model, user).count()
        if count:
            raise RestoreError(
                f"the account {name!r} already has {count} {model._meta.verbose_name_plural}; "
                "a backup restores only into an empty account or a fresh instance"
            )
    return user


def backup_restore(*, data: dict[str, Any], username: str | None = None) -> User:
    """Restores a backup into the account named (or the backup's own, created when missing),
    which must be empty; its default circles and settings give way to the backup's.
    All or nothing."""
    if data.get("format") != BACKUP_FORMAT or not isinstance(data.get("tables"), dict):
        raise RestoreError("is not a Goodwill backup")
    if data.get("version") not in READABLE_VERSIONS:
        readable = " and ".join(str(v) for v in READABLE_VERSIONS)
        raise RestoreError(
            f"is a backup of version {data.get('version')}; this Goodwill reads {readable}"
        )
    with transaction.atomic():
        owner = _target_account(data, username)
        ordered = backup_models()
        # The empty account's own rows (default circles, settings) make way for the backup's.
        for model in reversed(ordered):
            _rows_of(model, owner).delete()
        ids: dict[type[models.Model], dict[int, int]] = {}
        tables: dict[str, list[dict[str, Any]]] = data["tables"]
        for model in ordered:
            rows = tables.get(model._meta.label_lower, [])
            _restore_rows(model, rows, owner, ids)
    return owner


def _restore_rows(
    model: type[models.Model],
    rows: list[dict[str, Any]],
    owner: User,
    ids: dict[type[models.Model], dict[int, int]],
) -> None:
    id_columns = _id_columns(model)
    # A row whose id column names a row the backup does not hold (deleted since) means nothing.
    rows = [row for row in rows if _subjects_known(model, row, id_columns, ids)]
    new_ids = allocate_ids(model, len(rows))
    mapping = {row["id"]: new for row, new in zip(rows, new_ids, strict=True)}
    ids[model] = mapping  # before the rows: a model may refer to itself
    has_owner = _owner_field(model) is not None
    fields = [f for f in model._meta.concrete_fields if f.name not in ("owner", "id")]

    def converted(row: dict[str, Any]) -> Iterator[tuple[str, Any]]:
        yield "id", mapping[row["id"]]
        if has_owner:
            yield "owner_id", owner.pk
        for field in fields:
            if field.attname not in row:
                continue  # written before the field existed: its default applies
            value = row[field.attname]
            target = field.related_model
            if isinstance(target, type) and value is not None:
                if target not in ids:
                    raise RestoreError(f"{model.__name__}.{field.name} refers outside the backup")
                value = ids[target].get(value)
            elif field.attname in id_columns and value is not None:
                kind_column, by_kind = id_columns[field.attname]
                value = ids[apps.get_model(by_kind[row[kind_column]])][value]
            elif value is not None and not isinstance(field, models.JSONField):
                value = field.to_python(value)
            yield field.attname, value

    insert_rows(model, (dict(converted(row)) for row in rows), with_ids=True)


def _subjects_known(
    model: type[models.Model],
    row: dict[str, Any],
    id_columns: dict[str, tuple[str, dict[str, str]]],
    ids: dict[type[models.Model], dict[int, int]],
) -> bool:
    for column, (kind_column, by_kind) in id_columns.items():
        label = by_kind.get(row.get(kind_column, ""))
        if label is None:
            raise RestoreError(
                f"{model.__name__} {row.get('id')}: unknown {kind_column} {row.get(kind_column)!r}"
            )
        if row.get(column) not in ids.get(apps.get_model(label), {}):
            return False
    return True
