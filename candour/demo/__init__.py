"""Demo data and load generation: depends on the apps; nothing depends on it (ADR 0023).

`candour load-demo-data` (`core.load_demo_data` and the per-app loaders beside it),
`candour generate-load-data` (`loadgen/`) and `candour demo-security-code`.
"""
