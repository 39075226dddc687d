"""Statistics for Candour's figures, pure (ADR 0023)."""
