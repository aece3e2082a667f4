"""What residents notice when Redis, the worker or the mail server fail: nothing lost, nothing failed,
receipts late rather than never, and an email sent twice only with the same Message-ID."""

from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from commissioning import services
from core import broker
from notifications import services as notices
from notifications.models import Notification
from tests.eager import tasks_run_in_process
from tests.factories import CycleFactory, PriorityFactory


@pytest.fixture
def with_a_broker():
    """Hand-offs go to a (mocked) broker instead of running in-process, with no outage remembered."""
    tasks_run_in_process(False)  # tests/conftest.py sets it back
    broker.reset()
    with mock.patch.object(notices, "_hand_off_due", 0.0):
        yield
    broker.reset()


def _cast(user):
    priority = PriorityFactory(cycle=CycleFactory())
    return services.ballot_cast(user=user, cycle_id=priority.cycle_id, choices={priority.pk: 1}).ballot


@pytest.mark.django_db(transaction=True)
def test_a_ballot_cast_while_redis_is_down_answers_success_with_its_receipt_delayed(resident, with_a_broker):
    priority = PriorityFactory(cycle=CycleFactory())
    api = APIClient()
    api.force_authenticate(resident)
    url = reverse("api-cycle-ballot", args=[priority.cycle_id])

    with mock.patch(
        "notifications.tasks.deliver_recent_emails.apply_async", side_effect=ConnectionError("redis down")
    ) as publish:
        first = api.post(url, {"choices": [{"priority": priority.pk}]}, format="json")
        second = api.post(url, {"choices": [{"priority": priority.pk}]}, format="json")

    assert (first.status_code, second.status_code) == (200, 200)
    assert first.json()["receipt_delayed"] is True
    assert second.json()["receipt_code"] == first.json()["receipt_code"]
    assert publish.call_count == 1  # the second ballot did not wait for Redis again
    assert Notification.objects.filter(email_state=Notification.EmailState.WAITING).count() == 2


@pytest.mark.django_db(transaction=True)
def test_a_ballot_cast_with_redis_up_says_its_receipt_is_on_time(resident, with_a_broker):
    priority = PriorityFactory(cycle=CycleFactory())
    api = APIClient()
    api.force_authenticate(resident)

    url = reverse("api-cycle-ballot", args=[priority.cycle_id])

    with mock.patch("notifications.tasks.deliver_recent_emails.apply_async"):
        response = api.post(url, {"choices": [{"priority": priority.pk}]}, format="json")

    assert response.status_code == 200
    assert response.json()["receipt_delayed"] is False


@pytest.mark.django_db
def test_the_first_hand_off_after_an_outage_asks_for_everything_made_since_it_began(
    resident, with_a_broker, django_capture_on_commit_callbacks
):
    with (
        mock.patch("notifications.tasks.deliver_recent_emails.apply_async", side_effect=ConnectionError),
        django_capture_on_commit_callbacks(execute=True),
    ):
        _cast(resident)
    began = broker.failing_since()
    broker._paused_until = 0.0  # Redis is back and the pause is over

    with (
        mock.patch("notifications.tasks.deliver_recent_emails.apply_async") as publish,
        django_capture_on_commit_callbacks(execute=True),
    ):
        _cast(resident)

    since = publish.call_args.kwargs["args"][0]
    assert since == (began - notices.HAND_OFF_LOOKBACK).isoformat()
    assert broker.failing_since() is None


@pytest.mark.django_db
def test_an_email_sent_again_carries_the_same_message_id(resident, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _cast(resident)
    notice = Notification.objects.get()
    # A worker died after the mail server took it, before marking it sent: the claim is released later.
    Notification.objects.update(email_state=Notification.EmailState.WAITING)

    notices.deliver_email(notification_id=notice.pk)

    first, again = (m.message()["Message-ID"] for m in mail.outbox)
    assert first == again == f"<notice-{notice.pk}@127.0.0.1>"


@pytest.mark.django_db
def test_a_claim_is_released_after_minutes_not_a_quarter_of_an_hour(resident, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _cast(resident)
    stuck = timezone.now() - notices.STALE_CLAIM
    Notification.objects.update(email_state=Notification.EmailState.SENDING, email_claimed_at=stuck)

    assert notices.release_stale_claims() == 1
    assert notices.STALE_CLAIM.total_seconds() <= 120
    assert Notification.objects.get().email_state == Notification.EmailState.WAITING


def test_waiting_notices_are_swept_within_a_minute(settings):
    assert notices.WAITING_GRACE.total_seconds() + settings.PERIODIC_TASKS["retry-waiting-emails"]["schedule"] <= 60
