"""E-mail normalisation: one canonical form on every way in; look-alike spellings refused."""

import pytest
from django.core.exceptions import ValidationError

from apps.accounts.emails import normalize_email
from apps.accounts.models import User
from apps.accounts.services.audit import Client
from apps.accounts.services.google import google_user_for_claims
from apps.accounts.tests.factories import DEFAULT_PASSWORD


def _fullwidth(text: str) -> str:
    """``text`` with its ASCII letters and digits in their fullwidth forms (U+FF01...)."""
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in text)


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        (" Kate@Example.COM ", "kate@example.com"),
        (_fullwidth("kate@example") + ".com", "kate@example.com"),  # fullwidth: NFKC
        ("kate@xn--bcher-kva.ch", "kate@bücher.ch"),  # A-label and U-label are one domain
        ("kate@BÜCHER.ch", "kate@bücher.ch"),
        ("kate@例え.jp", "kate@例え.jp"),
        ("kate@テスト例.jp", "kate@テスト例.jp"),  # Han + Katakana: one Japanese label
    ],
)
def test_equivalent_spellings_have_one_canonical_form(raw, canonical):
    assert normalize_email(raw) == canonical


@pytest.mark.parametrize(
    "raw",
    [
        "kate@exam\u00adple.com",  # soft hyphen
        "ka\u200dte@example.com",  # zero-width joiner
        "kate@exa\u200cmple.com",  # zero-width non-joiner
        "kate@\u202eexample.com",  # bidi override
        "kate\u200e@example.com",  # left-to-right mark
        "kate@ex\u0430mple.com",  # Cyrillic a among Latin letters
        "k\u0430te@example.com",  # the same in the local part
        "kate@\u0131stanbul.com",  # dotless i
        "kate@\u0130stanbul.com",  # capital I with dot
        "kate@example..com",
        "kate@example.com.",
        "kate@",
        "kate",
        "kate@" + "a" * 64 + ".com",
        "k" * 250 + "@example.com",
    ],
)
def test_look_alike_and_malformed_addresses_are_refused(raw):
    with pytest.raises(ValidationError) as refusal:
        normalize_email(raw)
    assert list(refusal.value.message_dict) == ["email"]


@pytest.mark.django_db
def test_register_refuses_a_soft_hyphen_twin_with_a_clear_400(api_client, user):
    response = api_client.post(
        "/api/v1/auth/register",
        {"email": user.email.replace("@example", "@exam\u00adple"), "password": "a long passphrase"},
    )

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert "invisible" in error["details"]["email"][0]
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_a_fullwidth_spelling_is_the_same_account_for_register_and_login(api_client, user):
    local, domain = user.email.split("@")
    fullwidth = f"{local.upper()}@{_fullwidth(domain)}"

    again = api_client.post("/api/v1/auth/register", {"email": fullwidth, "password": "a long passphrase"})
    login = api_client.post("/api/v1/auth/login", {"email": fullwidth, "password": DEFAULT_PASSWORD})

    assert again.status_code == 400
    assert again.json()["error"]["details"]["email"] == ["An account with this e-mail already exists."]
    assert login.status_code == 200
    assert login.json()["user"]["id"] == str(user.pk)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "extra"),
    [
        ("/api/v1/auth/login", {"password": DEFAULT_PASSWORD}),
        ("/api/v1/auth/password/forgot", {}),
        ("/api/v1/auth/password/reset", {"code": "000000", "new_password": "a long passphrase"}),
    ],
)
def test_login_and_password_reset_refuse_look_alike_addresses(api_client, user, path, extra):
    response = api_client.post(path, {"email": user.email.replace("example", "ex\u0430mple"), **extra})

    assert response.status_code == 400
    assert "writing systems" in response.json()["error"]["details"]["email"][0]


@pytest.mark.django_db
def test_google_sign_in_refuses_a_look_alike_address(user):
    claims = {"sub": "google-1", "email": user.email.replace("@", "@\u200b"), "email_verified": True}

    with pytest.raises(ValidationError):
        google_user_for_claims(claims=claims, client=Client())

    assert User.objects.count() == 1


@pytest.mark.django_db
def test_model_validation_used_by_the_admin_refuses_and_normalises():
    twin = User(email="kate@exam\u00adple.com")
    with pytest.raises(ValidationError) as refusal:
        twin.full_clean(exclude=["password"])
    assert "email" in refusal.value.message_dict

    user = User.objects.create_user("Kate@Example.com", DEFAULT_PASSWORD)
    assert user.email == "kate@example.com"
    assert User.objects.get_by_natural_key(_fullwidth("KATE") + "@example.com") == user
