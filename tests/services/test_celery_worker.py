import pytest
from django.core import mail
from django.db import connection

from citizens import services
from citizens.models import Membership
from tests.factories import MembershipFactory, UserFactory


@pytest.mark.django_db(transaction=True)
def test_membership_email_travels_through_redis_to_a_real_worker(celery_worker_on_redis):
    from citizens.tasks import send_membership_decision

    officer = UserFactory(role="officer")
    membership = MembershipFactory()
    services.membership_approve(membership_id=membership.pk, officer=officer)

    result = send_membership_decision.delay(membership.pk)

    assert result.get(timeout=20) is False  # the on-commit send already ran through the worker
    assert [m.to for m in mail.outbox] == [[membership.member.email]]
    assert Membership.objects.get(pk=membership.pk).decision_notified_at is not None


@pytest.mark.django_db(transaction=True)
def test_service_tests_run_on_the_configured_database():
    """In CI the suite must exercise PostgreSQL, not only SQLite."""
    import os

    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        assert connection.vendor == "postgresql"
    else:
        pytest.skip("DATABASE_URL is not PostgreSQL here")
