"""Reports given on paper, by phone or in person, and the paper form itself (ADR 0035)."""
