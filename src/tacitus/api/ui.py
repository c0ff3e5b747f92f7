"""The web UI: our page, script and style (``tacitus/static``) and the front-end libraries
`make setup` installs (``tacitus/static/vendor``), served by the API's app under a strict
Content-Security-Policy: scripts only from these files, no inline script, no other origin."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException, status
from fastapi.responses import FileResponse

from tacitus.static import STATIC, MissingVendorFile, vendor_file

#: The policy of the UI's responses: nothing inline and nothing from another origin (the page
#: builds every node with textContent, so an article's markup stays text even if it got in).
UI_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)
#: Our own files, with their media types.
OWN_FILES = {
    "index.html": "text/html; charset=utf-8",
    "app.js": "text/javascript; charset=utf-8",
    "app.css": "text/css; charset=utf-8",
    "favicon.svg": "image/svg+xml",
}
#: The libraries, with their media types.
VENDOR_FILES = {
    "d3.min.js": "text/javascript; charset=utf-8",
    "topojson-client.min.js": "text/javascript; charset=utf-8",
    "countries-110m.json": "application/json",
}

router = APIRouter(include_in_schema=False)


def _file(path: Path, media_type: str) -> FileResponse:
    return FileResponse(
        path,
        media_type=media_type,
        headers={"Content-Security-Policy": UI_POLICY, "Cache-Control": "no-cache"},
    )


@router.get("/")
def page() -> FileResponse:
    return _file(STATIC / "index.html", OWN_FILES["index.html"])


@router.get("/static/{name}")
def static_file(name: str) -> FileResponse:
    if name in OWN_FILES and name != "index.html":
        return _file(STATIC / name, OWN_FILES[name])
    if name in VENDOR_FILES:
        try:
            return _file(vendor_file(name), VENDOR_FILES[name])
        except MissingVendorFile:
            raise HTTPException(
                status.HTTP_503_SERVICE_UNAVAILABLE,
                "the UI's libraries are not installed: run `make setup`",
            ) from None
    raise HTTPException(status.HTTP_404_NOT_FOUND, "no such file")
