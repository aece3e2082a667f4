import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role


@pytest.mark.django_db
def test_new_resident_signs_up_verifies_email_and_reaches_dashboard(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "new.person@example.org",
            "display_name": "New Person",
            "password1": "a-long-test-password",
            "password2": "a-long-test-password",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="new.person@example.org")
    assert user.role == Role.RESIDENT

    assert client.get(reverse("dashboard")).status_code == 302
    link = re.search(r"https?://testserver(/accounts/confirm-email/[^\s]+)", mail.outbox[0].body).group(1)
    client.post(link)

    assert client.get(reverse("dashboard")).templates[0].name == "dashboards/resident.html"


@pytest.mark.django_db
def test_signup_form_shows_errors_in_a_summary_linked_to_the_field(client):
    response = client.post(reverse("account_signup"), {"email": "not-an-email", "password1": "x", "password2": "y"})

    content = response.content.decode()
    assert "govuk-error-summary" in content
    assert 'href="#id_email"' in content
    assert not User.objects.exists()
