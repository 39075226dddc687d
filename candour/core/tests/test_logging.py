from __future__ import annotations

import json
import logging

from candour.core.logging import JsonFormatter, PrivacyFilter


def _record(message: str, *args: object, **extra: object) -> logging.LogRecord:
    record = logging.LogRecord("candour.test", logging.WARNING, __file__, 1, message, args, None)
    for key, value in extra.items():
        setattr(record, key, value)
    return record


def test_log_lines_are_json_without_addresses_or_emails() -> None:
    record = _record("failed for %s from %s", "jo@riverside.example", "192.168.1.20")
    record.request = object()  # as django.request attaches
    assert PrivacyFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "failed for [email] from [ip]"
    assert line["level"] == "WARNING"
    assert record.request is None  # type: ignore[attr-defined]
    assert "jo@" not in json.dumps(line)


def test_only_known_extra_fields_are_written() -> None:
    record = _record("done", status_code=200, narrative="the child said")
    line = json.loads(JsonFormatter().format(record))
    assert line["status_code"] == 200
    assert "narrative" not in line
