"""The language links on every page: the page follows the choice, and a signed-in person's choice is kept."""

import pytest
from django.conf import settings
from django.urls import reverse

from citizens.models import ResidentProfile
from tests.factories import ResidentProfileFactory


@pytest.mark.django_db
def test_every_page_offers_each_language_in_its_own_name(client):
    content = client.get(reverse("home")).content.decode()

    for name in ["English", "Español", "Português", "Français", "বাংলা", "Twi", "Yorùbá"]:
        assert name in content


@pytest.mark.django_db
def test_choosing_a_language_marks_the_page_with_it(client):
    response = client.get(reverse("language_choose", args=["es"]) + "?next=/cycles/", follow=True)

    assert response.redirect_chain[-1][0] == "/cycles/"
    assert '<html lang="es" dir="ltr"' in response.content.decode()
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["tw", "yo"])
def test_django_knows_twi_and_yoruba(client, code):
    response = client.get(reverse("language_choose", args=[code]), follow=True)

    assert f'<html lang="{code}" dir="ltr"' in response.content.decode()


@pytest.mark.django_db
def test_a_signed_in_choice_is_kept_for_pages_and_emails(client_for, resident):
    client_for(resident).get(reverse("language_choose", args=["fr"]))

    assert ResidentProfile.objects.get(user=resident).preferred_language == "fr"


@pytest.mark.django_db
def test_a_new_device_shows_pages_in_the_language_kept_on_the_profile(client_for, resident):
    ResidentProfileFactory(user=resident, preferred_language="pt")

    response = client_for(resident).get(reverse("dashboard"))

    assert '<html lang="pt"' in response.content.decode()
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "pt"


@pytest.mark.django_db
def test_a_language_we_do_not_offer_is_not_found_and_changes_nothing(client_for, resident):
    ResidentProfileFactory(user=resident, preferred_language="es")

    response = client_for(resident).get(reverse("language_choose", args=["pl"]))

    assert response.status_code == 404
    assert ResidentProfile.objects.get(user=resident).preferred_language == "es"


@pytest.mark.django_db
def test_the_language_link_never_sends_people_to_another_site(client):
    response = client.get(reverse("language_choose", args=["bn"]) + "?next=https://evil.example.com/")

    assert response["Location"] == reverse("home")
