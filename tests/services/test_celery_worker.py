"""Notifications through a real Celery worker consuming from Redis, on the configured database."""

import os
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from citizens import services as citizen_services
from commissioning import services
from notifications import services as notices
from notifications.models import Notification
from notifications.tasks import deliver_email, deliver_recent_emails, retry_waiting_emails
from tests.factories import CycleFactory, MembershipFactory, PriorityFactory, UserFactory


def _result(task, *args):
    """Run a task on the worker and wait for what it returns (results are kept only when asked for)."""
    return task.apply_async(args=args, ignore_result=False).get(timeout=20)


def _wait_for(predicate, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


@pytest.mark.django_db(transaction=True)
def test_membership_email_travels_through_redis_to_a_real_worker(celery_worker_on_redis):
    officer = UserFactory(role="officer")
    membership = MembershipFactory()

    citizen_services.membership_approve(membership_id=membership.pk, officer=officer)

    notice = Notification.objects.filter(recipient=membership.member)
    assert _wait_for(lambda: len(mail.outbox) == 1)
    assert mail.outbox[0].to == [membership.member.email]
    # The worker marks the notice sent just after the message leaves; give it that moment.
    assert _wait_for(lambda: notice.get().email_state == Notification.EmailState.SENT)


@pytest.mark.django_db(transaction=True)
def test_each_event_reaches_each_recipient_once_even_if_the_task_is_sent_twice(celery_worker_on_redis):
    voter = UserFactory()
    cycle = CycleFactory()
    priority = PriorityFactory(cycle=cycle)
    services.ballot_cast(user=voter, cycle_id=cycle.pk, choices={priority.pk: 1})
    notice = Notification.objects.get(recipient=voter)

    assert _wait_for(lambda: len(mail.outbox) == 1)
    assert _result(deliver_email, notice.pk) is False
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_a_burst_of_ballots_costs_one_task_and_every_receipt_arrives_once(celery_worker_on_redis):
    cycle = CycleFactory()
    priority = PriorityFactory(cycle=cycle)
    voters = UserFactory.create_batch(10)

    with (
        mock.patch.object(notices, "monotonic", return_value=1000.0),  # however slow this machine is today
        mock.patch.object(deliver_recent_emails, "apply_async", wraps=deliver_recent_emails.apply_async) as publish,
    ):
        for voter in voters:
            services.ballot_cast(user=voter, cycle_id=cycle.pk, choices={priority.pk: 1})

    assert publish.call_count == 1
    assert _wait_for(lambda: len(mail.outbox) == len(voters))
    time.sleep(1.5)  # a second task, had one been sent, would have run by now
    assert sorted(m.to[0] for m in mail.outbox) == sorted(v.email for v in voters)


@pytest.mark.django_db(transaction=True)
def test_task_killed_after_claiming_is_not_resent_until_its_claim_expires_then_sent_once(celery_worker_on_redis):
    voter = UserFactory()
    cycle = CycleFactory()
    priority = PriorityFactory(cycle=cycle)
    with mock.patch.object(deliver_recent_emails, "apply_async"):  # the worker "dies" before it is handed the task
        services.ballot_cast(user=voter, cycle_id=cycle.pk, choices={priority.pk: 1})
    notice = Notification.objects.get(recipient=voter)
    # What a worker killed mid-way leaves behind: the claim taken, the email not sent.
    Notification.objects.filter(pk=notice.pk).update(
        email_state=Notification.EmailState.SENDING, email_claimed_at=timezone.now()
    )

    assert _result(deliver_email, notice.pk) is False  # acks_late redelivery: nothing sent
    Notification.objects.filter(pk=notice.pk).update(email_claimed_at=timezone.now() - timedelta(hours=1))
    Notification.objects.filter(pk=notice.pk).update(created_at=timezone.now() - timedelta(hours=1))
    _result(retry_waiting_emails)

    assert _wait_for(lambda: len(mail.outbox) == 1)
    _result(retry_waiting_emails)
    time.sleep(0.5)
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_with_redis_down_the_ballot_is_cast_and_the_email_arrives_when_redis_is_back(celery_worker_on_redis):
    from kombu.exceptions import OperationalError

    voter = UserFactory()
    cycle = CycleFactory()
    priority = PriorityFactory(cycle=cycle)
    # What Celery raises when it cannot reach Redis to publish a task.
    refused = OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
    with mock.patch.object(deliver_recent_emails, "apply_async", side_effect=refused):
        ballot = services.ballot_cast(user=voter, cycle_id=cycle.pk, choices={priority.pk: 1}).ballot

    assert ballot.pk is not None
    assert Notification.objects.get(recipient=voter).email_state == Notification.EmailState.WAITING
    assert mail.outbox == []
    Notification.objects.filter(recipient=voter).update(created_at=timezone.now() - timedelta(minutes=5))

    _result(retry_waiting_emails)  # beat's sweep, once Redis is back

    assert _wait_for(lambda: len(mail.outbox) == 1)
    # The worker marks it sent just after the mail server takes it.
    assert _wait_for(lambda: Notification.objects.get(recipient=voter).email_state == Notification.EmailState.SENT)


@pytest.mark.django_db(transaction=True)
def test_service_tests_run_on_the_configured_database():
    """In CI the suite must exercise PostgreSQL, not only SQLite."""
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        assert connection.vendor == "postgresql"
    else:
        pytest.skip("DATABASE_URL is not PostgreSQL here")
