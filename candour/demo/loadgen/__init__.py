"""Volume data for the national-scale benchmark (``candour generate-load-data``, issue 10)."""
