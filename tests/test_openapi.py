"""The committed contract: openapi/openapi.json is what the app serves, and every operation is documented."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from asn_api.core.config import Settings
from asn_api.main import create_app

SPEC = Path(__file__).resolve().parents[1] / "openapi" / "openapi.json"
PROBLEM = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
TOKEN_PATH = "/api/v1/auth/token"
REGENERATE = "regenerate it with `make openapi` (asn-api openapi --output openapi/openapi.json)"


@pytest.fixture(scope="module")
def document() -> dict:
    # The settings the `asn-api openapi` command uses; the document must not depend on them anyway.
    return create_app(Settings(env="development", log_level="WARNING")).openapi()


def _operations(document: dict):
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            yield path, method, operation


def test_committed_spec_equals_the_app(document):
    assert SPEC.exists(), f"openapi/openapi.json is missing; {REGENERATE}"
    committed = json.loads(SPEC.read_text(encoding="utf-8"))
    assert committed == document, f"openapi/openapi.json is stale; {REGENERATE}"


async def test_served_spec_equals_the_committed_one(client):
    response = await client.get("/openapi.json")
    assert response.status_code == 200
    assert response.json() == json.loads(SPEC.read_text(encoding="utf-8"))


def test_spec_does_not_depend_on_settings(document):
    other = Settings(env="test", jwt_secret="s" * 40, cors_origins=["https://example.org"],
                     log_level="WARNING")
    assert create_app(other).openapi() == document


def test_operation_ids_are_unique_verb_noun(document):
    ids = [operation.get("operationId") for _, _, operation in _operations(document)]
    assert all(ids), "an operation has no operationId"
    duplicates = [name for name, count in Counter(ids).items() if count > 1]
    assert duplicates == []
    api_ids = [op["operationId"] for path, _, op in _operations(document) if path.startswith("/api/v1/")]
    assert [name for name in api_ids if not re.fullmatch(r"[a-z]+(_[a-z0-9]+)+", name)] == []


def test_every_api_operation_has_a_tag_and_a_success_response(document):
    for path, method, operation in _operations(document):
        if not path.startswith("/api/v1/"):
            continue
        assert operation.get("tags"), (method, path)
        assert any(code.startswith("2") for code in operation["responses"]), (method, path)


def test_every_api_operation_documents_its_error_responses(document):
    """Each error a route can answer is listed, and as the problem+json it really is."""
    missing = []
    for path, method, operation in _operations(document):
        if not path.startswith("/api/v1/") or path == TOKEN_PATH:
            continue
        responses = operation["responses"]
        where = f"{method.upper()} {path}"
        security = operation.get("security") or []
        scopes = [scope for requirement in security for scope in requirement.get("OAuth2PasswordBearer", [])]
        parameters = operation.get("parameters", [])
        expected = set()
        if security:
            expected.add("401")
        if scopes:
            expected.add("403")
        if "{" in path:
            expected.add("404")
        if parameters or "requestBody" in operation:
            expected.add("422")
        if any(p["in"] == "header" and p["name"].lower() == "if-match" for p in parameters):
            expected.add("412")
        missing += [f"{where} {status}" for status in sorted(expected - set(responses))]
        for status, response in responses.items():
            if int(status) >= 400:
                assert response.get("content") == PROBLEM, f"{where} {status} is not problem+json"
    assert missing == [], "undocumented error responses"


def test_single_resource_writes_take_if_match(document):
    """api.md §1: PATCH/PUT/DELETE honour If-Match (412), so the header is documented on each of them."""
    lacking = []
    for path, method, operation in _operations(document):
        if path.startswith("/api/v1/") and method in ("patch", "delete") and "{" in path:
            names = {p["name"].lower() for p in operation.get("parameters", []) if p["in"] == "header"}
            if "if-match" not in names and "api-clients" not in path:  # clients carry no version
                lacking.append(f"{method.upper()} {path}")
    assert lacking == []


def test_token_endpoint_documents_oauth_errors(document):
    operation = document["paths"][TOKEN_PATH]["post"]
    assert "application/x-www-form-urlencoded" in operation["requestBody"]["content"]
    for status in ("400", "401", "429"):
        schema = operation["responses"][status]["content"]["application/json"]["schema"]
        assert schema["$ref"].endswith("/OAuthErrorBody"), status


def test_no_framework_validation_schema_leaks(document):
    text = json.dumps(document)
    assert "HTTPValidationError" not in text
    problem = document["components"]["schemas"]["Problem"]
    assert {"type", "title", "status", "detail", "code"} <= set(problem["required"])


def test_org_unit_bodies_have_examples_and_forbid_unknown_fields(document):
    schemas = document["components"]["schemas"]
    create = schemas["OrgUnitCreate"]
    assert create.get("examples") and create.get("additionalProperties") is False
    assert set(create["required"]) == {"code", "name", "kind"}
    assert "required" not in schemas["OrgUnitUpdate"]  # PATCH is partial
