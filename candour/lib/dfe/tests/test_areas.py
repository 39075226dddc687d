"""Renamed and shared-service local authorities resolved from the published rows."""

from __future__ import annotations

from candour.lib.dfe.areas import (
    AreaDirectory,
    PublishedArea,
    SourceKind,
    audit_code,
    member_codes,
)


def _years(first: int, last: int) -> frozenset[str]:
    return frozenset(str(year) for year in range(first, last + 1))


DIRECTORY = AreaDirectory(
    [
        PublishedArea("E10000023", "North Yorkshire", _years(2013, 2023)),
        PublishedArea("E06000065", "North Yorkshire", _years(2023, 2025)),
        PublishedArea("E08000019", "Sheffield", _years(2013, 2025)),
        PublishedArea("E08000039", "Sheffield", _years(2025, 2025)),
        PublishedArea("E09000021", "Kingston upon Thames", _years(2013, 2025)),
        PublishedArea("E09000027", "Richmond upon Thames", _years(2013, 2025)),
        PublishedArea(
            "E09000021 / E09000027",
            "Kingston upon Thames / Richmond upon Thames",
            _years(2017, 2025),
        ),
        PublishedArea("E09000023", "Lewisham", _years(2013, 2025)),
    ]
)


def test_each_authority_is_listed_once_under_its_current_code():
    choices = DIRECTORY.choices()

    assert list(choices.values()).count("North Yorkshire") == 1
    assert "E06000065" in choices
    assert "E10000023" not in choices
    # Both Sheffield codes reach 2025: the one first published later is the current one.
    assert "E08000039" in choices
    assert "E08000019" not in choices
    assert choices["E09000021 / E09000027"] == (
        "Kingston upon Thames / Richmond upon Thames (shared service)"
    )


def test_an_earlier_code_resolves_to_the_current_one_with_its_provenance():
    assert DIRECTORY.current("E10000023") == "E06000065"
    sources = DIRECTORY.sources("E10000023")

    assert [(s.code, s.kind) for s in sources] == [
        ("E06000065", SourceKind.OWN),
        ("E10000023", SourceKind.EARLIER_CODE),
    ]
    assert sources[1].provenance == "published under the earlier code E10000023 (2013 to 2023)"


def test_a_council_in_a_shared_service_falls_back_to_the_shared_figures_last():
    sources = DIRECTORY.sources("E09000027")

    assert [(s.code, s.kind) for s in sources] == [
        ("E09000027", SourceKind.OWN),
        ("E09000021 / E09000027", SourceKind.COMBINED),
    ]
    assert "shared service Kingston upon Thames / Richmond upon Thames" in sources[1].provenance
    assert [s.code for s in DIRECTORY.sources("E09000023")] == ["E09000023"]


def test_a_shared_code_splits_and_is_written_without_spaces_for_the_audit_trail():
    assert member_codes("E09000021 / E09000027") == ("E09000021", "E09000027")
    assert audit_code("E09000021 / E09000027") == "E09000021/E09000027"
    assert audit_code("E09000023") == "E09000023"
