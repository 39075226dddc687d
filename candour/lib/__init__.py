"""Pure libraries: no Django, no database, no Candour app (ADR 0023).

Apps import these; these import only each other and third-party maths and text packages.
`candour/lib/tests/test_pure.py` checks every module here imports without Django.
"""
