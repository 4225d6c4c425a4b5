"""Every accounts endpoint is in the OpenAPI schema, with its errors in the one shape."""

import pytest

ENDPOINTS = {
    "/api/v1/auth/register": "post",
    "/api/v1/auth/verify-email": "post",
    "/api/v1/auth/resend-verification": "post",
    "/api/v1/auth/login": "post",
    "/api/v1/auth/refresh": "post",
    "/api/v1/auth/logout": "post",
    "/api/v1/auth/password/change": "post",
    "/api/v1/auth/password/forgot": "post",
    "/api/v1/auth/password/reset": "post",
    "/api/v1/auth/google": "post",
    "/api/v1/users/me": "patch",
    "/api/v1/users/me/export": "get",
    "/api/v1/notifications/": "get",
    "/api/v1/notifications/{notification_id}/read": "post",
    "/api/v1/notifications/read-all": "post",
    "/api/v1/admin/users/": "get",
    "/api/v1/admin/users/{user_id}": "get",
    "/api/v1/admin/users/{user_id}/tier": "post",
    "/api/v1/admin/users/{user_id}/deactivate": "post",
    "/api/v1/admin/stats": "get",
}


@pytest.mark.django_db
def test_schema_documents_every_endpoint_with_errors(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()

    for path, method in ENDPOINTS.items():
        operation = schema["paths"][path][method]
        assert "429" in operation["responses"], path
        error = operation["responses"]["429"]["content"]["application/json"]
        assert error["schema"]["$ref"].endswith("/Error")
        assert error["examples"], path
    login = schema["paths"]["/api/v1/auth/login"]["post"]
    assert login["requestBody"]["content"]["application/json"]["examples"]
    assert schema["components"]["securitySchemes"]["jwtAuth"]["scheme"] == "bearer"
