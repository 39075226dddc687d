"""Labels are measured, then wrapped or shortened to the room they have."""

from __future__ import annotations

from candour.lib.charts.text import ELLIPSIS, shorten, text_width, wrap


def test_wider_text_measures_wider() -> None:
    assert text_width("WWW") > text_width("iii")
    assert text_width("Reports", 20) > text_width("Reports", 16)
    assert text_width("Reports", bold=True) > text_width("Reports")


def test_measures_at_least_what_dejavu_sans_draws() -> None:
    # DejaVu Sans at 16px draws "Referrals" 72.4px wide (fontTools, its advance widths).
    assert 72.4 <= text_width("Referrals") <= 72.4 * 1.06


def test_a_long_label_wraps_onto_lines_that_each_fit() -> None:
    label = "Information not shared between agencies at the strategy discussion"
    lines = wrap(label, 200, max_lines=5)

    assert len(lines) > 1
    assert all(text_width(line) <= 200 for line in lines)
    assert " ".join(lines) == label


def test_what_will_not_fit_in_the_lines_allowed_ends_with_an_ellipsis() -> None:
    label = "Information not shared between agencies at the strategy discussion"
    lines = wrap(label, 150, max_lines=2)

    assert len(lines) == 2
    assert lines[-1].endswith(ELLIPSIS)
    assert all(text_width(line) <= 150 for line in lines)


def test_one_long_word_is_shortened_rather_than_left_to_overflow() -> None:
    shortened = shorten("Supercalifragilisticexpialidocious", 80)

    assert shortened.endswith(ELLIPSIS)
    assert text_width(shortened) <= 80


def test_text_that_fits_is_left_alone() -> None:
    assert wrap("Near miss", 300) == ["Near miss"]
    assert shorten("Near miss", 300) == "Near miss"
