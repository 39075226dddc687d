"""The social care team's phone number: one check for the page, the API and the CSV import."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

# Digits, spaces, brackets and hyphens, with an optional leading +; at least six
# characters so that "n/a" or "ring duty" cannot stand in for a number.
PHONE_PATTERN = re.compile(r"\+?[0-9 ()-]{6,40}")
MAX_LENGTH = 40


class InvalidPhoneError(ValueError):
    pass


def check_phone(text: str) -> str:
    """The phone number tidied, or InvalidPhoneError saying what is wrong."""
    value = " ".join(text.split())
    if not value:
        raise InvalidPhoneError(_("Enter the team's phone number"))
    if len(value) > MAX_LENGTH or not PHONE_PATTERN.fullmatch(value):
        raise InvalidPhoneError(_("Enter the team's phone number using digits, like 01632 960000"))
    return value
