"""What each kind of span becomes in the redacted text."""

from __future__ import annotations

from candour.lib.deid.dates import generalise_date, generalise_time
from candour.lib.deid.spans import Kind

PLACEHOLDERS: dict[Kind, str] = {
    Kind.PERSON: "[name]",
    Kind.ADDRESS: "[address]",
    Kind.POSTCODE: "[postcode]",
    Kind.PHONE: "[phone]",
    Kind.EMAIL: "[email]",
    Kind.DATE_OF_BIRTH: "[date of birth]",
    Kind.DATE: "[date]",
    Kind.TIME: "[time]",
    Kind.AGE: "[age]",
    Kind.NHS_NUMBER: "[NHS number]",
    Kind.NI_NUMBER: "[NI number]",
    Kind.CASE_REFERENCE: "[case reference]",
    Kind.SCHOOL_OR_SETTING: "[school or setting]",
    Kind.PLACE: "[place]",
}


def replacement_for(kind: Kind, original: str) -> str:
    """The default stand-in: a placeholder, or for dates and times a coarser value."""
    if kind is Kind.DATE:
        return generalise_date(original)
    if kind is Kind.TIME:
        return generalise_time(original)
    return PLACEHOLDERS[kind]
