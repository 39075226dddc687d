"""The package stays pure Python: no Django, no database, importable anywhere."""

import subprocess
import sys


def test_importing_the_package_loads_no_django():
    code = (
        "import sys, candour.lib.text.classifier as s; "
        "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules), 'django'; "
        "print(len(s.__all__))"
    )
    # A fresh interpreter, because pytest-django has already imported Django here.
    result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )

    assert result.returncode == 0, result.stderr
