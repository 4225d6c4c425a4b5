"""Client IPs: X-Forwarded-For counts only behind a trusted proxy, read right to left."""

import pytest
from django.test import RequestFactory

from maigie.client_ip import client_ip


def _ip(remote: str, forwarded: str | None = None) -> str:
    request = RequestFactory().get("/", REMOTE_ADDR=remote)
    if forwarded is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip(request)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert _ip("203.0.113.7", "198.51.100.1") == "203.0.113.7"
    assert _ip("203.0.113.7", "garbage, 1.2.3.4") == "203.0.113.7"


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        ("10.0.0.2", "203.0.113.7", "203.0.113.7"),
        ("10.0.0.2", "1.1.1.1, 2.2.2.2, 203.0.113.7", "203.0.113.7"),  # client-written entries ignored
        ("10.0.0.2", "203.0.113.7, 10.0.0.3", "203.0.113.7"),  # a chain of trusted proxies
        ("10.0.0.2", "not-an-ip, 10.0.0.3", "10.0.0.3"),
        ("10.0.0.2", "", "10.0.0.2"),
        ("10.0.0.2", None, "10.0.0.2"),
        ("203.0.113.9", "198.51.100.1", "203.0.113.9"),  # not from a trusted proxy: header ignored
        ("10.0.0.2", " 2001:db8::1 ", "2001:db8::1"),
    ],
)
def test_behind_a_trusted_proxy_the_rightmost_untrusted_address_is_the_client(settings, remote, forwarded, expected):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    assert _ip(remote, forwarded) == expected
