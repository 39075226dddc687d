"""Charts as plain data: round ticks, label widths and where every shape goes (issue 18).

Pure: no Django. The platform's `candour.core.charts` turns these drawings into SVG
through templates, for the pages and the bulletin PDF alike (ADR 0026).
"""
