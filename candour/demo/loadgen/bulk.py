"""Write many rows fast: PostgreSQL's COPY, or batched inserts elsewhere.

The ORM's ``bulk_create`` manages about twenty thousand rows a second on PostgreSQL; COPY
manages hundreds of thousands, which is the difference between minutes and an hour for
the tens of millions of rows a national hub holds. Rows arrive with their primary keys
already chosen (``next_ids``) so that related rows can point at them without a read back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from django.db import connection, models
from django.db.models.fields.json import JSONField
from django.utils import timezone

BATCH = 5_000


def next_ids(model: type[models.Model], count: int) -> range:
    """The ``count`` primary keys after the highest one in use."""
    highest = model._default_manager.aggregate(m=models.Max("pk"))["m"] or 0
    return range(highest + 1, highest + 1 + count)


def reset_sequence(model: type[models.Model]) -> None:
    """Point the table's id sequence past the rows written with chosen ids."""
    if connection.vendor != "postgresql":
        return  # SQLite takes the next id from the table itself
    table = model._meta.db_table
    pk = model._meta.pk
    if pk is None:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence(%s, %s), "  # noqa: S608 - our own names
            f"(SELECT COALESCE(MAX({pk.column}), 1) FROM {table}))",
            [table, pk.column],
        )


def _columns(model: type[models.Model], names: Sequence[str]) -> list[models.Field[Any, Any]]:
    fields = []
    for name in names:
        field = model._meta.get_field(name)
        if not isinstance(field, models.Field):
            raise TypeError(f"{model.__name__}.{name} is not a column")
        fields.append(field)
    return fields


def write(
    model: type[models.Model],
    names: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    on_rows: Callable[[int], None] | None = None,
) -> int:
    """Write rows (tuples in the order of ``names``, model field names); returns how many."""
    if connection.vendor == "postgresql":
        # COPY knows nothing of Django's defaults: give every other column its default.
        fields = _columns(model, names)
        rest = [
            f
            for f in model._meta.concrete_fields
            if f.name not in names and not (f.primary_key and isinstance(f, models.AutoField))
        ]
        now = timezone.now()
        defaults = tuple(
            now
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
            else f.get_default()
            for f in rest
        )
        return _copy(model, fields + rest, (tuple(row) + defaults for row in rows), on_rows)
    return _insert(model, names, rows, on_rows)


def _copy(
    model: type[models.Model],
    fields: list[models.Field[Any, Any]],
    rows: Iterable[Sequence[Any]],
    on_rows: Callable[[int], None] | None,
) -> int:
    from psycopg.types.json import Jsonb

    is_json = [isinstance(field, JSONField) for field in fields]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    written = 0
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg's own cursor: Django's wrapper has no copy()
        with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([Jsonb(v) if j else v for v, j in zip(row, is_json, strict=True)])
                written += 1
                if on_rows is not None and written % BATCH == 0:
                    on_rows(BATCH)
    if on_rows is not None:
        on_rows(written % BATCH)
    return written


def _batches(rows: Iterable[Sequence[Any]]) -> Iterator[list[Sequence[Any]]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, BATCH)):
        yield batch


def _insert(
    model: type[models.Model],
    names: Sequence[str],
    rows: Iterable[Sequence[Any]],
    on_rows: Callable[[int], None] | None,
) -> int:
    fields = _columns(model, names)
    attnames = [field.attname for field in fields]
    written = 0
    for batch in _batches(rows):
        objects = [model(**dict(zip(attnames, row, strict=True))) for row in batch]
        model._default_manager.bulk_create(objects)
        written += len(batch)
        if on_rows is not None:
            on_rows(len(batch))
    return written
