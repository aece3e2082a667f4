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
