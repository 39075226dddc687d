from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.learning import services as learning_services
from candour.learning.models import Code, DefenceState
from candour.learning.similar.store import build_index
from candour.learning.tests.factories import COURT, LIKE_VISIT, STRATEGY, VISIT, in_moorland
from candour.reporting import services
from candour.reporting.models import Report
from candour.reporting.tests.factories import reviewed_report, submit
from conftest import World, signed_in_client

pytestmark = pytest.mark.django_db

QUERY = "baby not seen at a home visit"
NOT_NATIONAL = ["staff", "analyst", "manager", "other_manager", "admin", "other_admin"]


@pytest.fixture(autouse=True)
def index_dir(settings, tmp_path: Path) -> Path:
    settings.CANDOUR_SIMILARITY_DIR = tmp_path / "similarity"
    return Path(settings.CANDOUR_SIMILARITY_DIR)


@pytest.fixture
def national(world: World) -> Client:
    return signed_in_client(world.national_analyst)


def search(client: Client, **params: str) -> str:
    response = client.get(reverse("learning:national-search"), params)
    assert response.status_code == 200
    return response.content.decode()


def results_of(page: str) -> str:
    return page.split('id="results"')[1].split("</main>")[0]


def searches() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(event_type=AuditEventType.NATIONAL_SEARCH))


@pytest.mark.parametrize("with_index", [True, False], ids=["persisted index", "per request"])
def test_a_national_analyst_finds_similar_reports_from_two_organisations(
    world: World, national: Client, with_index: bool
) -> None:
    ours = reviewed_report(world, VISIT)
    theirs = in_moorland(world, LIKE_VISIT)
    court = in_moorland(world, COURT)
    if with_index:
        build_index()

    results = results_of(search(national, q=QUERY))

    assert ours.reference in results
    assert theirs.reference in results
    assert results.index(ours.reference) < results.index(court.reference)
    assert results.index(theirs.reference) < results.index(court.reference)
    assert "Riverside" in results
    assert "Moorland" in results
    assert "October 2026" in results
    assert "A home visit" in results
    assert "It was caught before it reached a child or family" in results
    assert reverse("learning:national-report", args=[theirs.reference]) in results


def test_the_excerpt_is_de_identified_and_unreviewed_reports_are_never_found(
    world: World, national: Client
) -> None:
    identifying = submit(world).report
    detected = {name: list(range(len(spans))) for name, spans in identifying.redactions.items()}
    services.review_redactions(
        actor=world.analyst, report=identifying, keep=detected, add_phrases={}
    )
    unreviewed = submit(world).report
    build_index()

    page = search(national, q="home visit, the baby was asleep and not seen")

    results = results_of(page)
    assert identifying.reference in results
    assert unreviewed.reference not in page
    assert "did not see the baby because mum said he was asleep" in results
    for secret in ("Kasia", "Nowak", "14 Elm Road", "RV1 2AB", "07700 900123"):
        assert secret not in page


def test_the_search_can_be_narrowed_to_one_organisation(world: World, national: Client) -> None:
    ours = reviewed_report(world, VISIT)
    theirs = in_moorland(world, LIKE_VISIT)
    build_index()

    page = search(national, q=QUERY, organisation=str(world.moorland.pk))

    results = results_of(page)
    assert theirs.reference in results
    assert ours.reference not in results
    assert "1 similar report in Moorland" in page
    assert f'<option value="{world.moorland.pk}" selected>Moorland</option>' in page
    # Only organisations that share learning are offered; the hub is not one.
    assert f'<option value="{world.riverside.pk}">Riverside</option>' in page
    assert f'value="{world.hub.pk}"' not in page
    hub_filter = {"q": QUERY, "organisation": str(world.hub.pk)}
    assert national.get(reverse("learning:national-search"), hub_filter).status_code == 404


def test_each_search_is_audited_with_counts_but_never_the_words(
    world: World, national: Client
) -> None:
    reviewed_report(world, VISIT)
    in_moorland(world, LIKE_VISIT)
    search(national)
    assert searches() == []

    search(national, q=QUERY)

    [event] = searches()
    assert event.actor_id == world.national_analyst.pk
    assert event.organisation_id == world.hub.pk
    assert event.data == {"results": 2, "organisations_searched": 2, "organisations_found": 2}
    recorded = json.dumps(event.data).lower()
    for word in ("baby", "seen", "home", "visit"):
        assert word not in recorded


def test_the_national_report_page_shows_the_report_its_coding_and_similar_reports(
    world: World, national: Client
) -> None:
    # Similar reports are earlier ones, so Moorland's come first.
    theirs = in_moorland(world, LIKE_VISIT)
    court = in_moorland(world, COURT)
    in_moorland(world, STRATEGY)
    ours = reviewed_report(world, VISIT)
    learning_services.save_coding(
        analyst=world.analyst,
        report=ours,
        choices=[
            learning_services.CodeChoice(Code.objects.get(key="event.child_not_seen")),
            learning_services.CodeChoice(
                Code.objects.get(key="defence.seeing_the_child"), DefenceState.FAILED
            ),
        ],
    )
    build_index()

    response = national.get(reverse("learning:national-report", args=[ours.reference]))

    assert response.status_code == 200
    page = response.content.decode()
    assert VISIT in page
    assert "Riverside" in page
    coding = page.split('id="coding"')[1].split("</dl>")[0]
    assert "A child was not seen, or not seen alone" in coding
    assert "Seeing and hearing the child: failed" in coding
    similar = page.split('id="similar-reports"')[1].split("</ul>")[0]
    assert similar.index(theirs.reference) < similar.index(court.reference)
    assert "Moorland" in similar
    assert ours.reference not in similar
    other = national.get(reverse("learning:national-report", args=[theirs.reference]))
    assert "Not coded yet." in other.content.decode()


def test_a_national_analyst_cannot_open_an_unreviewed_report(
    world: World, national: Client
) -> None:
    unreviewed = submit(world).report
    url = reverse("learning:national-report", args=[unreviewed.reference])
    assert national.get(url).status_code == 404


@pytest.mark.parametrize("persona", NOT_NATIONAL)
def test_nobody_else_finds_the_national_pages(world: World, persona: str) -> None:
    report = reviewed_report(world, VISIT)
    client = signed_in_client(getattr(world, persona))

    assert client.get(reverse("learning:national-search")).status_code == 404
    assert client.get(reverse("learning:national-search"), {"q": QUERY}).status_code == 404
    url = reverse("learning:national-report", args=[report.reference])
    assert client.get(url).status_code == 404
    assert searches() == []
    assert (
        reverse("learning:national-search") not in client.get(reverse("core:home")).content.decode()
    )


def test_national_analysts_find_the_search_in_the_navigation(
    world: World, national: Client
) -> None:
    # In the Learning section of the navigation (issue 18), listed under it on its pages.
    lessons = national.get(reverse("learning:lessons")).content.decode()
    assert "Learning" in lessons.split('id="navigation"')[1].split("</ul>")[0]
    pages = lessons.split("candour-section-navigation__list")[1].split("</ul>")[0]
    assert reverse("learning:national-search") in pages
    assert "Search across organisations" in pages


def test_a_report_queryset_for_national_analysts_is_empty_for_anyone_else(world: World) -> None:
    reviewed_report(world, VISIT)
    in_moorland(world, COURT)
    assert Report.objects.for_national_analysts(world.national_analyst).count() == 2
    for persona in NOT_NATIONAL:
        assert not Report.objects.for_national_analysts(getattr(world, persona)).exists()


def test_the_search_page_makes_as_many_queries_for_many_results_as_for_few(
    world: World,
    national: Client,
    django_assert_num_queries: Callable[..., AbstractContextManager[CaptureQueriesContext]],
) -> None:
    reviewed_report(world, VISIT)
    in_moorland(world, LIKE_VISIT)
    build_index()
    search(national, q=QUERY)  # the first search loads the index
    with django_assert_num_queries(100, exact=False) as few:
        assert results_of(search(national, q=QUERY)).count('class="govuk-summary-card"') == 2
    queries = len(few.captured_queries)
    for text in (COURT, STRATEGY, VISIT, LIKE_VISIT):
        reviewed_report(world, text)
        in_moorland(world, text)
    build_index()
    search(national, q=QUERY)
    with django_assert_num_queries(queries):
        assert results_of(search(national, q=QUERY)).count('class="govuk-summary-card"') == 10
