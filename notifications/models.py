"""In-app notifications (the bell), email delivery state, preferences.

A notification row is written in the same transaction as the event that causes it, so nothing is
lost if Redis or the mail server is down: the email is sent from the row, and a sweep retries
any that are still waiting.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from notifications.events import Event, Frequency


class Notification(models.Model):
    class EmailState(models.TextChoices):
        WAITING = "waiting", _("Waiting to be emailed")
        DIGEST = "digest", _("Waiting for the digest")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Emailed")
        NOT_EMAILED = "not_emailed", _("Not emailed (by preference)")
        NO_ADDRESS = "no_address", _("Not emailed (no email address)")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("recipient")
    )
    event = models.CharField(_("event"), max_length=40, choices=Event.choices)
    dedupe_key = models.CharField(
        _("event key"), max_length=200, help_text=_("Identifies the event, so the same notice is never made twice.")
    )
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("message"))
    url = models.CharField(_("link"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=10)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    email_state = models.CharField(_("email"), max_length=12, choices=EmailState.choices)
    email_claimed_at = models.DateTimeField(_("email claimed"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(_("email attempts"), default=0)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "dedupe_key"], name="notification_once_per_event"),
            models.CheckConstraint(
                condition=~Q(email_state="sent") | Q(emailed_at__isnull=False), name="notification_sent_has_time"
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(fields=["email_state", "created_at"], name="notification_email_queue"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient}: {self.subject}"


class Preference(models.Model):
    """A person's choice for one kind of event. No row means: on, straight away."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    event = models.CharField(_("event"), max_length=40, choices=Event.choices)
    enabled = models.BooleanField(_("tell me in the platform"), default=True)
    frequency = models.CharField(_("email"), max_length=10, choices=Frequency.choices, default=Frequency.INSTANT)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [models.UniqueConstraint(fields=["user", "event"], name="preference_once_per_event")]

    def __str__(self) -> str:
        return f"{self.user}: {self.event} ({self.frequency})"
