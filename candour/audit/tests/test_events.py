"""The event registry: one stored value per event, and a description for each."""

from __future__ import annotations

from candour.audit.events import _DESCRIPTIONS, REPORTER_EVENTS, AuditEventType


def test_no_two_event_names_share_a_stored_value() -> None:
    # An alias (a second name for a value already used) would read back as the first name.
    aliases = [name for name, member in AuditEventType.__members__.items() if member.name != name]
    assert aliases == []
    values = [member.value for member in AuditEventType]
    assert len(values) == len(set(values))


def test_every_event_type_has_a_description_and_no_description_is_orphaned() -> None:
    missing = [member.name for member in AuditEventType if member not in _DESCRIPTIONS]
    assert missing == []
    assert set(_DESCRIPTIONS) == set(AuditEventType)
    for member in AuditEventType:
        text = str(member.description)
        assert text.strip(), member.name
        assert text != member.value, member.name  # words for people, not the stored code


def test_descriptions_tell_event_types_apart() -> None:
    texts = [str(member.description) for member in AuditEventType]
    duplicated = sorted({text for text in texts if texts.count(text) > 1})
    assert duplicated == []


def test_reporter_events_are_registered_event_types() -> None:
    assert set(AuditEventType) >= REPORTER_EVENTS
