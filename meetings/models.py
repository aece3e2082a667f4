"""Meetings of the boards that commission, scrutinise and involve: agenda, papers, attendance,
declarations, minutes and the decisions taken in them."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citizens.models import Cooperative
from commissioning.models import CommissioningCycle
from governance.models import Decision


class MeetingKind(models.TextChoices):
    COMMISSIONING_BOARD = "commissioning_board", _("Commissioning board")
    COOP_BOARD = "coop_board", _("Co-operative board")
    SCRUTINY = "scrutiny", _("Scrutiny session")
    INVOLVEMENT = "involvement", _("Public involvement event")


# Working days after the meeting by which its minutes must be public. Set per kind: a board that
# decides publishes sooner than a public event writes up what residents said.
MINUTES_DEADLINE_WORKING_DAYS = {
    MeetingKind.COMMISSIONING_BOARD: 10,
    MeetingKind.COOP_BOARD: 10,
    MeetingKind.SCRUTINY: 10,
    MeetingKind.INVOLVEMENT: 15,
}


class MinutesState(models.TextChoices):
    NOT_DUE = "not_due", _("Not due yet")
    OVERDUE = "overdue", _("Overdue")
    ON_TIME = "on_time", _("Published on time")
    LATE = "late", _("Published late")
    CANCELLED = "cancelled", _("Meeting cancelled")


class MeetingQuerySet(models.QuerySet):
    def minutes_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(cancelled=False, minutes_published_at__isnull=True, minutes_due_on__lt=today)

    def upcoming(self, now=None):
        return self.filter(cancelled=False, starts_at__gte=now or timezone.now()).order_by("starts_at")


class Meeting(models.Model):
    kind = models.CharField(_("kind of meeting"), max_length=20, choices=MeetingKind.choices)
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    location = models.CharField(_("where"), max_length=300)
    cycle = models.ForeignKey(
        CommissioningCycle,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("cycle"),
    )
    cooperative = models.ForeignKey(
        Cooperative,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("co-operative"),
    )
    clerk = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="meetings_clerked", verbose_name=_("clerk")
    )
    minutes_due_on = models.DateField(_("minutes due"))
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_published_at = models.DateTimeField(_("minutes published"), null=True, blank=True)
    decisions = models.ManyToManyField(Decision, blank=True, related_name="meetings", verbose_name=_("decisions taken"))
    cancelled = models.BooleanField(_("cancelled"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("scheduled by")
    )
    created_at = models.DateTimeField(_("scheduled"), auto_now_add=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=F("starts_at")), name="meeting_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(minutes_published_at__isnull=True) | ~Q(minutes=""), name="published_minutes_not_empty"
            ),
            models.CheckConstraint(
                condition=~Q(kind="coop_board") | Q(cooperative__isnull=False), name="coop_board_has_cooperative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.starts_at:%d %b %Y})"

    def minutes_state(self, today=None) -> str:
        """The one rule for the tag on every page: overdue until published, then on time or late."""
        if self.cancelled:
            return MinutesState.CANCELLED
        if self.minutes_published_at is not None:
            published_on = timezone.localdate(self.minutes_published_at)
            return MinutesState.ON_TIME if published_on <= self.minutes_due_on else MinutesState.LATE
        if (today or timezone.localdate()) > self.minutes_due_on:
            return MinutesState.OVERDUE
        return MinutesState.NOT_DUE

    def get_minutes_state_display(self) -> str:
        return str(MinutesState(self.minutes_state()).label)


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda", verbose_name=_("meeting"))
    position = models.PositiveSmallIntegerField(_("item number"))
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    paper_title = models.CharField(_("paper"), max_length=200, blank=True)
    paper_url = models.URLField(_("link to the paper"), blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="agenda_item_number_once"),
            models.CheckConstraint(condition=Q(paper_url="") | ~Q(paper_title=""), name="paper_link_has_title"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Attendance(models.Model):
    """Who attended in a public capacity (members, officers, guests presenting); the public are counted
    in the minutes, not named."""

    class Capacity(models.TextChoices):
        CHAIR = "chair", _("Chair")
        MEMBER = "member", _("Member")
        OFFICER = "officer", _("Officer")
        GUEST = "guest", _("Guest")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("meeting"))
    name = models.CharField(_("name"), max_length=200)
    capacity = models.CharField(_("attended as"), max_length=10, choices=Capacity.choices)
    present = models.BooleanField(_("present"), help_text=_("Untick for apologies."))

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["meeting", "capacity", "name"]
        constraints = [models.UniqueConstraint(fields=["meeting", "name"], name="attendance_once_per_person")]

    def __str__(self) -> str:
        return self.name


class MeetingDeclaration(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="declarations", verbose_name=_("meeting")
    )
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("agenda item")
    )
    name = models.CharField(_("who declared"), max_length=200)
    interest = models.TextField(_("the interest"))

    class Meta:
        verbose_name = _("declaration at a meeting")
        verbose_name_plural = _("declarations at meetings")
        ordering = ["meeting", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(interest=""), name="meeting_interest_is_described")]

    def __str__(self) -> str:
        return f"{self.name}: {self.interest[:40]}"
