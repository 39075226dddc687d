"""Coarse dates: weeks and months instead of moments, so a stored date cannot time an
event (ADR 0005). Pure: no Django."""

from __future__ import annotations

from datetime import date, timedelta


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def month_start(day: date) -> date:
    return day.replace(day=1)
