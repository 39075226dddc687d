"""Count the SQL queries a page takes, to show that it takes the same number however many
rows it lists (no query per row)."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def queries_for(client: Client, url: str, **params: str) -> tuple[int, str]:
    """The number of queries a GET of the page took, and the page."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured), response.content.decode()
