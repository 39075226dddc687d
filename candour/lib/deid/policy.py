"""What an organisation can configure: its own reference formats and the terms to keep."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

# The field's own vocabulary. NER models tag many of these as organisations or people;
# redacting them would strip the meaning analysts need and identify nobody.
# fmt: off
DEFAULT_ALLOW_LIST: frozenset[str] = frozenset({
    # agencies, teams, meetings, plans and roles
    "IRO", "Independent Reviewing Officer", "MASH", "Multi-Agency Safeguarding Hub", "LADO",
    "CAMHS", "GP", "GPs", "ICPC", "RCPC", "PLO", "CIN", "CP", "CPP", "LAC", "CLA", "CiC", "CSC",
    "Children's Social Care", "Childrens Social Care", "Children's Services", "Early Help",
    "EHM", "EHA", "EHCP", "SEN", "SEND", "SENCO", "SENCo", "DSL", "DDSL", "DSP",
    "Designated Safeguarding Lead", "PEP", "PA", "Personal Adviser", "Virtual School",
    "Virtual School Head", "VSH", "ICB", "CCG", "NHS", "A&E", "ED", "Cafcass", "CAFCASS",
    "Ofsted", "MARAC", "MAPPA", "IDVA", "ISVA", "DVA", "DV", "DA", "FGM", "CSE", "CCE", "NRM",
    "UASC", "SGO", "EPO", "ICO", "ISW", "ASYE", "AMHP", "PRU", "YOT", "YJS", "YOS", "CAF",
    "TAF", "TAC", "CPC", "LSCB", "LSCP", "CSPR", "SCR", "JTAI", "ILACS", "HV", "SW", "TM",
    "SWM", "PC", "PCSO", "DC", "DS", "CID", "MERLIN", "PPN", "CRU", "EDT", "OOH", "ASB",
    "section 47", "section 17", "section 20", "section 31", "s47", "s17", "s20", "s31",
    "strategy meeting", "strategy discussion", "core group", "child protection",
    "Child Protection Conference", "Initial Child Protection Conference",
    "Review Child Protection Conference", "Child in Need", "Children in Care",
    "Looked After Child", "care leaver", "Signs of Safety", "Working Together",
    "Family Court", "Public Law Outline", "Police", "Health Visitor", "Midwife",
    "School Nurse", "Team Manager", "Social Worker", "Local Authority",
    # case recording systems and the identifiers' own labels
    "Mosaic", "Liquidlogic", "LCS", "Eclipse", "CareFirst", "ID", "DOB", "D.O.B", "NI", "NINO",
    # clinical and medication records
    "MAR", "MAR chart", "MAR charts", "Medication Administration Record", "DNA", "DNAs",
    "Was Not Brought", "ADHD", "ASD", "ASC", "PTSD", "CT", "MRI", "Paediatrics",
    "Paediatrician", "Calpol", "COVID", "Covid", "COVID-19", "Covid-19", "coronavirus",
    # days and festivals are coarse enough to keep
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "Christmas", "Easter", "Eid", "Diwali", "Ramadan",
    # everyday capitalised words in notes
    "Mum", "Dad", "Mother", "Father", "Nan", "Nana", "Grandma", "Grandad", "Stepdad",
    "Stepmum", "Baby", "Child", "Year", "Reception",
})
# fmt: on


@dataclass(frozen=True, slots=True)
class Policy:
    """How to de-identify text for one organisation.

    case_reference_patterns: extra regular expressions for the organisation's own case and
        reference numbers. A pattern with a group named ``ref`` redacts only that group
        (so "Ref: ABC/123" keeps "Ref:"); otherwise the whole match.
    allow_list: terms never redacted, matched case-insensitively against a whole detected
        span or the words at either end of one.
    use_ner: run the spaCy model for names and places. Off, detection is pure regular
        expressions and word lists: faster, but it misses names it cannot see from cues.
    """

    case_reference_patterns: tuple[str, ...] = ()
    allow_list: frozenset[str] = field(default=DEFAULT_ALLOW_LIST)
    use_ner: bool = True

    def __post_init__(self) -> None:
        for pattern in self.case_reference_patterns:
            try:
                re.compile(pattern)
            except re.error as error:
                raise ValueError(f"bad case reference pattern {pattern!r}: {error}") from error

    def compiled_case_patterns(self) -> tuple[re.Pattern[str], ...]:
        return _compile(self.case_reference_patterns)

    def allowed_ranges(self, text: str) -> list[tuple[int, int]]:
        """Where the allow-list's terms occur in ``text``, in order."""
        return [match.span() for match in _allow_pattern(self.allow_list).finditer(text)]


@lru_cache(maxsize=64)
def _compile(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(pattern) for pattern in patterns)


def _term(term: str) -> str:
    body = r"\s+".join(re.escape(word) for word in term.split())
    # Short acronyms match only in capitals: "ED" is a department, "Ed" may be a person.
    if len(term) <= 3 and term.isupper():
        return body
    return f"(?i:{body})"


@lru_cache(maxsize=16)
def _allow_pattern(terms: frozenset[str]) -> re.Pattern[str]:
    ordered = sorted(terms, key=len, reverse=True)
    return re.compile(rf"(?<![\w&])(?:{'|'.join(_term(t) for t in ordered)})(?![\w&])")


DEFAULT_POLICY = Policy()
