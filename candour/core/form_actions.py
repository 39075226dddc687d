"""The one shape of a view that changes something: validate, call the service, show why
not or say it is done.

Every write goes through a service function that raises ValidationError when it refuses
(CONVENTIONS.md). Views used to write the same try/except/message lines around each call;
these two functions are that shape once, so that a refusal always lands in the same place:
on the form (next to its field where the service names one, everything typed kept) when
there is a form, or in the page's error message when the action is a single button.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest

T = TypeVar("T")


@dataclass(frozen=True)
class Done(Generic[T]):
    """The service did it; `value` is what it returned (a Done is always true)."""

    value: T


Success = str | Callable[[Any], str] | None


def _say_done(request: HttpRequest, success: Success, value: object) -> None:
    text = success(value) if callable(success) else success
    if text:
        messages.success(request, text)


def add_refusal(form: BaseForm, exc: ValidationError) -> None:
    """Put a service's refusal on the form: on the field it names, else above the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def submit(
    request: HttpRequest,
    form: BaseForm,
    action: Callable[[dict[str, Any]], T],
    *,
    success: Success = None,
) -> Done[T] | None:
    """On a POST, validate the form and call `action` with its cleaned data.

    Returns Done(result) when the service did it (with `success` as the message, a string
    or a function of the result); None on a GET, an invalid form or a refusal, which is
    then on the form so the page can be shown again with everything typed kept.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        value = action(form.cleaned_data)
    except ValidationError as exc:
        add_refusal(form, exc)
        return None
    _say_done(request, success, value)
    return Done(value)


def attempt(
    request: HttpRequest,
    action: Callable[[], T],
    *,
    success: Success = None,
    form: BaseForm | None = None,
) -> Done[T] | None:
    """Call a service whose input is already checked (a button, or a form validated at an
    earlier step). A refusal goes on `form` if one is given, else becomes the page's error
    message. Returns Done(result), or None if the service refused."""
    try:
        value = action()
    except ValidationError as exc:
        if form is not None:
            add_refusal(form, exc)
        else:
            messages.error(request, " ".join(exc.messages))
        return None
    _say_done(request, success, value)
    return Done(value)
