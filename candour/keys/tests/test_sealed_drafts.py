"""Drafts sealed in the session: unreadable without both the browser's half of the key
and the key-encryption key, and gone when discarded or left too long."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.contrib.sessions.backends.db import SessionStore
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from candour.keys import envelope
from candour.keys.sealed_drafts import SealedDraft

pytestmark = pytest.mark.django_db

WORDS = "I visited Kasia Nowak at 14 Elm Road."
IDLE = timedelta(hours=2)


def _request(session: SessionStore, cookies: dict[str, str] | None = None) -> HttpRequest:
    request = RequestFactory().get("/")
    request.session = session
    request.COOKIES.update(cookies or {})
    return request


def _written(session: SessionStore) -> dict[str, str]:
    """Write a draft; the cookie the browser was given."""
    draft = SealedDraft(_request(session), name="test", idle=IDLE)
    draft.write({"words": WORDS})
    response = draft.keep_key(HttpResponse())
    session.save()
    return {name: morsel.value for name, morsel in response.cookies.items()}


def test_a_draft_reads_back_only_with_the_browsers_half_of_the_key() -> None:
    session = SessionStore()
    cookies = _written(session)
    stored = SessionStore(session.session_key)
    assert WORDS not in json.dumps(stored.load())
    assert SealedDraft(_request(stored, cookies), name="test", idle=IDLE).read() == {"words": WORDS}
    assert SealedDraft(_request(stored), name="test", idle=IDLE).read() == {}
    forged = {name: "A" * 43 for name in cookies}
    assert SealedDraft(_request(stored, forged), name="test", idle=IDLE).read() == {}


def test_the_key_needs_the_key_encryption_key_too(settings: Any) -> None:
    session = SessionStore()
    cookies = _written(session)
    settings.CANDOUR_KEY_ENCRYPTION_KEY = "another-key-encryption-key-of-32-characters"
    assert SealedDraft(_request(session, cookies), name="test", idle=IDLE).read() == {}


def test_the_split_key_changes_with_either_half() -> None:
    kek = envelope.derive_kek("k" * 32)
    other_kek = envelope.derive_kek("j" * 32)
    key = envelope.derive_split_key(kek, b"s" * 32, purpose="draft")
    assert key != envelope.derive_split_key(other_kek, b"s" * 32, purpose="draft")
    assert key != envelope.derive_split_key(kek, b"t" * 32, purpose="draft")
    assert key != envelope.derive_split_key(kek, b"s" * 32, purpose="other")
    assert len(key) == 32


def test_discarding_deletes_the_draft_and_the_cookie() -> None:
    session = SessionStore()
    cookies = _written(session)
    draft = SealedDraft(_request(session, cookies), name="test", idle=IDLE)
    draft.discard()
    response = draft.keep_key(HttpResponse())
    assert dict(session) == {}
    (morsel,) = response.cookies.values()
    assert morsel["max-age"] == 0


def test_a_draft_left_too_long_is_deleted_and_said_to_have_expired() -> None:
    session = SessionStore()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        cookies = _written(session)
        clock.shift(IDLE + timedelta(seconds=1))
        draft = SealedDraft(_request(session, cookies), name="test", idle=IDLE)
    assert draft.expired
    assert draft.read() == {}
    assert dict(session) == {}


def test_a_new_draft_gets_a_new_secret() -> None:
    session = SessionStore()
    first = _written(session)
    draft = SealedDraft(_request(session, first), name="test", idle=IDLE)
    draft.discard()
    draft.write({"words": "again"})
    second = {n: m.value for n, m in draft.keep_key(HttpResponse()).cookies.items()}
    assert second != first
    assert SealedDraft(_request(session, first), name="test", idle=IDLE).read() == {}
