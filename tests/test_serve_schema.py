"""Schemathesis against the workbench's OpenAPI document: no 5xx, every response matches its schema.

Each API operation gets generated requests (Hypothesis) sent to the ASGI app in-process; the schemathesis
checks (server errors, status codes, content types, response schemas) run on every response.
"""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, given, settings  # noqa: E402

from according.serve.app import create_app  # noqa: E402
from serve_archive import build_archive  # noqa: E402


@pytest.fixture(scope="module")
def api_schema():
    app = create_app(build_archive(), token="schema-token")
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)


def operations():
    from according.serve.api import router

    return [(method, route.path) for route in router.routes for method in sorted(route.methods)]


@pytest.mark.parametrize(("method", "path"), operations())
def test_api_conforms(api_schema, method, path):
    operation = api_schema["/api/v1" + path][method]

    @given(case=operation.as_strategy())
    @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def check(case):
        case.call_and_validate()

    check()
