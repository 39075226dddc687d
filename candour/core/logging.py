"""JSON log lines that carry no personal data: no request objects, addresses or emails."""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_IPV4 = re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b")
# Paths whose last part is a credential: a person's survey link proves eligibility and,
# logged with a time, could tie answers to them; a duty worker's acknowledgement link
# opens a child's words. Django logs "Not Found: <path>"; gunicorn logs every path.
_CREDENTIAL_PATH = re.compile(
    r"/(survey|safeguarding/acknowledge|safeguarding/burst|unsubscribe)/[^/\s?\"']+"
)
# Extra fields a log call may attach; anything else is dropped.
_ALLOWED_EXTRAS = ("event", "status_code", "duration_ms", "count", "object_type", "object_id")


def scrub(text: str) -> str:
    text = _CREDENTIAL_PATH.sub(lambda m: f"/{m.group(1)}/[link]", text)
    return _IPV4.sub("[ip]", _EMAIL.sub("[email]", text))


class PrivacyFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        # django.request attaches the whole request (headers, address, cookies).
        if hasattr(record, "request"):
            record.request = None
        record.msg = scrub(record.getMessage())
        record.args = None
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": scrub(record.getMessage()),
        }
        for name in _ALLOWED_EXTRAS:
            if hasattr(record, name):
                entry[name] = getattr(record, name)
        if record.exc_info and record.exc_info[0] is not None:
            entry["exception"] = record.exc_info[0].__name__
        return json.dumps(entry, ensure_ascii=False)
