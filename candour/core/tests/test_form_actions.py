"""The one form-to-service shape (core/form_actions.py): where a refusal lands, what is
kept, and what the person is told."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.test import RequestFactory

from candour.core.form_actions import Done, attempt, submit


class NameForm(forms.Form):
    name = forms.CharField(max_length=20)
    reason = forms.CharField(required=False)


def _request(method: str = "post", data: dict[str, str] | None = None) -> HttpRequest:
    factory = RequestFactory()
    request: HttpRequest = (factory.post if method == "post" else factory.get)("/", data or {})
    request.session = SessionStore()
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    return request


def _said(request: HttpRequest) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(request)]


def test_a_valid_form_calls_the_service_with_its_data_and_says_so() -> None:
    request = _request(data={"name": "Ward"})
    called: list[dict[str, Any]] = []

    def service(data: dict[str, Any]) -> str:
        called.append(data)
        return str(data["name"]).upper()

    done = submit(request, NameForm(request.POST), service, success=lambda v: f"Saved {v}")
    assert done == Done("WARD")
    assert called == [{"name": "Ward", "reason": ""}]
    assert _said(request) == [("success", "Saved WARD")]


def test_an_invalid_form_never_reaches_the_service() -> None:
    request = _request(data={"name": "x" * 30})
    form = NameForm(request.POST)
    assert submit(request, form, lambda data: pytest.fail("service called")) is None
    assert "name" in form.errors
    assert _said(request) == []


def test_a_get_shows_the_form_without_calling_anything() -> None:
    request = _request("get")
    assert submit(request, NameForm(), lambda data: pytest.fail("service called")) is None


def test_a_refusal_naming_a_field_lands_on_it_and_keeps_everything_typed() -> None:
    request = _request(data={"name": "Ward", "reason": "because"})
    form = NameForm(request.POST)

    def refuse(data: dict[str, Any]) -> None:
        raise ValidationError({"name": "That name is taken", "elsewhere": "Not on the form"})

    assert submit(request, form, refuse, success="never") is None
    assert form.errors["name"] == ["That name is taken"]
    assert form.non_field_errors() == ["Not on the form"]
    assert form["reason"].value() == "because"
    assert _said(request) == []


def test_a_plain_refusal_goes_above_the_form() -> None:
    request = _request(data={"name": "Ward"})
    form = NameForm(request.POST)

    def refuse(data: dict[str, Any]) -> None:
        raise ValidationError("The wave has closed")

    assert submit(request, form, refuse) is None
    assert form.non_field_errors() == ["The wave has closed"]


def test_a_button_refused_says_why_in_the_page_message() -> None:
    request = _request()

    def refuse() -> None:
        raise ValidationError(["Already acknowledged.", "Nothing changed."])

    assert attempt(request, refuse, success="never") is None
    assert _said(request) == [("error", "Already acknowledged. Nothing changed.")]


def test_a_button_done_is_true_even_when_the_service_returns_nothing() -> None:
    request = _request()
    done = attempt(request, lambda: None, success="Acknowledged")
    assert done is not None
    assert bool(done) is True
    assert done.value is None
    assert _said(request) == [("success", "Acknowledged")]
    # An empty message says nothing rather than an empty banner.
    quiet = _request()
    attempt(quiet, lambda: "", success=lambda said: said)
    assert _said(quiet) == []


def test_a_refusal_after_an_earlier_check_can_land_on_that_form() -> None:
    request = _request(data={"name": "Ward"})
    form = NameForm(request.POST)
    assert form.is_valid()

    def refuse() -> None:
        raise ValidationError({"name": "Taken since you checked"})

    assert attempt(request, refuse, form=form) is None
    assert form.errors["name"] == ["Taken since you checked"]
    assert _said(request) == []
