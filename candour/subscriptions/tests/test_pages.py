"""The 'Your subscriptions' page, the follow buttons and one-click unsubscribe."""

from __future__ import annotations

import base64
import re

from django.core import signing
from django.test import Client
from django.urls import reverse

from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.learning.themes.services import create_theme
from candour.reporting.vocabulary import Setting
from candour.subscriptions.links import unsubscribe_token
from candour.subscriptions.models import DigestPreference, Subscription
from candour.subscriptions.services import follow
from candour.subscriptions.vocabulary import Frequency, Kind
from conftest import World, signed_in_client

PAGE = reverse("subscriptions:page")


def test_follow_and_unfollow_a_setting_from_the_page(world: World) -> None:
    client = signed_in_client(world.staff)
    page = client.get(PAGE).content.decode()
    assert "Your subscriptions" in page
    assert "You follow none of these yet." in page
    # Staff are not the learning team: no theme may be followed.
    assert "Follow a theme" not in page
    response = client.post(
        reverse("subscriptions:follow"), {"kind": Kind.SETTING, "target": Setting.HOME_VISIT}
    )
    assert response.status_code == 302
    assert list(Subscription.objects.of(world.staff).values_list("kind", "target")) == [
        (Kind.SETTING, Setting.HOME_VISIT)
    ]
    page = client.get(PAGE).content.decode()
    assert 'Stop following<span class="govuk-visually-hidden"> A home visit' in page
    client.post(
        reverse("subscriptions:unfollow"), {"kind": Kind.SETTING, "target": Setting.HOME_VISIT}
    )
    assert not Subscription.objects.of(world.staff).exists()
    kinds = set(AuditEvent.objects.values_list("event_type", flat=True))
    assert AuditEventType.SUBSCRIPTION_FOLLOWED in kinds
    assert AuditEventType.SUBSCRIPTION_UNFOLLOWED in kinds


def test_choose_weekly_or_immediate(world: World) -> None:
    client = signed_in_client(world.staff)
    client.post(
        reverse("subscriptions:follow"), {"kind": Kind.SETTING, "target": Setting.HOME_VISIT}
    )
    assert DigestPreference.objects.get(user=world.staff).frequency == Frequency.WEEKLY
    client.post(reverse("subscriptions:frequency"), {"frequency": Frequency.IMMEDIATE})
    assert DigestPreference.objects.get(user=world.staff).frequency == Frequency.IMMEDIATE
    page = client.get(PAGE).content.decode()
    assert re.search(r'<input[^>]*value="immediate"[^>]*checked', page)


def test_nobody_follows_what_their_pages_do_not_show(world: World) -> None:
    theme = create_theme(actor=world.analyst, organisation=world.riverside, name="Visits")
    staff = signed_in_client(world.staff)
    staff.post(reverse("subscriptions:follow"), {"kind": Kind.THEME, "target": str(theme.pk)})
    staff.post(
        reverse("subscriptions:follow"),
        {"kind": Kind.TEAM, "target": str(world.moorland_team.pk)},
    )
    staff.post(reverse("subscriptions:follow"), {"kind": Kind.SETTING, "target": "nowhere"})
    assert not Subscription.objects.exists()
    page = staff.get(PAGE).content.decode()
    assert "Moorland North" not in page
    assert "You cannot follow that." in page  # the refusal, shown on the next page
    # The learning team may follow its own themes.
    analyst = signed_in_client(world.analyst)
    analyst.post(reverse("subscriptions:follow"), {"kind": Kind.THEME, "target": str(theme.pk)})
    assert Subscription.objects.of(world.analyst).filter(kind=Kind.THEME).exists()


def test_follow_buttons_on_the_theme_and_the_idea_board(world: World) -> None:
    theme = create_theme(actor=world.analyst, organisation=world.riverside, name="Visits")
    analyst = signed_in_client(world.analyst)
    theme_url = reverse("learning:theme", args=[theme.pk])
    assert 'name="kind" value="theme"' in analyst.get(theme_url).content.decode()
    response = analyst.post(
        reverse("subscriptions:follow"),
        {"kind": Kind.THEME, "target": str(theme.pk), "next": theme_url},
    )
    assert response["Location"] == theme_url
    assert "Stop following" in analyst.get(theme_url).content.decode()
    staff = signed_in_client(world.staff)
    board = staff.get(reverse("ideas:board")).content.decode()
    assert 'name="kind" value="team"' in board
    assert f'name="target" value="{world.assessment.pk}"' in board
    # An address elsewhere is never followed back.
    response = staff.post(
        reverse("subscriptions:follow"),
        {"kind": Kind.TEAM, "target": str(world.assessment.pk), "next": "https://evil.example/"},
    )
    assert response["Location"] == PAGE


def _followed(world: World) -> str:
    follow(actor=world.staff, kind=Kind.SETTING, target=Setting.HOME_VISIT)
    follow(actor=world.staff, kind=Kind.TEAM, target=str(world.assessment.pk))
    return unsubscribe_token(DigestPreference.objects.get(user=world.staff))


def test_the_landing_page_does_not_unsubscribe_on_get_but_its_button_does(world: World) -> None:
    token = _followed(world)
    client = Client(enforce_csrf_checks=True)  # nobody signed in
    url = reverse("subscriptions:unsubscribe", args=[token])
    page = client.get(url)
    assert page.status_code == 200
    assert "Stop digest emails" in page.content.decode()
    assert Subscription.objects.of(world.staff).count() == 2  # a scanner's GET does nothing
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    assert found is not None
    csrf = found.group(1)
    done = client.post(url, {"csrfmiddlewaretoken": csrf})
    assert done.status_code == 200
    assert "You have unsubscribed" in done.content.decode()
    assert not Subscription.objects.of(world.staff).exists()
    # The link is spent: every earlier link is revoked.
    again = client.get(url)
    assert again.status_code == 404
    assert "This link does not work" in again.content.decode()


def test_one_click_unsubscribe_takes_the_rfc_8058_post(world: World) -> None:
    token = _followed(world)
    client = Client(enforce_csrf_checks=True)  # a mail provider: no cookie, no CSRF token
    url = reverse("subscriptions:one-click", args=[token])
    assert client.get(url).status_code == 405
    assert client.post(url, {"List-Unsubscribe": "Other"}).status_code == 400
    assert Subscription.objects.of(world.staff).count() == 2
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscription.objects.of(world.staff).exists()
    assert DigestPreference.objects.get(user=world.staff).link_version == 2
    assert AuditEvent.objects.filter(
        event_type=AuditEventType.SUBSCRIPTION_UNSUBSCRIBED_BY_LINK
    ).exists()


def test_a_bad_or_altered_token_is_refused(world: World) -> None:
    token = _followed(world)
    client = Client(enforce_csrf_checks=True)
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for bad in (forged, "nonsense", token[:-1], "A" + token):
        url = reverse("subscriptions:one-click", args=[bad])
        assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 404
        assert client.get(reverse("subscriptions:unsubscribe", args=[bad])).status_code == 404
    assert Subscription.objects.of(world.staff).count() == 2


def test_the_link_does_not_show_whose_account_it_is(world: World) -> None:
    """A forwarded or logged link must not reveal the user id: it is sealed, not signed."""
    token = _followed(world)
    user_id = DigestPreference.objects.get(user=world.staff).user_id
    padded = token + "=" * (-len(token) % 4)
    opened = base64.urlsafe_b64decode(padded)
    assert f'"u": {user_id}'.encode() not in opened
    assert f'"u":{user_id}'.encode() not in opened
    assert b'"u"' not in opened


def test_a_link_signed_before_sealing_still_unsubscribes(world: World) -> None:
    _followed(world)
    preference = DigestPreference.objects.get(user=world.staff)
    legacy = signing.dumps(
        {"u": preference.user_id, "v": preference.link_version},
        salt="candour.subscriptions.unsubscribe",
    )
    client = Client(enforce_csrf_checks=True)
    url = reverse("subscriptions:one-click", args=[legacy])
    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert Subscription.objects.of(world.staff).count() == 0
    # Revoked like any other link once used.
    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 404
