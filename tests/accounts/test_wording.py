"""allauth's pages speak like the rest of the site: GOV.UK sentence case, British spelling, plain words."""

import re

import pytest
from django.urls import reverse

AMERICAN_OR_TITLE_CASE = re.compile(r"Sign In|Sign Up|Sign Out|Remember Me|finaliz|Password Reset|Email Address|E-mail")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    [
        "account_login",
        "account_signup",
        "account_reset_password",
        "account_reset_password_done",
        "account_email_verification_sent",
    ],
)
def test_account_pages_use_our_wording(client, name):
    page = client.get(reverse(name)).content.decode()

    assert not AMERICAN_OR_TITLE_CASE.search(page), AMERICAN_OR_TITLE_CASE.search(page).group(0)


@pytest.mark.django_db
def test_sign_in_offers_remember_me_and_create_an_account(client):
    page = client.get(reverse("account_login")).content.decode()

    assert "Remember me" in page
    assert "Create an account" in page
    assert "Sign in" in page


@pytest.mark.django_db
def test_signed_in_pages_use_our_wording(client_for, resident):
    client = client_for(resident)
    for name in ("account_change_password", "account_email", "account_logout"):
        page = client.get(reverse(name)).content.decode()
        assert not AMERICAN_OR_TITLE_CASE.search(page), (name, AMERICAN_OR_TITLE_CASE.search(page).group(0))


@pytest.mark.django_db
def test_accessibility_statement_is_linked_from_every_page_and_says_how_it_was_tested(client):
    home = client.get(reverse("home")).content.decode()
    statement = client.get(reverse("accessibility_statement")).content.decode()

    assert f'href="{reverse("accessibility_statement")}"' in home
    assert f'href="{reverse("decision_log")}"' in home
    assert "Accessibility statement for Co-op Commissioning" in statement
    for heading in (
        "Compliance status",
        "Non-accessible content",
        "How we tested this website",
        "Enforcement procedure",
    ):
        assert heading in statement
