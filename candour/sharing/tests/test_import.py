from __future__ import annotations

from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.sharing import services
from candour.sharing.models import ChildFlag
from candour.sharing.tests.support import NUMBERS

SPACED = f"{NUMBERS[1][:3]} {NUMBERS[1][3:6]} {NUMBERS[1][6:]}"
HEADER = "NHS number,Plan type,Start date,End date,Team name,Team phone,Team email\n"


def test_a_good_file_is_imported_whole(world):
    data = (
        HEADER
        + f"{NUMBERS[0]},cpp,2026-01-05,,Assessment,01632 960000,cp@riverside.example\n"
        + f"{SPACED},lac,01/02/2025,,Children in care,01632 960001,\n"
    )

    result = services.import_flags(actor=world.manager, organisation=world.riverside, data=data)

    assert result.ok
    assert result.flags == 2
    assert sorted(ChildFlag.objects.values_list("nhs_number", flat=True)) == sorted(NUMBERS[:2])
    event = AuditEvent.objects.get(event_type=AuditEventType.SHARING_FLAGS_IMPORTED)
    assert event.data == {"flags": 2}


def test_one_bad_row_means_nothing_is_imported_and_every_problem_has_its_line(world):
    data = (
        HEADER
        + f"{NUMBERS[0]},cpp,2026-01-05,,Assessment,01632 960000,\n"
        + "9990000019,cpp,2026-01-05,,Assessment,01632 960000,\n"
        + f"{NUMBERS[2]},holiday,2026-01-05,,Assessment,01632 960000,\n"
        + f"{NUMBERS[3]},lac,2026-01-05,2025-01-01,Assessment,01632 960000,\n"
    )

    result = services.import_flags(actor=world.manager, organisation=world.riverside, data=data)

    assert not result.ok
    assert not ChildFlag.objects.exists()
    found = {(p.line, p.column) for p in result.problems}
    assert found == {(3, "NHS number"), (4, "Plan type"), (5, "End date")}
    nhs = next(p for p in result.problems if p.line == 3)
    assert "last digit does not match" in nhs.reason
    assert nhs.value == ""  # the number is not repeated back
    assert "9990000019" not in " ".join(str(p) for p in result.problems)
