from collections import Counter

import pytest

from candour.lib.dfe import read_statistical_neighbours
from candour.lib.dfe.loader import DfeFormatError
from candour.lib.dfe.neighbours import NEIGHBOURS_FILENAME, Closeness


@pytest.fixture(scope="module")
def neighbours(dfe_dir):
    return read_statistical_neighbours(dfe_dir / NEIGHBOURS_FILENAME)


def test_every_local_authority_has_ten_distinct_neighbours(neighbours):
    assert len(neighbours) == 153
    for code, entry in neighbours.items():
        assert len(set(entry.neighbour_codes)) == 10
        assert code not in entry.neighbour_codes
        assert [n.rank for n in entry.neighbours] == list(range(1, 11))


def test_first_row_read_by_hand(neighbours):
    barking = neighbours["301"]
    assert (barking.la_name, barking.region_name, barking.region_code) == (
        "Barking and Dagenham",
        "London",
        "E12000007",
    )
    assert barking.neighbour_codes[:3] == ("308", "821", "313")
    assert barking.neighbours[0].closeness is Closeness.CLOSE  # "Close " with a trailing space
    assert barking.neighbours[9].closeness is Closeness.SOMEWHAT_CLOSE


def test_every_local_authority_in_the_statistics_has_neighbours(neighbours, observations):
    for dataset in ("cin", "csww_indicators"):
        areas = {o.area for o in observations if o.dataset == dataset and o.time_period == "2025"}
        for area in areas:
            if area.level == "Local authority":
                assert all(code in neighbours for code in area.old_la_codes), area


def test_closeness_labels(neighbours):
    labels = Counter(n.closeness for entry in neighbours.values() for n in entry.neighbours)
    assert sum(labels.values()) == 1530
    assert set(labels) == set(Closeness)


def test_an_unknown_neighbour_fails_loudly(tmp_path, dfe_dir):
    lines = (dfe_dir / NEIGHBOURS_FILENAME).read_text(encoding="utf-8-sig").splitlines()
    path = tmp_path / NEIGHBOURS_FILENAME
    path.write_text("\n".join(lines[:2]) + "\n")  # one LA whose neighbours are not in the file
    with pytest.raises(DfeFormatError, match="unknown or self neighbours"):
        read_statistical_neighbours(path)
