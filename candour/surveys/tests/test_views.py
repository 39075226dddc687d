from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from candour.ideas.models import Idea
from candour.ideas.vocabulary import IdeaSource
from candour.notifications.models import Notification
from candour.surveys import services
from candour.surveys.models import Invitation, Response, Wave
from candour.surveys.tests.helpers import add_staff, full_answers
from conftest import World, signed_in_client

pytestmark = pytest.mark.django_db


def _open_today(world: World) -> services.OpenedWave:
    return services.open_wave(
        actor=world.admin,
        organisation=world.riverside,
        title="Autumn",
        teams=[world.assessment, world.child_in_need],
        closes_on=timezone.localdate() + timedelta(days=14),
    )


def _closed_wave_with_results(world: World) -> Wave:
    people = [world.staff, world.manager, *add_staff(world.assessment, 4)]  # 6
    small = [world.other_manager, *add_staff(world.child_in_need, 1)]  # 2
    opened = _open_today(world)
    for person in people + small:
        services.submit_answers(token=opened.tokens[person.pk], data=full_answers(agree=5))
    return services.close_wave(actor=world.admin, wave=opened.wave)


def test_the_administrator_opens_a_wave_from_the_form(world: World) -> None:
    client = signed_in_client(world.admin)
    closes = (timezone.localdate() + timedelta(days=10)).strftime("%d/%m/%Y")
    response = client.post(
        reverse("surveys:open"),
        {
            "title": "Winter",
            "teams": [str(world.assessment.pk)],
            "closes_on": closes,
            "extra_questions": "We debrief after hard visits.\n",
        },
    )
    wave = Wave.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("surveys:wave", args=[wave.pk])
    assert wave.questions.get().text == "We debrief after hard visits."
    assert Invitation.objects.filter(wave=wave).count() == 2
    bad = client.post(reverse("surveys:open"), {"title": "", "closes_on": "soon"})
    assert bad.status_code == 400
    assert "Choose at least one team" in bad.content.decode()


def test_answering_through_the_link_needs_no_account_and_works_once(world: World) -> None:
    opened = _open_today(world)
    url = reverse("surveys:answer", args=[opened.tokens[world.staff.pk]])
    anonymous = Client()
    page = anonymous.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Mistakes are held against me." in body
    assert "How often do you feel tired?" in body
    missing = anonymous.post(url, {"ps1": "4"})
    assert missing.status_code == 400
    assert "There is a problem" in missing.content.decode()
    assert 'value="4" checked' in missing.content.decode()
    done = anonymous.post(url, full_answers())
    assert done.status_code == 302
    assert done["Location"] == reverse("surveys:thanks")
    again = anonymous.get(url)
    assert again.status_code == 410
    assert "This link has already been used" in again.content.decode()
    assert anonymous.get(reverse("surveys:answer", args=["nope"])).status_code == 404


def test_the_link_says_when_the_survey_has_closed(world: World) -> None:
    opened = _open_today(world)
    services.close_wave(actor=world.admin, wave=opened.wave)
    url = reverse("surveys:answer", args=[opened.tokens[world.staff.pk]])
    closed = Client().post(url, full_answers())
    assert closed.status_code == 410
    assert "This survey has closed" in closed.content.decode()
    assert not Response.objects.exists()


def test_the_administrator_sees_counts_only_and_can_remind(world: World) -> None:
    opened = _open_today(world)
    services.submit_answers(token=opened.tokens[world.staff.pk], data=full_answers())
    client = signed_in_client(world.admin)
    page = client.get(reverse("surveys:wave", args=[opened.wave.pk])).content.decode()
    assert 'id="count-answered">fewer than 5<' in page
    for person in (world.staff, world.manager, world.other_manager):
        assert person.email not in page
        assert person.full_name not in page
    Notification.objects.all().delete()
    reminded = client.post(reverse("surveys:remind", args=[opened.wave.pk]), follow=True)
    shown = reminded.content.decode()
    assert "Reminders sent to everyone who has not answered yet" in shown
    assert "2 people" not in shown
    assert world.staff.pk not in set(Notification.objects.values_list("recipient_id", flat=True))


def test_while_open_the_answer_count_is_shown_in_bands_of_5(world: World) -> None:
    people = [world.staff, world.manager, *add_staff(world.assessment, 6)]  # 8 invited
    opened = _open_today(world)
    for person in people[:7]:
        services.submit_answers(token=opened.tokens[person.pk], data=full_answers())
    client = signed_in_client(world.admin)
    url = reverse("surveys:wave", args=[opened.wave.pk])
    page = client.get(url).content.decode()
    assert 'id="count-answered">5 or more<' in page
    assert ">7<" not in page
    services.close_wave(actor=world.admin, wave=opened.wave)
    assert 'id="count-answered">7<' in client.get(url).content.decode()


def test_a_reminder_sent_while_someone_is_half_way_through_does_not_break_their_link(
    world: World,
) -> None:
    opened = _open_today(world)
    first = reverse("surveys:answer", args=[opened.tokens[world.staff.pk]])
    person = Client()
    assert person.get(first).status_code == 200
    signed_in_client(world.admin).post(reverse("surveys:remind", args=[opened.wave.pk]))
    sent = person.post(first, full_answers())
    assert sent.status_code == 302
    assert sent["Location"] == reverse("surveys:thanks")
    newest = Notification.objects.filter(recipient=world.staff).latest("pk").url
    assert newest != first
    again = person.get(newest)
    assert again.status_code == 410
    assert "This link has already been used" in again.content.decode()
    unknown = person.get(reverse("surveys:answer", args=["x" * 43]))
    assert unknown.status_code == 404
    assert "This survey link is not recognised" in unknown.content.decode()


def test_who_sees_what(world: World) -> None:
    wave = _closed_wave_with_results(world)
    results = reverse("surveys:results", args=[wave.pk])
    assert signed_in_client(world.staff).get(results).status_code == 404
    assert signed_in_client(world.staff).get(reverse("surveys:waves")).status_code == 404
    assert signed_in_client(world.other_admin).get(results).status_code == 404
    assert (
        signed_in_client(world.other_admin).get(reverse("surveys:wave", args=[wave.pk])).status_code
        == 404
    )
    assert (
        signed_in_client(world.manager).get(reverse("surveys:wave", args=[wave.pk])).status_code
        == 404
    )
    national = signed_in_client(world.national_analyst)
    assert national.get(results).status_code == 404
    assert national.get(reverse("surveys:results-csv", args=[wave.pk])).status_code == 404
    assert national.get(reverse("surveys:waves"))["Location"] == reverse("surveys:benchmark")
    benchmark = national.get(reverse("surveys:benchmark"))
    assert benchmark.status_code == 200
    assert "Riverside" in benchmark.content.decode()
    assert signed_in_client(world.admin).get(reverse("surveys:benchmark")).status_code == 404
    for reader in (world.manager, world.analyst, world.admin):
        page = signed_in_client(reader).get(results)
        assert page.status_code == 200
        body = page.content.decode()
        assert "Suggest an improvement from this finding" in body
        assert "Child in Need" in body


def test_results_show_small_teams_as_fewer_than_five(world: World) -> None:
    wave = _closed_wave_with_results(world)
    body = signed_in_client(world.manager).get(reverse("surveys:results", args=[wave.pk]))
    text = body.content.decode()
    assert "fewer than 5" in text
    assert "NHS staff survey" in text
    assert "about 72 to 75%" in text
    assert "<svg" in text
    assert "not shown (small team)" in text  # reports beside a team of fewer than 5 staff


def test_the_csv_holds_only_the_suppressed_figures(world: World) -> None:
    wave = _closed_wave_with_results(world)
    response = signed_in_client(world.analyst).get(reverse("surveys:results-csv", args=[wave.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    header, respondents = rows[0], rows[1]
    assert header[2:] == ["Riverside", "Assessment", "Child in Need"]
    # Two teams: the small one (2) is hidden, so the other must be too (8 - 6 = 2).
    assert respondents[2:] == ["8", "hidden", "fewer than 5"]
    for row in rows[2:]:
        assert row[3] in {"hidden", ""}
        assert row[4] == "fewer than 5"
        assert row[2] not in {"", "hidden", "fewer than 5"}


def test_an_idea_raised_from_the_survey_records_its_source(world: World) -> None:
    wave = _closed_wave_with_results(world)
    client = signed_in_client(world.manager)
    form = client.get(reverse("ideas:new") + f"?source_survey={wave.pk}").content.decode()
    assert f'name="source_survey" value="{wave.pk}"' in form
    data = {
        "team": str(world.assessment.pk),
        "problem_kind": "waste",
        "problem": "People do not feel safe to say they are behind.",
        "idea": "A weekly ten-minute huddle on caseloads.",
        "expected_benefit": "Problems raised sooner.",
        "source_survey": str(wave.pk),
        "stage": "confirm",
    }
    check = client.post(reverse("ideas:new"), {**data, "stage": "check"}).content.decode()
    assert "Raised from the safety culture survey" in check
    response = client.post(reverse("ideas:new"), data)
    idea = Idea.objects.get()
    assert response.status_code == 302
    assert idea.source == IdeaSource.SURVEY
    assert idea.source_note == wave.title
    page = client.get(reverse("ideas:idea", args=[idea.pk])).content.decode()
    assert "Raised from the safety culture survey" in page
    # Another organisation's wave is ignored, not trusted.
    other = signed_in_client(world.other_admin)
    data_other = {**data, "team": str(world.moorland_team.pk)}
    other.post(reverse("ideas:new"), data_other)
    assert Idea.objects.exclude(pk=idea.pk).get().source == IdeaSource.STAFF
