"""OpenAPI schema and Swagger UI."""

import re

import pytest
from django.test import Client


@pytest.mark.django_db
def test_schema_lists_the_api(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/auth/login" in schema["paths"]


@pytest.mark.django_db
def test_swagger_ui_loads_only_local_pinned_assets(client, settings):
    settings.WHITENOISE_USE_FINDERS = True  # read when the client's handler loads the middleware
    settings.WHITENOISE_AUTOREFRESH = True
    client = Client()
    page = client.get("/api/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "//" not in " ".join(re.findall(r"""(?:src|href)=["']([^"']+)""", html))  # no CDN, no other host
    assets = re.findall(r"""["'](/static/drf_spectacular_sidecar/swagger-ui-dist/[^"']+)""", html)
    assert any(asset.endswith("swagger-ui-bundle.js") for asset in assets)
    for asset in assets:
        response = client.get(asset)
        assert response.status_code == 200, asset
        assert b"".join(response.streaming_content)
    assert "cdn.jsdelivr.net" not in page["Content-Security-Policy"]


def test_schema_is_valid_openapi_without_warnings(tmp_path):
    from django.core.management import call_command

    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    assert "/api/v1/chat/conversations/" in target.read_text()


# --- the schema says what each operation answers ----------------------------------------------------

UNSAFE = {"post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def schema() -> dict:
    from drf_spectacular.generators import SchemaGenerator

    generated: dict = SchemaGenerator().get_schema(request=None, public=True)
    return generated


def _operations(schema: dict):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def test_every_operation_declares_the_errors_it_can_answer(schema):
    error_ref = "#/components/schemas/Error"
    for path, method, operation in _operations(schema):
        responses = operation["responses"]
        where = f"{method.upper()} {path}"
        expected = {"400", "414", "429", "503"}  # a bad query string, throttling, Redis down: everywhere
        if "requestBody" in operation:
            expected.add("413")
        if {"jwtAuth": []} in operation.get("security", []):
            expected.add("401")
            if method in UNSAFE and not path.startswith("/api/v1/auth/"):
                expected |= {"409", "422"}  # Idempotency-Key
        if "{" in path:
            expected.add("404")
        assert expected <= set(responses), (where, expected - set(responses))
        for status, response in responses.items():
            if status >= "400":
                assert response["content"]["application/json"]["schema"] == {"$ref": error_ref}, (where, status)


def test_plan_limits_and_missing_configuration_are_declared(schema):
    paths = schema["paths"]
    assert "402" in paths["/api/v1/courses/"]["post"]["responses"]
    assert "402" in paths["/api/v1/chat/conversations/{id}/messages/"]["post"]["responses"]
    assert "402" in paths["/api/v1/materials/"]["post"]["responses"]  # file size or storage
    assert "402" not in paths["/api/v1/search/semantic"]["get"]["responses"]  # every plan
    assert "503" in paths["/api/v1/auth/google"]["post"]["responses"]


def test_every_example_matches_its_schema(schema):
    from jsonschema import Draft202012Validator

    checked = 0
    for path, method, operation in _operations(schema):
        bodies = [(status, r.get("content", {})) for status, r in operation["responses"].items()]
        bodies.append(("request", operation.get("requestBody", {}).get("content", {})))
        for status, content in bodies:
            for media in content.values():
                for name, example in media.get("examples", {}).items():
                    validator = Draft202012Validator({**media["schema"], "components": schema["components"]})
                    errors = [e.message for e in validator.iter_errors(example["value"])]
                    assert not errors, (method.upper(), path, status, name, errors)
                    checked += 1
    assert checked > 20


@pytest.mark.django_db
def test_lists_are_documented_as_they_answer(schema):
    """Every GET under /api/v1/ is called; a paginated answer must be documented paginated, and vice versa."""
    from django.urls import reverse
    from rest_framework.test import APIClient

    from apps.accounts.services import token_pair_for
    from apps.accounts.tests.factories import UserFactory
    from maigie.tests.routes import OWNED, api_routes

    staff = UserFactory.create(is_staff=True)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_pair_for(user=staff)['access']}")
    components = schema["components"]["schemas"]
    checked = 0
    for name, methods in api_routes(with_ids=False) + api_routes(with_ids=True):
        if "GET" not in methods:
            continue
        kwargs = OWNED[name](staff) if name in OWNED else {}
        url = reverse(name, kwargs=kwargs)
        template = url
        for key, value in kwargs.items():
            template = template.replace(str(value), "{id}" if key == "pk" else "{" + key + "}")
        if template.startswith("/api/v1/auth/google/web/"):
            continue  # allauth's redirect flow: plain Django views, not in the schema
        operation = schema["paths"][template]["get"]
        response = client.get(url)
        if response.status_code != 200 or not response["Content-Type"].startswith("application/json"):
            continue
        documented = operation["responses"]["200"]["content"]["application/json"]["schema"]
        ref = documented.get("$ref", "").rsplit("/", 1)[-1]
        documented_paginated = "results" in components.get(ref, {}).get("properties", {})
        answered_paginated = isinstance(response.json(), dict) and {"count", "next", "previous", "results"} == set(
            response.json()
        )
        assert documented_paginated == answered_paginated, (url, documented)
        if answered_paginated:
            assert {"page", "page_size"} <= {p["name"] for p in operation["parameters"]}, url
        checked += 1
    assert checked > 20


def _required_query(operation: dict) -> dict[str, str]:
    """A valid value for each required query parameter."""
    samples = {"date": "2026-01-05", "date-time": "2026-01-05T09:00:00Z"}
    query = {}
    for parameter in operation.get("parameters", []):
        if parameter["in"] == "query" and parameter.get("required"):
            kind = parameter["schema"]
            query[parameter["name"]] = kind["enum"][0] if "enum" in kind else samples.get(kind.get("format", ""), "x")
    return query


@pytest.mark.django_db
def test_garbage_query_parameters_are_400(schema):
    """``null`` or a word where a typed query parameter (boolean, integer, uuid, enum, date) is expected."""
    from rest_framework.test import APIClient

    from apps.accounts.services import token_pair_for
    from apps.accounts.tests.factories import UserFactory

    staff = UserFactory.create(is_staff=True, tier="PREMIUM_MONTHLY")  # /admin/ lists and semantic search answer
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_pair_for(user=staff)['access']}")
    typed = 0
    for path, method, operation in _operations(schema):
        if method != "get" or "{" in path:
            continue
        for parameter in operation.get("parameters", []):
            kind = parameter["schema"]
            if parameter["in"] != "query" or (
                kind.get("type") == "string" and not kind.get("format", kind.get("enum"))
            ):
                continue
            for garbage in ("null", "garbage"):
                response = client.get(path, {**_required_query(operation), parameter["name"]: garbage})
                assert response.status_code == 400, (path, parameter["name"], garbage, response.status_code)
                assert parameter["name"] in response.json()["error"]["details"], (path, parameter["name"])
            typed += 1
    assert typed > 10


@pytest.mark.django_db
def test_enum_query_parameters_take_any_letter_case_and_name_their_choices(schema):
    """Each query parameter with choices (filters, orderings): ``high`` is ``HIGH``; another word, a 400 naming them."""
    from rest_framework.test import APIClient

    from apps.accounts.services import token_pair_for
    from apps.accounts.tests.factories import UserFactory

    staff = UserFactory.create(is_staff=True, tier="PREMIUM_MONTHLY")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_pair_for(user=staff)['access']}")
    checked = 0
    for path, method, operation in _operations(schema):
        if method != "get" or "{" in path or path == "/api/schema/":  # the schema's ?format= is its own rule
            continue
        for parameter in operation.get("parameters", []):
            choices = [choice for choice in parameter["schema"].get("enum", []) if choice]
            if parameter["in"] != "query" or not choices:
                continue
            name, query = parameter["name"], _required_query(operation)
            response = client.get(path, {**query, name: choices[-1].swapcase()})
            assert response.status_code == 200, (path, name, choices[-1].swapcase(), response.content[:300])
            response = client.get(path, {**query, name: "no-such-choice"})
            assert response.status_code == 400, (path, name)
            message = response.json()["error"]["details"][name][0]
            assert all(choice in message for choice in choices), (path, name, message)
            checked += 1
    assert checked > 15


def test_an_upload_naming_an_object_declares_the_404_of_another_learners_object(schema):
    """A multipart body with a ``*_id`` field (``chat/voice``'s ``conversation_id``) can answer 404."""
    assert "404" in schema["paths"]["/api/v1/chat/voice"]["post"]["responses"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "starts"), [("?format=json", b"{"), ("?format=yaml", b"openapi:"), ("", b"openapi:")]
)
def test_the_schema_format_can_be_chosen_in_the_query(client, query, starts):
    response = client.get(f"/api/schema/{query}")
    assert response.status_code == 200
    assert response.content.lstrip().startswith(starts)


@pytest.mark.django_db
def test_an_unknown_schema_format_is_a_json_404(client):
    response = client.get("/api/schema/?format=xml")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_request_bodies_declare_that_unknown_fields_are_refused(schema):
    components = schema["components"]["schemas"]
    requests = {name: component for name, component in components.items() if name.endswith("Request")}
    assert len(requests) > 50
    assert {name for name, component in requests.items() if component.get("additionalProperties") is not False} == set()
    assert "additionalProperties" not in components["CourseOutput"]  # answers may grow fields
