"""Telling people things: create notices with the event, email them after commit, at least once.

`notify` is called inside the service that causes the event, so the notice commits or rolls back
with it. Emails are sent by Celery from the stored notice; if Redis is down the notice waits and
the sweep sends it later. Each send is claimed with one filtered UPDATE, so a duplicate or
re-delivered task sends nothing twice. Only a worker that dies between the mail server taking an
email and the row being marked sent leaves a claim that is later released, and the email goes
again, with the same Message-ID (see docs/ARCHITECTURE.md, Jobs).
"""

import hashlib
import logging
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import partial
from time import monotonic
from urllib.parse import urlparse

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from core import broker
from core.db import retry_if_connection_lost
from notifications.events import TRANSACTIONAL, Event, Frequency
from notifications.models import Notification, Preference

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "notifications.unsubscribe"
# A claim older than this belongs to a worker that died mid-send (settings: EMAIL_CLAIM_SECONDS).
STALE_CLAIM = timedelta(seconds=settings.EMAIL_CLAIM_SECONDS)
# A notice still waiting this long was not handed to Celery, or its task was lost: the sweep sends it.
WAITING_GRACE = timedelta(seconds=settings.EMAIL_SWEEP_SECONDS)


def _preferences(user_ids: list[int], event: str) -> dict[int, Preference]:
    return {p.user_id: p for p in Preference.objects.filter(user_id__in=user_ids, event=event)}


def _email_state(event: str, preference: Preference | None) -> str | None:
    """None means the person turned this kind of notice off altogether."""
    if event in TRANSACTIONAL:
        return Notification.EmailState.WAITING
    if preference is None:
        return Notification.EmailState.WAITING
    if not preference.enabled:
        return None
    return {
        Frequency.INSTANT: Notification.EmailState.WAITING,
        Frequency.DAILY: Notification.EmailState.DIGEST,
        Frequency.WEEKLY: Notification.EmailState.DIGEST,
        Frequency.NEVER: Notification.EmailState.NOT_EMAILED,
    }[preference.frequency]


BATCH = 2000


def languages_at_hand(users: Iterable[User]) -> dict[int, str]:
    """The email language of each user whose profile was fetched with them, so `notify` need not ask."""
    known = {}
    for user in users:
        if User.profile.is_cached(user):
            profile = getattr(user, "profile", None)  # None: fetched, and the person has no profile
            known[user.pk] = (profile.preferred_language if profile else "") or settings.LANGUAGE_CODE
    return known


def notify(
    *,
    event: str,
    recipient_ids: Iterable[int],
    key: str,
    context: dict,
    url: str = "",
    languages: dict[int, str] | None = None,
) -> int:
    """Create one notice per recipient for this event (never twice for the same key); returns how many.

    Recipients are handled in batches, so telling a whole borough holds only one batch in memory.
    `languages` gives recipients' email languages the caller already has (see `languages_at_hand`).
    """
    recipient_ids = sorted(set(recipient_ids))
    if len(recipient_ids) > 1:  # a single notice is deduplicated by the unique constraint alone
        already = set(Notification.objects.filter(dedupe_key=key).values_list("recipient_id", flat=True))
        recipient_ids = [pk for pk in recipient_ids if pk not in already]
    known = languages or {}
    rendered: dict[str, tuple[str, str]] = {}
    made = 0
    for start in range(0, len(recipient_ids), BATCH):
        batch = recipient_ids[start : start + BATCH]
        preferences = {} if event in TRANSACTIONAL else _preferences(batch, event)
        batch_languages = {pk: known[pk] for pk in batch if pk in known}
        unknown = [pk for pk in batch if pk not in known]
        if unknown:
            batch_languages.update(User.objects.filter(pk__in=unknown).values_list("pk", "profile__preferred_language"))
        rows = []
        for user_id in batch:
            state = _email_state(event, preferences.get(user_id))
            if state is None:
                continue
            language = batch_languages.get(user_id) or settings.LANGUAGE_CODE
            if language not in rendered:
                with translation.override(language):
                    subject = render_to_string(f"notifications/events/{event}_subject.txt", context).strip()
                    body = render_to_string(f"notifications/events/{event}.txt", context).strip()
                rendered[language] = (subject[:300], body)
            subject, body = rendered[language]
            rows.append(
                Notification(
                    recipient_id=user_id,
                    event=event,
                    dedupe_key=key,
                    subject=subject,
                    body=body,
                    url=url,
                    language=language,
                    email_state=state,
                )
            )
        Notification.objects.bulk_create(rows, ignore_conflicts=True)
        made += len(rows)
    if made:
        transaction.on_commit(partial(_hand_to_celery, key, made), robust=True)
    return made


def notify_each(*, event: str, key: str, items: list[tuple[int, dict]], url: str = "") -> int:
    """One notice per (recipient, context) pair, each rendered from its own context, under one event key.

    For decisions taken in bulk (1,200 memberships approved at once), where each person's notice differs
    (their member number) but the whole batch is one event: a fixed number of queries however many
    people, and one task emails them all after commit. A recipient already told under this key is skipped.
    """
    made = 0
    for start in range(0, len(items), BATCH):
        batch = items[start : start + BATCH]
        ids = [recipient_id for recipient_id, _context in batch]
        preferences = {} if event in TRANSACTIONAL else _preferences(ids, event)
        languages = dict(User.objects.filter(pk__in=ids).values_list("pk", "profile__preferred_language"))
        rows = []
        for recipient_id, context in batch:
            state = _email_state(event, preferences.get(recipient_id))
            if state is None:
                continue
            language = languages.get(recipient_id) or settings.LANGUAGE_CODE
            with translation.override(language):
                subject = render_to_string(f"notifications/events/{event}_subject.txt", context).strip()
                body = render_to_string(f"notifications/events/{event}.txt", context).strip()
            rows.append(
                Notification(
                    recipient_id=recipient_id,
                    event=event,
                    dedupe_key=key,
                    subject=subject[:300],
                    body=body,
                    url=url,
                    language=language,
                    email_state=state,
                )
            )
        made += len(Notification.objects.bulk_create(rows, ignore_conflicts=True))
    if made:
        transaction.on_commit(partial(_hand_to_celery, key, max(made, 2)), robust=True)
    return made


HAND_OFF_DELAY = 1.0  # seconds from publishing a task for recent notices to the task starting
HAND_OFF_MARGIN = 0.5  # what commits this close to that start goes with the next task (clock skew)
HAND_OFF_LOOKBACK = timedelta(seconds=10)  # how far before publishing that task looks (slow commits)
RECENT_LIMIT = 1000  # notices one such task sends at most; the retry sweep takes any more
_hand_off_due = 0.0  # time.monotonic() at which this process's last such task starts


def _hand_to_celery(key: str, made: int) -> None:
    """Ask Celery to email an event's notices, once the event has committed. Never raises.

    An event telling many people (results, a decision, a window opening) gets a task of its own. A
    notice to one person (a receipt, a membership decision) is what a busy vote makes hundreds of a
    second, so each process publishes at most one `deliver_recent_emails` per HAND_OFF_DELAY, set to
    start a HAND_OFF_DELAY later: what the process commits meanwhile is already waiting when it
    looks. In-process (no broker) the event's own emails are sent at once.

    If the broker cannot be reached the notices wait in the outbox and this process holds off for a
    few seconds (`core.broker`). The first hand-off that gets through afterwards asks for everything
    made since the outage began, so the waiting notices go out at once rather than at the next sweep.
    """
    from notifications.tasks import deliver_event_emails

    if deliver_event_emails.app.conf.task_always_eager:
        try:
            deliver_event_emails.delay(key)
        except Exception:  # a failed send must never fail the user's action
            logger.warning("Emails for %s could not be sent now; they wait for the retry sweep", key, exc_info=True)
        return
    if made > 1:
        if broker.hand_off(partial(deliver_event_emails.delay, key), f"emails for {key}"):
            began = broker.recovered()
            if began is not None:
                _publish_recent(began - HAND_OFF_LOOKBACK)
        return
    if monotonic() < _hand_off_due - HAND_OFF_MARGIN:
        return
    _publish_recent((broker.failing_since() or timezone.now()) - HAND_OFF_LOOKBACK)


def _publish_recent(since: datetime) -> None:
    global _hand_off_due
    from notifications.tasks import deliver_recent_emails

    now = monotonic()
    publish = partial(deliver_recent_emails.apply_async, args=[since.isoformat()], countdown=HAND_OFF_DELAY)
    if broker.hand_off(publish, "receipts and other one-person notices"):
        broker.recovered()
        _hand_off_due = now + HAND_OFF_DELAY


def receipts_delayed() -> bool:
    """True if what this process just committed was not handed to Celery: its emails wait for the sweep."""
    from notifications.tasks import deliver_event_emails

    return not deliver_event_emails.app.conf.task_always_eager and broker.failing_since() is not None


def enqueue_waiting(*, older_than: timedelta | None = None) -> int:
    """Hand waiting emails to Celery. If the broker is down they stay waiting for the next sweep."""
    from notifications.tasks import deliver_email

    waiting = Notification.objects.filter(email_state=Notification.EmailState.WAITING)
    if older_than is not None:
        waiting = waiting.filter(created_at__lte=timezone.now() - older_than)
    sent = 0
    try:
        for notification_id in waiting.values_list("pk", flat=True).iterator():
            deliver_email.delay(notification_id)
            sent += 1
    except Exception:  # noqa: BLE001 - the broker being down must never lose or fail the user's action
        logger.warning("Task broker unreachable; %d notification email(s) wait for the retry sweep", sent)
    return sent


def deliver_event_emails(*, key: str) -> int:
    """Send every waiting email of one event, each claimed on its own, so a crash part-way loses nothing."""
    sent = 0
    waiting = Notification.objects.filter(dedupe_key=key, email_state=Notification.EmailState.WAITING)
    for notification_id in waiting.values_list("pk", flat=True).iterator():
        sent += deliver_email(notification_id=notification_id)
    return sent


def deliver_recent_emails(*, since: datetime) -> int:
    """Send the emails nobody has tried yet of notices made since `since`, newest first.

    At most RECENT_LIMIT, each claimed on its own. The first failure ends the run (usually the mail
    server is down): that notice goes to the retry sweep, which retries with backoff, and the rest to
    the next run or the sweep. Nothing is lost if the worker dies part-way.
    """
    fresh = Notification.objects.filter(
        email_state=Notification.EmailState.WAITING, email_attempts=0, created_at__gte=since
    ).order_by("-created_at")
    sent = 0
    for notification_id in fresh.values_list("pk", flat=True)[:RECENT_LIMIT]:
        try:
            sent += deliver_email(notification_id=notification_id)
        except Exception:
            logger.warning("Email for notice %s failed; the retry sweep will send it", notification_id, exc_info=True)
            break
    return sent


def unsubscribe_token(user_id: int, event: str) -> str:
    return signing.dumps({"u": user_id, "e": event}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_url(user_id: int, event: str) -> str:
    return settings.SITE_URL + reverse("unsubscribe", args=[unsubscribe_token(user_id, event)])


def unsubscribe(*, token: str) -> tuple[User, str]:
    """Turn one kind of notice off for the person the token was made for. Raises BadSignature."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    user = User.objects.get(pk=data["u"])
    Preference.objects.update_or_create(
        user=user, event=data["e"], defaults={"enabled": False, "frequency": Frequency.NEVER}
    )
    return user, data["e"]


def deliver_email(*, notification_id: int) -> bool:
    """Send one waiting notice by email. Claimed first: a second run, or a duplicate task, sends nothing."""
    claim = partial(
        Notification.objects.filter(pk=notification_id, email_state=Notification.EmailState.WAITING).update,
        email_state=Notification.EmailState.SENDING,
        email_claimed_at=timezone.now(),
        email_attempts=F("email_attempts") + 1,
    )
    if not retry_if_connection_lost(claim):
        return False
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    if not notification.recipient.can_be_emailed:
        # Registered in person without an email address (or closed): the notice stays in the app only.
        Notification.objects.filter(pk=notification_id).update(email_state=Notification.EmailState.NO_ADDRESS)
        return False
    try:
        _send([notification], notification.recipient, notification.subject, unsubscribe_event=notification.event)
    except Exception:
        Notification.objects.filter(pk=notification_id).update(email_state=Notification.EmailState.WAITING)
        raise
    # Sent: a database connection dropped now must not leave the claim to be released and the email
    # sent again, so the mark is retried on a new connection (it is the same UPDATE either way).
    mark_sent = partial(
        Notification.objects.filter(pk=notification_id).update,
        email_state=Notification.EmailState.SENT,
        emailed_at=timezone.now(),
    )
    retry_if_connection_lost(mark_sent)
    return True


def send_digests(*, frequency: str) -> int:
    """One email per person listing every notice held for their daily or weekly digest."""
    due = Notification.objects.filter(email_state=Notification.EmailState.DIGEST)
    wanted = Preference.objects.filter(frequency=frequency, enabled=True).values_list("user_id", "event")
    by_user: dict[int, set[str]] = defaultdict(set)
    for user_id, event in wanted:
        by_user[user_id].add(event)
    sent = 0
    for user_id, events in by_user.items():
        ids = list(due.filter(recipient_id=user_id, event__in=events).values_list("pk", flat=True))
        claimed = Notification.objects.filter(pk__in=ids, email_state=Notification.EmailState.DIGEST).update(
            email_state=Notification.EmailState.SENDING, email_claimed_at=timezone.now()
        )
        if not claimed:
            continue
        notices = list(
            Notification.objects.filter(pk__in=ids, email_state=Notification.EmailState.SENDING).select_related(
                "recipient"
            )
        )
        recipient = notices[0].recipient
        if not recipient.can_be_emailed:
            Notification.objects.filter(pk__in=ids).update(email_state=Notification.EmailState.NO_ADDRESS)
            continue
        with translation.override(notices[0].language):
            subject = _digest_subject(frequency, len(notices))
        try:
            _send(notices, recipient, subject, unsubscribe_event=None)
        except Exception:
            Notification.objects.filter(pk__in=ids).update(email_state=Notification.EmailState.DIGEST)
            raise
        Notification.objects.filter(pk__in=ids).update(
            email_state=Notification.EmailState.SENT, emailed_at=timezone.now()
        )
        sent += 1
    return sent


def _digest_subject(frequency: str, count: int) -> str:
    """Whole sentences, so each language can say them its own way (and count its own plurals)."""
    if frequency == Frequency.WEEKLY:
        text = translation.ngettext(
            "Your weekly digest: %(count)s update", "Your weekly digest: %(count)s updates", count
        )
    else:
        text = translation.ngettext(
            "Your daily digest: %(count)s update", "Your daily digest: %(count)s updates", count
        )
    return text % {"count": count}


def release_stale_claims() -> int:
    """A worker that died between claiming and sending leaves a claim; after a while, try again."""
    return Notification.objects.filter(
        email_state=Notification.EmailState.SENDING, email_claimed_at__lte=timezone.now() - STALE_CLAIM
    ).update(email_state=Notification.EmailState.WAITING)


def message_id(notices: list[Notification]) -> str:
    """A Message-ID derived from the notices an email carries: stable across retries and workers."""
    domain = urlparse(settings.SITE_URL).hostname or "localhost"
    if len(notices) == 1:
        return f"<notice-{notices[0].pk}@{domain}>"
    ids = ".".join(str(pk) for pk in sorted(n.pk for n in notices))
    return f"<digest-{hashlib.sha256(ids.encode()).hexdigest()[:32]}@{domain}>"


def _send(notices: list[Notification], recipient: User, subject: str, *, unsubscribe_event: str | None) -> None:
    language = notices[0].language
    preferences_url = settings.SITE_URL + reverse("notification_preferences")
    one_click = unsubscribe_url(recipient.pk, unsubscribe_event) if unsubscribe_event else preferences_url
    with translation.override(language):
        context = {
            "notices": notices,
            "recipient": recipient,
            "site_url": settings.SITE_URL,
            "unsubscribe_url": one_click,
            "preferences_url": preferences_url,
            "language": language,
        }
        text = render_to_string("notifications/email/notice.txt", context)
        html = render_to_string("notifications/email/notice.html", context)
    # The same notice always has the same Message-ID, so a mail system can drop the rare second copy
    # (a worker that dies after the server took the message but before marking it sent; see Jobs).
    headers = {"List-Unsubscribe": f"<{one_click}>", "Message-ID": message_id(notices)}
    if unsubscribe_event:
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(subject, text, None, [recipient.email], headers=headers)
    message.attach_alternative(html, "text/html")
    message.send()


# --- Who hears about what -------------------------------------------------------------------


def mark_read(*, user, notification_ids: Iterable[int] | None = None) -> int:
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=list(notification_ids))
    return unread.update(read_at=timezone.now())


def mark_read_by_key(*, user, key_prefix: str) -> int:
    """Someone acted on what a notice asked (a councillor voted): it no longer waits in their bell."""
    return Notification.objects.filter(recipient=user, dedupe_key__startswith=key_prefix, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def set_preferences(*, user, choices: dict[str, tuple[bool, str]]) -> None:
    for event, (enabled, frequency) in choices.items():
        Event(event)
        Frequency(frequency)
        Preference.objects.update_or_create(
            user=user, event=event, defaults={"enabled": enabled, "frequency": frequency}
        )


def personal_data_erase(user) -> None:
    """Closing an account: every notice and preference of the person goes."""
    from notifications.models import Notification, Preference

    Notification.objects.filter(recipient=user).delete()
    Preference.objects.filter(user=user).delete()
