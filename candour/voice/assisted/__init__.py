"""Feedback given on paper, by phone or in person, and the paper forms (ADR 0035)."""
