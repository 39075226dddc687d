from __future__ import annotations

import io
import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.learning.similar.search import SimilarReport, similar_reports
from candour.learning.similar.store import build_index, shared_reports, update_index
from candour.learning.tests.factories import COURT, LIKE_VISIT, STRATEGY, VISIT, in_moorland
from candour.lib.text.similar_reports import SimilarReports
from candour.reporting.models import Report
from candour.reporting.tests.factories import reviewed_report, submit
from conftest import World

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def index_dir(settings, tmp_path: Path) -> Path:
    settings.CANDOUR_SIMILARITY_DIR = tmp_path / "similarity"
    return Path(settings.CANDOUR_SIMILARITY_DIR)


def references(found: list[SimilarReport]) -> list[str]:
    return [item.reference for item in found]


def test_a_build_indexes_every_organisations_reviewed_reports_and_nothing_else(
    world: World, index_dir: Path
) -> None:
    visit = reviewed_report(world, VISIT)
    court = in_moorland(world, COURT)
    unreviewed = submit(world).report

    change = build_index()

    assert (change.full, change.indexed, change.added, change.removed) == (True, 2, 2, 0)
    index = SimilarReports.load(index_dir)
    assert visit.pk in index.index
    assert court.pk in index.index
    assert unreviewed.pk not in index.index
    # Each report is in its organisation's group.
    assert [hit.id for hit in index.similar(COURT, k=5, groups=[world.moorland.pk])] == [court.pk]
    assert [hit.id for hit in index.similar(COURT, k=5, groups=[world.riverside.pk])] == [visit.pk]


def test_an_update_adds_newly_reviewed_reports_and_drops_ineligible_ones(
    world: World, index_dir: Path
) -> None:
    visit = reviewed_report(world, VISIT)
    court = reviewed_report(world, COURT)
    build_index()
    strategy = reviewed_report(world, STRATEGY)
    # No service un-reviews a report today; an update must still drop one that is not eligible.
    Report.objects.filter(pk=court.pk).update(redactions_reviewed_at=None)

    change = update_index()

    assert change.full is False
    assert change.removed == 1
    assert change.added >= 1
    assert change.indexed == 2
    index = SimilarReports.load(index_dir)
    assert strategy.pk in index.index
    assert visit.pk in index.index
    assert court.pk not in index.index
    assert index.index.generation == 2


def test_an_update_with_nothing_new_saves_nothing(world: World, index_dir: Path) -> None:
    reviewed_report(world, VISIT)
    Report.objects.update(redactions_reviewed_at=timezone.now() - timedelta(days=1))
    build_index()

    change = update_index()

    assert (change.saved, change.added, change.removed, change.indexed) == (False, 0, 0, 1)
    assert SimilarReports.load(index_dir).index.generation == 1


def test_an_update_without_an_index_builds_one(world: World, index_dir: Path) -> None:
    visit = reviewed_report(world, VISIT)
    change = update_index()
    assert change.full is True
    assert visit.pk in SimilarReports.load(index_dir).index


def test_the_persisted_index_finds_similar_reports_indexed_or_not(world: World) -> None:
    visit = reviewed_report(world, VISIT)
    reviewed_report(world, COURT)
    reviewed_report(world, STRATEGY)
    indexed = reviewed_report(world, LIKE_VISIT)
    build_index()
    not_yet_indexed = reviewed_report(
        world, "The baby was not seen at the home visit; mum said asleep."
    )
    loaded = shared_reports()
    assert loaded is not None
    assert not_yet_indexed.pk not in loaded.index

    found = similar_reports(indexed, k=3)
    assert references(found)[0] == visit.reference
    assert indexed.reference not in references(found)
    # Not indexed yet: searched by its text; the newer report is not in the index either.
    found = similar_reports(not_yet_indexed, k=3)
    assert set(references(found)[:2]) == {visit.reference, indexed.reference}
    assert not_yet_indexed.reference not in references(found)


def test_hits_are_checked_against_the_database_before_they_are_shown(world: World) -> None:
    visit = reviewed_report(world, VISIT)
    reviewed_report(world, COURT)
    new = reviewed_report(world, LIKE_VISIT)
    build_index()
    Report.objects.filter(pk=visit.pk).update(redactions_reviewed_at=None)
    loaded = shared_reports()
    assert loaded is not None
    assert visit.pk in [hit.id for hit in loaded.similar_to(new.pk, k=3)]

    assert visit.reference not in references(similar_reports(new, k=3))


def test_search_is_restricted_to_the_allowed_organisations(world: World) -> None:
    theirs = in_moorland(world, VISIT)
    ours = reviewed_report(world, COURT)
    new = reviewed_report(world, LIKE_VISIT)
    build_index()

    own_only = similar_reports(new, k=5)
    assert references(own_only) == [ours.reference]
    both = similar_reports(new, k=5, organisation_ids={world.riverside.pk, world.moorland.pk})
    assert both[0].reference == theirs.reference
    assert both[0].organisation == "Moorland"
    assert both[0].excerpt == VISIT


def test_without_an_index_reports_are_compared_per_request(world: World, index_dir: Path) -> None:
    visit = reviewed_report(world, VISIT)
    reviewed_report(world, COURT)
    in_moorland(world, LIKE_VISIT)
    new = reviewed_report(world, LIKE_VISIT)

    found = similar_reports(new, k=3)

    assert references(found)[0] == visit.reference
    assert all(item.organisation == "Riverside" for item in found)
    # The web never builds the index itself.
    assert not index_dir.exists()


def test_an_unreadable_index_falls_back_to_the_per_request_search(
    world: World, index_dir: Path
) -> None:
    visit = reviewed_report(world, VISIT)
    new = reviewed_report(world, LIKE_VISIT)
    index_dir.mkdir(parents=True)
    (index_dir / "manifest.json").write_text("not json", encoding="utf-8")

    assert shared_reports() is None
    assert references(similar_reports(new, k=1)) == [visit.reference]


def test_the_command_builds_then_updates_and_audits_counts_only(
    world: World, index_dir: Path
) -> None:
    reviewed_report(world, VISIT)
    in_moorland(world, COURT)
    out, err = io.StringIO(), io.StringIO()

    call_command("build_similarity_index", stdout=out, stderr=err)

    assert "Indexed 2 reviewed reports" in out.getvalue()
    assert "generation 1" in out.getvalue()
    assert "Indexing reports" in err.getvalue()
    reviewed_report(world, STRATEGY)
    out = io.StringIO()
    call_command("build_similarity_index", "--update", "--no-progress", stdout=out)
    assert "Added or refreshed" in out.getvalue()
    assert "removed 0: 3 reports indexed" in out.getvalue()

    events = list(
        AuditEvent.objects.filter(event_type=AuditEventType.SIMILARITY_INDEX_BUILT).order_by(
            "sequence"
        )
    )
    assert [event.data["full"] for event in events] == [True, False]
    assert events[0].data["indexed"] == 2
    assert events[1].data["indexed"] == 3
    assert all(event.actor_id is None for event in events)
    recorded = json.dumps([event.data for event in events])
    for word in ("baby", "court", "strategy", "visit"):
        assert word not in recorded.lower()
