import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from config import throttling
from tests.factories import CycleFactory


@pytest.mark.django_db
def test_with_redis_unreachable_the_api_still_answers(settings, resident):
    settings.CACHES = {"default": {"BACKEND": throttling.REDIS_CACHE, "LOCATION": "redis://127.0.0.1:1/0"}}
    client = APIClient()
    client.force_authenticate(resident)

    response = client.get(reverse("api-cycle-ballot", args=[CycleFactory().pk]))

    assert response.status_code == 404  # "you have not voted", not an error page
