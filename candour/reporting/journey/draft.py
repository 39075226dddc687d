"""The half-finished report: the answers given so far, sealed in the session (ADR 0029).

Nothing here is stored in the database's report tables: a draft becomes a report only
when the check page sends it, and is deleted then, when the reporter deletes it, after
``IDLE`` unused, or when the browser closes (it holds half of the draft's key).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.http import HttpRequest, HttpResponse

from candour.core.models import Organisation
from candour.keys.sealed_drafts import SealedDraft
from candour.reporting.access import reporting_organisations

IDLE_HOURS = 2
IDLE = timedelta(hours=IDLE_HOURS)
# The most of one answer a draft keeps: a page refused for being too long still comes
# back with what was typed, but no one can fill the session row with megabytes.
LONGEST_KEPT = 10_000


def _bounded(value: Any) -> str | list[str]:
    if isinstance(value, list):
        return [str(item)[:LONGEST_KEPT] for item in value[:50]]
    return str(value)[:LONGEST_KEPT]


class ReportDraft:
    """The answers so far, by field, which pages were answered, and whether the
    organisation came with the link (or the person's account) rather than a question."""

    def __init__(self, request: HttpRequest) -> None:
        self._sealed = SealedDraft(request, name="report", idle=IDLE)
        stored = self._sealed.read()
        answers = stored.get("answers")
        self.answers: dict[str, Any] = answers if isinstance(answers, dict) else {}
        self.answered: set[str] = set(stored.get("answered") or [])
        self.organisation_preset = bool(stored.get("organisation_preset"))
        self._organisation: tuple[str, Organisation | None] | None = None

    @property
    def expired(self) -> bool:
        """A draft was found past its time, and deleted, on this request."""
        return self._sealed.expired

    @property
    def exists(self) -> bool:
        return bool(self.answered)

    def organisation(self) -> Organisation | None:
        chosen = str(self.answers.get("organisation", ""))
        if self._organisation is None or self._organisation[0] != chosen:
            found = (
                reporting_organisations().filter(pk=int(chosen)).first()
                if chosen.isdigit()
                else None
            )
            self._organisation = (chosen, found)
        return self._organisation[1]

    def preset_organisation(self, organisation: Organisation) -> None:
        """The organisation from the reporting link or the reporter's account: the
        question page is skipped, and the check page still offers to change it."""
        self.answers["organisation"] = str(organisation.pk)
        self.answered.add("organisation")
        self.organisation_preset = True
        self._save()

    def keep(self, page: str, values: dict[str, Any]) -> None:
        """What was posted on one page, whether or not it was accepted: the reporter's
        words survive a refusal and a Back link alike."""
        self.answers.update({name: _bounded(value) for name, value in values.items()})
        self.answered.add(page)
        if page == "organisation":
            self.organisation_preset = False
        self._save()

    def _save(self) -> None:
        self._sealed.write(
            {
                "answers": self.answers,
                "answered": sorted(self.answered),
                "organisation_preset": self.organisation_preset,
            }
        )

    def discard(self) -> None:
        self.answers, self.answered, self.organisation_preset = {}, set(), False
        self._sealed.discard()

    def keep_key(self, response: HttpResponse) -> HttpResponse:
        return self._sealed.keep_key(response)
