"""The one throttle every limit counts in (core/throttle.py), and the migration that
merged the two it replaced without losing a running window."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from candour.core import throttle
from candour.core.models import Throttle

pytestmark = pytest.mark.django_db

WINDOW = timedelta(minutes=15)
START = datetime(2026, 3, 5, 10, 7, 30, tzinfo=UTC)


def test_hit_refuses_past_the_limit_until_the_window_passes() -> None:
    with time_machine.travel(START, tick=False) as clock:
        assert [throttle.hit("t:a", limit=2, window=WINDOW) for _ in range(3)] == [
            True,
            True,
            False,
        ]
        clock.shift(WINDOW - timedelta(seconds=1))
        assert throttle.hit("t:a", limit=2, window=WINDOW) is False
        clock.shift(timedelta(seconds=1))
        assert throttle.hit("t:a", limit=2, window=WINDOW) is True
        # Other keys have their own allowance.
        assert throttle.hit("t:b", limit=2, window=WINDOW) is True


def test_an_aligned_window_starts_on_the_clock_not_at_the_first_attempt() -> None:
    with time_machine.travel(START, tick=False):
        throttle.hit("t:aligned", limit=5, window=WINDOW, aligned=True)
        throttle.hit("t:free", limit=5, window=WINDOW)
    started = {t.key: t.window_started_at for t in Throttle.objects.all()}
    assert started["t:aligned"] == datetime(2026, 3, 5, 10, 0, tzinfo=UTC)
    assert started["t:free"] == START


def test_add_counts_without_a_limit_and_used_reads_only_the_current_window() -> None:
    with time_machine.travel(START, tick=False) as clock:
        assert [throttle.add("t:c", window=WINDOW) for _ in range(4)] == [1, 2, 3, 4]
        assert throttle.used(["t:c", "t:none"], window=WINDOW) == {"t:c": 4}
        clock.shift(WINDOW)
        assert throttle.used(["t:c"], window=WINDOW) == {}
        assert throttle.add("t:c", window=WINDOW) == 1


def test_first_refusal_is_true_once_a_window() -> None:
    with time_machine.travel(START, tick=False) as clock:
        assert throttle.first_refusal("t:r", window=WINDOW) is True
        assert throttle.first_refusal("t:r", window=WINDOW) is False
        clock.shift(WINDOW)
        assert throttle.first_refusal("t:r", window=WINDOW) is True


def test_clear_and_forget_expired_delete_only_what_they_name() -> None:
    with time_machine.travel(START, tick=False) as clock:
        throttle.add("p:old", window=WINDOW)
        throttle.add("q:old", window=WINDOW)
        clock.shift(WINDOW * 2)
        throttle.add("p:new", window=WINDOW)
        throttle.add("p:gone", window=WINDOW)
        throttle.clear("p:gone")
        assert throttle.forget_expired("p:", window=WINDOW) == 1
    assert sorted(Throttle.objects.values_list("key", flat=True)) == ["p:new", "q:old"]


# Going back a migration needs SQLite outside a transaction (its schema editor refuses
# inside one), while PostgreSQL changes schemas inside the test's own transaction, and must,
# since its audit triggers refuse the TRUNCATE that ends a transactional test.
@pytest.mark.django_db(transaction=connection.vendor == "sqlite")
def test_the_merge_migration_carries_running_windows_over() -> None:
    executor = MigrationExecutor(connection)
    before = [
        ("core", "0003_organisation_safety_lead"),
        ("reporting", "0001_initial"),
        ("accounts", "0001_initial"),
    ]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    old.get_model("reporting", "RateBucket").objects.create(
        key="receipt:client:abc", window_started_at=START, count=3
    )
    old.get_model("accounts", "SignInThrottle").objects.create(
        key="f" * 64, window_started_at=START, failures=2
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    rows = {t.key: (t.window_started_at, t.count) for t in Throttle.objects.all()}
    assert rows == {"receipt:client:abc": (START, 3), "f" * 64: (START, 2)}


def test_a_key_longer_than_the_column_is_refused_on_every_database() -> None:
    """SQLite would store it; PostgreSQL refuses it mid-page with a server error."""
    with pytest.raises(ValueError, match="longer than the column"):
        throttle.hit("library:search:" + "a" * 64, limit=5, window=timedelta(minutes=1))
    assert throttle.hit("library-search:" + "a" * 40, limit=5, window=timedelta(minutes=1))
