"""The reporter's journey: one short question page at a time, a check page, and sending
(ADR 0029). The half-finished report waits, sealed, in the server-side session."""
