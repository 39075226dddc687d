"""Whatever a child types, the journey keeps it, shows it back and stores it, or says why.

Children paste, use emoji and right-to-left scripts, and phones insert odd characters; a
crash or a lost answer would lose the one piece of feedback they gave.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from candour.voice.models import Feedback
from candour.voice.tests.factories import feedback_link
from candour.voice.tests.pages import walk
from conftest import World

pytestmark = pytest.mark.django_db

WORDS = st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=300).filter(
    lambda text: text.strip()
)


class UndoError(Exception):
    """Rolls one example back."""


@settings(
    max_examples=15,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(words=WORDS)
@example(words="I like my social worker\x00 she is kind")
@example(words="😀 مرحبا \u202e she came on time")
def test_any_words_are_kept_to_the_end(world: World, words: str) -> None:
    try:
        with transaction.atomic():
            token = feedback_link(world).token
            client = Client()
            check = walk(client, token, "13_plus", {"rating": "good", "what_was_good": words})
            assert "Check your answers" in check
            kept = words.replace("\x00", "").strip()
            if not any(mark in kept for mark in "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"):
                assert escape(kept) in check  # shown back whole before sending
            client.post(reverse("voice:check", args=[token]))
            stored = Feedback.objects.get(link__token=token)
            # Stored de-identified, so compare what cannot have been redacted: the length
            # is there, and nothing was silently dropped to empty.
            assert stored.what_was_good.strip() or not kept
            raise UndoError
    except UndoError:
        pass
