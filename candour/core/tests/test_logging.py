from __future__ import annotations

import json
import logging

from candour.core.logging import JsonFormatter, PrivacyFilter, scrub


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


def test_credential_links_are_not_logged() -> None:
    record = _record("Not Found: %s", "/survey/Zk3-9qLmT0x/")
    PrivacyFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "Not Found: /survey/[link]/"
    ack = _record("Forbidden: /safeguarding/acknowledge/abcDEF123/?x=1")
    PrivacyFilter().filter(ack)
    assert "abcDEF123" not in JsonFormatter().format(ack)
    # A digest's unsubscribe link works without signing in (ADR 0034).
    assert "eyJ1IjoxfQ" not in scrub("POST /unsubscribe/eyJ1IjoxfQ:1v:sig/one-click/")
    # Team feedback links are handed out on posters and are not credentials.
    assert "/feedback/riverside-a1/" in scrub("GET /feedback/riverside-a1/")


def test_gunicorns_access_log_drops_links_and_addresses() -> None:
    from types import SimpleNamespace

    from gunicorn.config import Config  # type: ignore[import-untyped]

    from candour.core.gunicorn_logging import ScrubbingLogger

    logger = ScrubbingLogger(Config())
    request = SimpleNamespace(
        method="GET",
        uri="/survey/secretToken1/",
        path="/survey/secretToken1/",
        query="",
        version=(1, 1),
        headers=[("REFERER", "https://x.example/survey/secretToken1/")],
    )
    response = SimpleNamespace(status="200 OK", sent=10, headers=[], response_length=10)
    environ = {
        "REMOTE_ADDR": "192.168.1.20",
        "HTTP_REFERER": "https://x.example/survey/secretToken1/",
        "RAW_URI": "/survey/secretToken1/",
        "REQUEST_METHOD": "GET",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "PATH_INFO": "/survey/secretToken1/",
    }
    from datetime import timedelta

    atoms = logger.atoms(response, request, environ, timedelta(milliseconds=5))
    assert "secretToken1" not in json.dumps({k: str(v) for k, v in atoms.items()})
    assert atoms["U"] == "/survey/[link]/"
    assert atoms["h"] == "-"
