from datetime import timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from commissioning import counting, services
from commissioning.announcements import announce_cycle_events
from commissioning.models import Follow
from notifications import services as notices
from notifications.events import Event, Frequency
from notifications.models import Notification, Preference
from tests.factories import CycleFactory, PriorityFactory, ResidentProfileFactory, UserFactory


def _cast(user, cycle=None, capture=None):
    cycle = cycle or CycleFactory()
    priority = PriorityFactory(cycle=cycle)
    return services.ballot_cast(user=user, cycle_id=cycle.pk, choices={priority.pk: 1}).ballot


@pytest.mark.django_db
def test_casting_a_ballot_makes_one_notice_and_one_email(resident, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ballot = _cast(resident)

    notice = Notification.objects.get(recipient=resident)
    assert notice.event == Event.BALLOT_RECEIPT
    assert notice.email_state == Notification.EmailState.SENT
    assert len(mail.outbox) == 1
    assert ballot.receipt_code in mail.outbox[0].body
    assert ballot.receipt_code in mail.outbox[0].alternatives[0][0]


@pytest.mark.django_db
def test_a_duplicated_or_rerun_email_task_sends_nothing_twice(resident, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _cast(resident)
    notice = Notification.objects.get(recipient=resident)

    assert notices.deliver_email(notification_id=notice.pk) is False
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_the_same_event_never_makes_two_notices(resident):
    for _ in range(2):
        notices.notify(
            event=Event.CYCLE_OPEN_FOR_VOTING, recipient_ids=[resident.pk], key="k", context={"cycle": CycleFactory()}
        )

    assert Notification.objects.filter(recipient=resident).count() == 1


@pytest.mark.django_db
def test_email_that_fails_is_kept_waiting_for_a_retry(resident, django_capture_on_commit_callbacks):
    with (
        mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("mail server down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        ballot = _cast(resident)

    assert ballot.pk is not None
    notice = Notification.objects.get(recipient=resident)
    assert notice.email_state == Notification.EmailState.WAITING
    assert notices.deliver_email(notification_id=notice.pk) is True
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_an_email_that_failed_is_left_to_the_retry_sweep_not_to_every_new_hand_off(resident):
    other, cycle = UserFactory(), CycleFactory()
    for user in (resident, other):
        notices.notify(event=Event.CYCLE_OPEN_FOR_VOTING, recipient_ids=[user.pk], key="k", context={"cycle": cycle})
    with mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("mail server down")):
        assert notices.deliver_recent_emails(since=cycle.created_at) == 0

    assert notices.deliver_recent_emails(since=cycle.created_at) == 1  # the one not yet tried
    assert len(mail.outbox) == 1
    Notification.objects.update(created_at=timezone.now() - notices.WAITING_GRACE)
    assert notices.enqueue_waiting(older_than=notices.WAITING_GRACE) == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted([resident.email, other.email])


@pytest.mark.django_db
def test_in_process_a_ballot_sends_its_own_receipt_and_nothing_else(resident, django_capture_on_commit_callbacks):
    other = UserFactory()
    notices.notify(
        event=Event.CYCLE_OPEN_FOR_VOTING, recipient_ids=[other.pk], key="k", context={"cycle": CycleFactory()}
    )

    with django_capture_on_commit_callbacks(execute=True):
        _cast(resident)

    assert [m.to for m in mail.outbox] == [[resident.email]]


@pytest.mark.django_db
def test_ballot_is_saved_when_the_task_broker_is_unreachable(resident, django_capture_on_commit_callbacks):
    with (
        mock.patch("notifications.tasks.deliver_event_emails.delay", side_effect=ConnectionError("redis down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        ballot = _cast(resident)

    notice = Notification.objects.get(recipient=resident)
    assert ballot.pk is not None
    assert notice.email_state == Notification.EmailState.WAITING
    assert mail.outbox == []


@pytest.mark.django_db
def test_turning_an_event_off_stops_its_notices(resident):
    Preference.objects.create(user=resident, event=Event.CYCLE_OPEN_FOR_VOTING, enabled=False)

    made = notices.notify(
        event=Event.CYCLE_OPEN_FOR_VOTING, recipient_ids=[resident.pk], key="k", context={"cycle": CycleFactory()}
    )

    assert made == 0
    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_daily_digest_gathers_notices_into_one_email_once(resident, django_capture_on_commit_callbacks):
    Preference.objects.create(user=resident, event=Event.CYCLE_OPEN_FOR_VOTING, frequency=Frequency.DAILY)
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(2):
            cycle = CycleFactory(title=f"Cycle {n}")
            notices.notify(
                event=Event.CYCLE_OPEN_FOR_VOTING, recipient_ids=[resident.pk], key=f"k{n}", context={"cycle": cycle}
            )
    assert mail.outbox == []

    assert notices.send_digests(frequency=Frequency.DAILY) == 1
    assert notices.send_digests(frequency=Frequency.DAILY) == 0

    assert len(mail.outbox) == 1
    assert "Voting is open: Cycle 0" in mail.outbox[0].body
    assert "Voting is open: Cycle 1" in mail.outbox[0].body


@pytest.mark.django_db
def test_sweep_announces_an_open_cycle_to_eligible_residents_once():
    cycle = CycleFactory()
    residents = UserFactory.create_batch(3)

    first = announce_cycle_events()
    second = announce_cycle_events()

    assert first >= 3
    assert second == 0
    assert Notification.objects.filter(event=Event.CYCLE_OPEN_FOR_VOTING, recipient__in=residents).count() == 3
    assert cycle.title in Notification.objects.filter(recipient=residents[0]).first().subject


@pytest.mark.django_db
def test_reminder_48_hours_before_close_goes_only_to_those_who_have_not_voted():
    cycle = CycleFactory(voting_closes_at=timezone.now() + timedelta(hours=30))
    voted, not_voted = UserFactory(), UserFactory()
    _cast(voted, cycle)

    announce_cycle_events()

    reminded = Notification.objects.filter(event=Event.VOTING_CLOSING_SOON).values_list("recipient", flat=True)
    assert not_voted.pk in reminded
    assert voted.pk not in reminded


@pytest.mark.django_db
def test_results_are_announced_to_voters_and_followers():
    cycle = CycleFactory(budget=Decimal(100000))
    voter, follower, bystander = UserFactory(), UserFactory(), UserFactory()
    _cast(voter, cycle)
    Follow.objects.create(user=follower, cycle=cycle)
    cycle.voting_closes_at = timezone.now() - timedelta(minutes=1)
    cycle.save()

    counting.cycle_count(cycle_id=cycle.pk)

    told = set(Notification.objects.filter(event=Event.RESULTS_PUBLISHED).values_list("recipient", flat=True))
    assert told == {voter.pk, follower.pk}
    assert bystander.pk not in told


@pytest.mark.django_db
def test_email_has_a_one_click_unsubscribe_that_works_without_signing_in(
    client, resident, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notices.notify(
            event=Event.CYCLE_OPEN_FOR_VOTING, recipient_ids=[resident.pk], key="k", context={"cycle": CycleFactory()}
        )
    header = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    path = header.removeprefix("http://127.0.0.1:8000")

    assert mail.outbox[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 200
    assert Preference.objects.get(user=resident, event=Event.CYCLE_OPEN_FOR_VOTING).enabled is False


@pytest.mark.django_db
def test_tampered_unsubscribe_link_is_refused(client):
    response = client.post(reverse("unsubscribe", args=["not-a-real-token"]))

    assert response.status_code == 400
    assert not Preference.objects.exists()


@pytest.mark.django_db
def test_notice_is_written_in_the_recipients_language(resident):
    ResidentProfileFactory(user=resident, preferred_language="pl")

    notices.notify(
        event=Event.CYCLE_OPEN_FOR_VOTING, recipient_ids=[resident.pk], key="k", context={"cycle": CycleFactory()}
    )

    assert Notification.objects.get().language == "pl"


@pytest.mark.django_db
def test_bell_shows_the_unread_count_and_opening_a_notice_marks_it_read(client_for, resident):
    notices.notify(
        event=Event.CYCLE_OPEN_FOR_VOTING, recipient_ids=[resident.pk], key="k", context={"cycle": CycleFactory()}
    )
    client = client_for(resident)

    assert '1<span class="govuk-visually-hidden"> unread' in client.get(reverse("home")).content.decode()
    client.get(reverse("notification_open", args=[Notification.objects.get().pk]))

    assert Notification.objects.get().read_at is not None
    assert " unread" not in client.get(reverse("home")).content.decode()


@pytest.mark.django_db
def test_preferences_page_saves_frequency_per_event(client_for, resident):
    client_for(resident).post(
        reverse("notification_preferences"),
        {f"{Event.RESULTS_PUBLISHED}-enabled": "on", f"{Event.RESULTS_PUBLISHED}-frequency": "weekly"},
    )

    saved = Preference.objects.get(user=resident, event=Event.RESULTS_PUBLISHED)
    assert (saved.enabled, saved.frequency) == (True, "weekly")
    assert Preference.objects.get(user=resident, event=Event.CYCLE_OPEN_FOR_VOTING).enabled is False


@pytest.mark.django_db
def test_councillors_hear_that_a_commission_awaits_their_decision_and_voters_hear_the_decision():
    from accounts.models import User
    from demo.seed import seed_demo
    from governance import services as governance
    from governance.models import Commission

    seed_demo()
    councillor = User.objects.get(email="councillor@example.org")
    commission = Commission.objects.get(status=Commission.Status.SUBMITTED)
    follower = UserFactory()
    Follow.objects.create(user=follower, cycle=commission.cycle)

    # The demo has other commissions (decided ones among them): only this one's notices are counted.
    awaits = Notification.objects.filter(
        recipient=councillor,
        event=Event.COMMISSION_AWAITS_DECISION,
        dedupe_key__startswith=f"commission:{commission.pk}:",
    )
    assert awaits.count() == 1
    governance.interest_declare(user=councillor, commission_id=commission.pk, has_interest=False)
    governance.commission_vote(user=councillor, commission_id=commission.pk, choice="approve", reasons="Good value.")

    told = Notification.objects.filter(
        event=Event.DECISION_TAKEN, dedupe_key=f"decision:{commission.decisions.get().pk}"
    )
    assert list(told.values_list("recipient", flat=True)) == [follower.pk]
    assert awaits.get().read_at is not None
    assert "Approved" in told.get().body


@pytest.mark.django_db
def test_residents_are_not_offered_councillor_only_notices(client_for, resident, councillor):
    resident_page = client_for(resident).get(reverse("notification_preferences")).content.decode()
    councillor_page = client_for(councillor).get(reverse("notification_preferences")).content.decode()

    assert "A commission awaits your decision" not in resident_page
    assert "A commission awaits your decision" in councillor_page
