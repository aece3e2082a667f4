import re

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_pages_load_no_asset_from_another_host(client):
    content = client.get(reverse("home")).content.decode()

    external = re.findall(r'(?:src|href)="(https?://[^"]+)"', content)
    assert external == []


@pytest.mark.django_db
def test_page_declares_its_language_and_a_skip_link(client):
    content = client.get(reverse("home")).content.decode()

    assert '<html lang="en-gb"' in content
    assert 'href="#main-content"' in content


@pytest.mark.django_db
def test_a_refused_page_explains_itself_in_the_site_design(client, resident):
    client.force_login(resident)

    response = client.get(reverse("membership_queue"))

    assert response.status_code == 403
    assert "You cannot open this page" in response.content.decode()
    assert "govuk-header" in response.content.decode()


@pytest.mark.django_db
def test_a_missing_page_says_so_in_the_site_design(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
