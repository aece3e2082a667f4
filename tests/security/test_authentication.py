"""Issue 11, points 1 and 8: no unlimited password guessing, and no client-chosen address."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import PASSWORD


def _token(client: APIClient, email: str, password: str, address: str | None = None):
    extra = {"HTTP_X_FORWARDED_FOR": address} if address else {}
    return client.post(reverse("api-token"), {"username": email, "password": password}, **extra)


@pytest.mark.django_db
def test_rotating_x_forwarded_for_does_not_lift_the_token_limits(resident):
    client = APIClient()

    statuses = [_token(client, resident.email, "wrong", f"203.0.113.{i}").status_code for i in range(25)]

    assert 429 in statuses
    assert statuses.count(400) <= 5


@pytest.mark.django_db
def test_an_account_locked_by_failed_sign_ins_gets_no_token_even_with_the_right_password(resident, client):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": resident.email, "password": "wrong"})

    response = _token(APIClient(), resident.email, PASSWORD, "198.51.100.7")

    assert response.status_code == 429
    assert response.json()["code"] == "too_many_login_attempts"
    assert "token" not in response.json()


@pytest.mark.django_db
def test_failed_token_attempts_lock_the_sign_in_form_too(resident, client):
    for i in range(5):
        _token(APIClient(), resident.email, "wrong", f"192.0.2.{i}")

    response = client.post(reverse("account_login"), {"login": resident.email, "password": PASSWORD})

    assert response.status_code == 200  # the form again, not a redirect to the dashboard
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_anonymous_throttle_ignores_a_client_supplied_forwarded_for(settings, monkeypatch):
    from config import throttling

    monkeypatch.setattr(throttling.AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    client = APIClient()

    statuses = [
        client.get(reverse("api-ward-list"), HTTP_X_FORWARDED_FOR=f"203.0.113.{i}").status_code for i in range(5)
    ]

    assert statuses == [200, 200, 200, 429, 429]


def test_one_setting_feeds_every_consumer_of_the_proxy_count(monkeypatch):
    """TRUSTED_PROXY_COUNT sets DRF's NUM_PROXIES, allauth's proxy count and, only when >0, the HTTPS header."""
    import importlib

    import config.settings as settings_module

    monkeypatch.setenv("SECRET_KEY", "x" * 60)
    monkeypatch.delenv("TRUSTED_PROXY_COUNT", raising=False)
    plain = importlib.reload(settings_module)
    assert plain.REST_FRAMEWORK["NUM_PROXIES"] == 0
    assert plain.ALLAUTH_TRUSTED_PROXY_COUNT == 0
    assert not hasattr(plain, "SECURE_PROXY_SSL_HEADER")

    monkeypatch.setenv("TRUSTED_PROXY_COUNT", "1")
    proxied = importlib.reload(settings_module)
    assert proxied.REST_FRAMEWORK["NUM_PROXIES"] == 1
    assert proxied.ALLAUTH_TRUSTED_PROXY_COUNT == 1
    assert proxied.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")

    monkeypatch.delenv("TRUSTED_PROXY_COUNT")
    importlib.reload(settings_module)


@pytest.mark.django_db
def test_behind_one_proxy_sign_in_limits_are_per_client_not_per_proxy(settings, resident):
    """One attacker behind the proxy exhausting the per-address limit must not lock out a neighbour."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    from django.test import Client

    attacker = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.66")
    for i in range(12):
        attacker.post(reverse("account_login"), {"login": f"nobody{i}@example.org", "password": "wrong"})

    neighbour = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.20")
    response = neighbour.post(reverse("account_login"), {"login": resident.email, "password": PASSWORD})

    assert response.status_code == 302
