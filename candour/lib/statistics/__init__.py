"""Organisational health statistics: the latent conditions, computed without Django.

Pure functions over small typed inputs, so the workforce app (imports, pages, tasks)
can call them and tests can check them by hand. See docs/adr/0014.

- ``workforce``: the DfE children's social work workforce indicators, exactly.
- ``working_days``: which days count as working days.
- ``absence``: spells, days lost, short and long term, reasons, Bradford factor.
- ``concentration``: Lorenz curve, Gini coefficient, share held by the top fifth.
- ``control_charts``: seasonal baseline, Shewhart run rules, CUSUM, EWMA for demand.
- ``spiral``: the early-warning status (steady, strained, spiralling) with evidence.
"""
