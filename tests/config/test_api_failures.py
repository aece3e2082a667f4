"""The API answers in JSON even when it fails, and says "wait" while a result is being counted."""

from datetime import timedelta
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core import broker
from tests.eager import tasks_run_in_process
from tests.factories import CycleFactory


@pytest.mark.django_db
def test_an_api_failure_is_a_json_500():
    cycle = CycleFactory()
    client = Client(raise_request_exception=False)

    with mock.patch("commissioning.counting.result_for_reader", side_effect=RuntimeError("bug")):
        response = client.get(reverse("api-cycle-results", args=[cycle.pk]))

    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "server_error"


@pytest.mark.django_db
def test_an_unknown_api_address_is_a_json_404(client):
    response = client.get("/api/v1/no-such-thing/")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.django_db
def test_a_page_failure_is_still_an_html_page():
    client = Client(raise_request_exception=False)

    with mock.patch("commissioning.views.counting.result_for_reader", side_effect=RuntimeError("bug")):
        response = client.get(reverse("results", args=[CycleFactory().slug]))

    assert response.status_code == 500
    assert "application/json" not in response["Content-Type"]


@pytest.mark.django_db
def test_results_being_counted_answer_202_with_retry_after(client):
    closed = timezone.now() - timedelta(minutes=1)
    cycle = CycleFactory(voting_opens_at=closed - timedelta(days=7), voting_closes_at=closed)
    tasks_run_in_process(False)  # with a worker, the count is queued (tests/conftest.py sets it back)
    broker.reset()

    with mock.patch("commissioning.tasks.count_cycle.delay") as queued:
        response = client.get(reverse("api-cycle-results", args=[cycle.pk]))

    assert queued.called
    assert response.status_code == 202
    assert response["Retry-After"] == "5"
