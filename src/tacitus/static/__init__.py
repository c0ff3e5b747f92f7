"""Files the web UI and the situation report serve or inline: our own pages in this package, and
the front-end libraries `make setup` installs from the npm registry into ``vendor/``."""

from __future__ import annotations

from pathlib import Path

STATIC = Path(__file__).parent
VENDOR = STATIC / "vendor"


class MissingVendorFile(RuntimeError):
    """A front-end library `make setup` installs is absent."""


def vendor_file(name: str) -> Path:
    """The path of a front-end library file (``d3.min.js``, ``topojson-client.min.js``,
    ``countries-110m.json``), or a clear error saying how to install it."""
    path = VENDOR / name
    if not path.is_file():
        raise MissingVendorFile(
            f"{path} is missing: run `make setup` (it installs the web UI's libraries with npm)"
        )
    return path
