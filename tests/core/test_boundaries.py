"""Architecture rules: core and lint never import streamlit; lint never imports sqlalchemy or core."""

from __future__ import annotations

import subprocess
import sys

import pytest

_PROBE = """
import importlib, pkgutil, sys
package = importlib.import_module({package!r})
for info in pkgutil.walk_packages(package.__path__, {package!r} + "."):
    if ".migrations" in info.name:
        continue
    importlib.import_module(info.name)
print(",".join(sorted(m for m in {forbidden!r} if m in sys.modules)))
"""


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("core", ["streamlit"]),
        ("lint", ["streamlit", "sqlalchemy", "core"]),
    ],
)
def test_boundaries_package_does_not_import(package, forbidden):
    result = subprocess.run([sys.executable, "-c", _PROBE.format(package=package, forbidden=forbidden)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
