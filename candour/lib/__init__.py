"""Pure libraries: no Django, no app (ADR 0023)."""
