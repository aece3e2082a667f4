"""A role × page matrix for an app's URL conf: every URL needs a row, every role is tried."""

from django.urls import reverse

PUBLIC = {"anonymous", "resident", "officer", "councillor", "administrator"}
SIGNED_IN = PUBLIC - {"anonymous"}
OFFICERS = {"officer", "administrator"}
ROLES = sorted(PUBLIC)


def user_for(request, role):
    return None if role == "anonymous" else request.getfixturevalue(role)


def check_page(client, *, method: str, url: str, role: str, allowed: set[str], status: int) -> None:
    response = getattr(client, method)(url)
    if role in allowed:
        assert response.status_code == status, (url, role, response.status_code)
        if status == 302:
            assert not response["Location"].startswith(reverse("account_login"))
    elif role == "anonymous":
        assert response.status_code == 302, (url, role)
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == 403, (url, role, response.status_code)


def check_endpoint(user, *, method: str, url: str, role: str, allowed: set[str], status: int) -> None:
    """The same for an API endpoint: anonymous callers are refused with 401 or 403, not redirected."""
    from rest_framework.test import APIClient

    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    response = getattr(client, method)(url, {}, format="json")
    if role in allowed:
        assert response.status_code == status, (url, role, response.status_code)
    elif role == "anonymous":
        assert response.status_code in (401, 403), (url, role, response.status_code)
    else:
        assert response.status_code == 403, (url, role, response.status_code)
