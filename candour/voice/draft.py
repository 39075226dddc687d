"""A child's or family's answers between pages, sealed in the session (ADR 0029).

The same ``SealedDraft`` as the report journey: the session row holds only ciphertext,
and the browser holds half of the key in an HttpOnly cookie that dies when it closes.
It keeps the answers so far (by feedback link) and, once sent, what the thank-you page
needs (whether a concern was found, the private reply code), so neither the child's
words nor the code that reads the answer sit in the session table in plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import update_wrapper
from typing import Any, Concatenate, ParamSpec

from django.http import HttpRequest, HttpResponse

from candour.keys.sealed_drafts import SealedDraft

# As long as a report's draft: a child who stops for a break comes back to their answers.
IDLE = timedelta(hours=2)

P = ParamSpec("P")


class FeedbackDraft:
    """The answers for each feedback link this browser is part way through, and what the
    last sent feedback's thank-you page shows."""

    def __init__(self, request: HttpRequest) -> None:
        self._sealed = SealedDraft(request, name="feedback", idle=IDLE)
        stored = self._sealed.read()
        answers = stored.get("answers")
        self._answers: dict[str, dict[str, str]] = answers if isinstance(answers, dict) else {}
        done = stored.get("done")
        self.done: dict[str, Any] = done if isinstance(done, dict) else {}

    def answers(self, token: str) -> dict[str, str]:
        return dict(self._answers.get(token, {}))

    def save(self, token: str, answers: dict[str, str]) -> None:
        self._answers[token] = answers
        self._write()

    def sent(self, token: str, done: dict[str, Any]) -> None:
        """The answers for ``token`` are gone (they were sent); ``done`` is what the
        thank-you page needs."""
        self._answers.pop(token, None)
        self.done = done
        self._write()

    def _write(self) -> None:
        self._sealed.write({"answers": self._answers, "done": self.done})

    def keep_key(self, response: HttpResponse) -> HttpResponse:
        return self._sealed.keep_key(response)


def with_draft(
    view: Callable[Concatenate[HttpRequest, FeedbackDraft, P], HttpResponse],
) -> Callable[Concatenate[HttpRequest, P], HttpResponse]:
    """Give the view the browser's draft, and the browser its half of the key afterwards."""

    def wrapped(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        draft = FeedbackDraft(request)
        return draft.keep_key(view(request, draft, *args, **kwargs))

    update_wrapper(wrapped, view)
    return wrapped
