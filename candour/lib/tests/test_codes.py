from __future__ import annotations

from candour.lib.codes import LOOK_ALIKES, READABLE_ALPHABET, readable_code


def test_printed_codes_never_hold_a_look_alike_character() -> None:
    codes = [readable_code(12) for _ in range(500)]
    assert all(len(code) == 12 for code in codes)
    assert not set("".join(codes)) & LOOK_ALIKES
    assert set("".join(codes)) <= set(READABLE_ALPHABET)
    assert len(set(codes)) == len(codes)
