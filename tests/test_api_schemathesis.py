"""Schemathesis against the API's own OpenAPI description: whatever the parameters and bodies
(valid or not), no endpoint answers with a 5xx, and every answer has a documented media type.

Bounded to a few examples per operation (hypothesis settings below) so the run takes about a
minute here; the writes run too, with the token, over a store of their own.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from test_store import make_extraction

from tacitus.api import create_app
from tacitus.store import ingest, open_store

TOKEN = "schemathesis-token"
EXAMPLES_PER_OPERATION = 12


def seeded_app():
    """The app over a store of three articles, in a folder removed when the tests end. Built
    at import: schemathesis reads the OpenAPI description when pytest collects the tests
    (its fixture loader does not run on this pytest). The pipeline loads on the first write."""
    url = f"sqlite:///{Path(STORE_FOLDER.name) / 'store.db'}"
    ingest(
        open_store(url),
        [
            make_extraction("fuzz-1", "2024-01-02", "UKR", "ASSAULT"),
            make_extraction("fuzz-2", "2024-01-03", "SYR", "PROTEST"),
            make_extraction("fuzz-3", None, "NGA", "COERCE"),
        ],
    )
    return create_app(url, TOKEN)


STORE_FOLDER = tempfile.TemporaryDirectory(prefix="tacitus-schemathesis-")
schema = schemathesis.openapi.from_asgi("/openapi.json", seeded_app())


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_input_makes_a_server_error(case) -> None:
    case.call_and_validate(
        headers={"Authorization": f"Bearer {TOKEN}"}, checks=[not_a_server_error]
    )
