"""The browser tests' marker: they run in every `pytest` run (CI installs Chromium)."""

from __future__ import annotations


def pytest_configure(config) -> None:
    config.addinivalue_line(
        "markers", "browser: drives the web UI in Debian's Chromium (/usr/bin/chromium)"
    )
