"""Nothing is ever emailed to a resident registered without an email address: each notice stays in
the app, marked as having no address, and is never tried again."""

import pytest
from django.core import mail

from accounts.services import user_without_email_create
from notifications.events import Event
from notifications.models import Notification
from notifications.services import deliver_email, enqueue_waiting, notify


@pytest.mark.django_db
def test_a_notice_to_someone_without_an_email_address_is_not_sent_and_not_retried(
    resident, django_capture_on_commit_callbacks
):
    nobody = user_without_email_create(display_name="Mr Adeyemi")

    with django_capture_on_commit_callbacks(execute=True):
        notify(
            event=Event.RESULTS_PUBLISHED,
            recipient_ids=[nobody.pk, resident.pk],
            key="results:test",
            context={},
        )

    assert [m.to for m in mail.outbox] == [[resident.email]]
    notice = Notification.objects.get(recipient=nobody)
    assert notice.email_state == Notification.EmailState.NO_ADDRESS
    assert deliver_email(notification_id=notice.pk) is False
    assert enqueue_waiting() == 0
    assert len(mail.outbox) == 1
