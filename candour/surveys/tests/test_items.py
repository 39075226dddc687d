from __future__ import annotations

from candour.surveys.items import AGREE, CBI, item_set


def test_item_data_loads_with_composites_and_the_full_cbi() -> None:
    questions = item_set(1)
    keys = [item.key for item in questions.items]
    assert len(keys) == len(set(keys))
    composites = {c.key: c for c in questions.composites}
    assert set(composites) >= {
        "psychological_safety",
        "response_to_error",
        "speaking_up",
        "supervisor_support",
        "learning",
        "stress_recognition",
        "workload",
        "intention_to_stay",
    }
    # Kristensen et al. 2005: 6 personal, 7 work-related, 6 client-related items.
    assert [len(composites[k].items) for k in ("cbi_personal", "cbi_work", "cbi_client")] == [
        6,
        7,
        6,
    ]
    assert all(composites[k].kind == CBI for k in ("cbi_personal", "cbi_work", "cbi_client"))
    assert composites["speaking_up"].kind == AGREE
    assert questions.item("re1").text == "Mistakes are held against me."
    assert questions.item("re1").reverse
    # The one reversed CBI item: energy for family and friends.
    assert [i.key for i in questions.items if i.reverse and i.scale != AGREE] == ["cbi_w7"]
    assert "Kristensen" in questions.attribution
    assert questions.free_text[0].text == "What one thing would make it safer to speak up here?"
    assert {questions.item(k).reference for k in ("re3", "su1")} == {
        "fair_treatment",
        "raising_concerns",
    }
