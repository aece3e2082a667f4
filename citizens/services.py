"""Writes for residents and co-operatives. Views, the API, the admin and commands all call these."""

from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from citizens.eligibility import Eligibility, cooperative_eligibility
from citizens.models import BoardMember, Cooperative, Membership, ResidentProfile, Ward
from citizens.ward_locks import ward_change_refusal
from core import audit
from core.bounds import INTEGER_MAX, require_within
from core.errors import DomainError
from notifications.events import Event
from notifications.services import notify, notify_each


@transaction.atomic
def profile_update(
    *,
    user,
    ward: Ward | None,
    year_of_birth: int | None,
    preferred_language: str,
    accessibility_needs: str = "",
) -> ResidentProfile:
    profile, _created = ResidentProfile.objects.select_for_update().get_or_create(user=user)
    if profile.ward_id and (ward.pk if ward else None) != profile.ward_id:
        _refuse_ward_change_while_locked(user, ward)
    profile.ward = ward
    profile.year_of_birth = year_of_birth
    profile.preferred_language = preferred_language
    profile.accessibility_needs = accessibility_needs
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def preferred_language_set(*, user, language: str) -> ResidentProfile:
    """Remember the language someone chose on any page: pages and emails follow it from then on."""
    if language not in dict(settings.LANGUAGES):
        raise DomainError(_("Choose one of the languages offered."), code="unknown_language")
    profile, _created = ResidentProfile.objects.select_for_update().get_or_create(user=user)
    if profile.preferred_language != language:
        profile.preferred_language = language
        profile.save(update_fields=["preferred_language", "updated_at"])
    return profile


@transaction.atomic
def profile_ward_set(*, user, ward: Ward) -> ResidentProfile:
    """A ward someone has just been checked in (verification): the profile follows it, unless a lock holds."""
    profile, _created = ResidentProfile.objects.select_for_update().get_or_create(user=user)
    if profile.ward_id != ward.pk:
        if profile.ward_id:
            _refuse_ward_change_while_locked(user, ward)
        profile.ward = ward
        profile.save(update_fields=["ward", "updated_at"])
    return profile


def _refuse_ward_change_while_locked(user, ward) -> None:
    reason = ward_change_refusal(user, ward)
    if reason:
        raise DomainError(reason, code="ward_locked", field="ward")


def eligibility_for_cooperative(*, user, cooperative: Cooperative) -> Eligibility:
    profile = ResidentProfile.objects.filter(user=user).first()
    return cooperative_eligibility(
        min_age=cooperative.min_age,
        max_age=cooperative.max_age,
        ward_ids={ward.pk for ward in cooperative.wards.all()},
        year_of_birth=profile.year_of_birth if profile else None,
        ward_id=profile.ward_id if profile else None,
        today=timezone.localdate(),
    )


@transaction.atomic
def membership_apply(*, user, cooperative: Cooperative) -> Membership:
    if not cooperative.is_open_to_applications:
        raise DomainError(_("This co-operative is not taking applications at the moment."), code="closed")
    existing = Membership.objects.filter(member=user, cooperative=cooperative).first()
    if existing and existing.status in (Membership.Status.PENDING, Membership.Status.ACTIVE):
        raise DomainError(_("You have already applied to this co-operative."), code="already_applied")
    eligibility = eligibility_for_cooperative(user=user, cooperative=cooperative)
    if not eligibility.eligible:
        raise DomainError(" ".join(eligibility.reasons), code="not_eligible")
    if existing:
        existing.status = Membership.Status.PENDING
        existing.applied_at = timezone.now()
        existing.decided_by = None
        existing.decision_reason = ""
        existing.save()
        return existing
    try:
        with transaction.atomic():
            return Membership.objects.create(member=user, cooperative=cooperative)
    except IntegrityError:  # the same person applying twice at the same moment
        raise DomainError(_("You have already applied to this co-operative."), code="already_applied") from None


def _pending_membership_for_update(membership_id: int) -> Membership:
    membership = Membership.objects.select_for_update().select_related("cooperative").get(pk=membership_id)
    if membership.status != Membership.Status.PENDING:
        raise DomainError(_("This application has already been decided."), code="already_decided")
    return membership


@transaction.atomic
def membership_approve(*, membership_id: int, officer) -> Membership:
    """Approve and number the member (see `memberships_decide`, which decides one the same way as many)."""
    _pending_membership_for_update(membership_id)
    memberships_decide(officer=officer, membership_ids=[membership_id], decision="approve")
    return Membership.objects.get(pk=membership_id)


@transaction.atomic
def membership_reject(*, membership_id: int, officer, reason: str) -> Membership:
    if not reason.strip():
        raise DomainError(_("Give the applicant a reason."), code="reason_required", field="reason")
    _pending_membership_for_update(membership_id)
    memberships_decide(officer=officer, membership_ids=[membership_id], decision="reject", reason=reason)
    return Membership.objects.get(pk=membership_id)


MEMBERSHIP_DECISION_FIELDS = ["status", "member_number", "decided_by", "decision_reason"]


@transaction.atomic
def ward_figures_update(*, figures: dict[int, tuple[int | None, int | None]]) -> int:
    """Save officers' population and electorate figures; returns how many wards changed."""
    changed = 0
    for ward in Ward.objects.select_for_update().filter(pk__in=figures):
        population, electorate = figures[ward.pk]
        for figure, name in ((population, "population"), (electorate, "electorate")):
            if figure is not None:
                require_within(figure, low=0, high=INTEGER_MAX, code="figure_too_large", field=name)
        if (ward.population, ward.electorate) != (population, electorate):
            ward.population, ward.electorate = population, electorate
            ward.save(update_fields=["population", "electorate"])
            changed += 1
    return changed


def a_year_from(day: date) -> date:
    """The same date next year (28 February for 29 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


BULK_DECISIONS = ("approve", "reject")


@transaction.atomic
def memberships_decide(*, officer, membership_ids: list[int], decision: str, reason: str = "") -> int:
    """Approve or reject many applications at once, with one confirmation; returns how many were decided.

    The same rules, record and notice as one at a time (`membership_approve`, `membership_reject`), in a
    fixed number of queries however many are decided: 1,200 applicants are one lock, one update, one
    audit insert and one notice insert per co-operative. Applications already decided are left alone.
    """
    reason = reason.strip()
    if decision not in BULK_DECISIONS:
        raise DomainError(_("Choose whether to approve or reject."), code="decision_required", field="decision")
    if decision == "reject" and not reason:
        raise DomainError(_("Give the applicants a reason."), code="reason_required", field="reason")
    pending = list(
        Membership.objects.select_for_update(of=("self",))
        .filter(pk__in=membership_ids, status=Membership.Status.PENDING)
        .select_related("member", "cooperative")
        .order_by("cooperative_id", "applied_at", "pk")
    )
    if not pending:
        return 0
    befores = {m.pk: audit.snapshot(m, MEMBERSHIP_DECISION_FIELDS) for m in pending}
    now = timezone.now()
    if decision == "approve":
        cooperative_ids = sorted({m.cooperative_id for m in pending})
        list(Cooperative.objects.select_for_update().filter(pk__in=cooperative_ids).values_list("pk", flat=True))
        highest = dict(
            Membership.objects.filter(cooperative_id__in=cooperative_ids)
            .values("cooperative_id")
            .annotate(n=Max("member_number"))
            .values_list("cooperative_id", "n")
        )
        renew_by = a_year_from(timezone.localdate())
        for membership in pending:
            highest[membership.cooperative_id] = (highest.get(membership.cooperative_id) or 0) + 1
            membership.status = Membership.Status.ACTIVE
            membership.member_number = highest[membership.cooperative_id]
            membership.joined_at, membership.renew_by = now, renew_by
            membership.decided_by, membership.decision_reason = officer, ""
        fields = ["status", "member_number", "joined_at", "renew_by", "decided_by", "decision_reason"]
        action = "membership.approved"
    else:
        for membership in pending:
            membership.status = Membership.Status.REJECTED
            membership.decided_by, membership.decision_reason = officer, reason
        fields = ["status", "decided_by", "decision_reason"]
        action = "membership.rejected"
    Membership.objects.bulk_update(pending, fields, batch_size=2000)
    audit.record_many(
        actor=officer,
        action=action,
        changes=[(m, m.cooperative, befores[m.pk], audit.snapshot(m, MEMBERSHIP_DECISION_FIELDS)) for m in pending],
    )
    by_cooperative: dict[int, list[Membership]] = {}
    for membership in pending:
        by_cooperative.setdefault(membership.cooperative_id, []).append(membership)
    for cooperative_id, memberships in by_cooperative.items():
        notify_each(
            event=Event.MEMBERSHIP_DECIDED,
            key=f"memberships:{cooperative_id}:{decision}:{now.isoformat()}",
            items=[(m.member_id, {"membership": m}) for m in memberships],
            url=reverse("cooperative_detail", args=[memberships[0].cooperative.slug]),
        )
    return len(pending)


def _own_membership_for_update(user, membership_id: int) -> Membership:
    membership = Membership.objects.select_for_update().select_related("cooperative").filter(pk=membership_id).first()
    if membership is None or membership.member_id != user.pk:
        raise DomainError(_("This is not your membership."), code="not_member")
    return membership


RENEWAL_FIELDS = ["status", "renew_by", "ended_at"]
RENEWAL_OPENS = timedelta(days=60)  # how long before the renewal date a member can renew


@transaction.atomic
def membership_renew(*, user, membership_id: int) -> Membership:
    """The member renews for another year, from the date their membership was due."""
    membership = _own_membership_for_update(user, membership_id)
    before = audit.snapshot(membership, RENEWAL_FIELDS)
    if membership.status != Membership.Status.ACTIVE:
        raise DomainError(_("Only an active membership can be renewed. Apply to join again."), code="not_active")
    today = timezone.localdate()
    if membership.renew_by and membership.renew_by - today > RENEWAL_OPENS:
        raise DomainError(
            _("Your membership is renewed until %(when)s. You can renew again from 60 days before then.")
            % {"when": f"{membership.renew_by:%d %B %Y}"},
            code="renewed_already",
        )
    membership.renew_by = a_year_from(max(membership.renew_by or today, today))
    membership.save(update_fields=["renew_by"])
    audit.record(
        actor=user,
        obj=membership,
        context=membership.cooperative,
        action="membership.renewed",
        before=before,
        after=audit.snapshot(membership, RENEWAL_FIELDS),
    )
    return membership


@transaction.atomic
def membership_leave(*, user, membership_id: int) -> Membership:
    """The member leaves. Their member number stays theirs in the register; they can apply again later."""
    membership = _own_membership_for_update(user, membership_id)
    before = audit.snapshot(membership, RENEWAL_FIELDS)
    if membership.status not in (Membership.Status.ACTIVE, Membership.Status.PENDING):
        raise DomainError(_("You are not a member of this co-operative."), code="not_active")
    membership.status = Membership.Status.LEFT
    membership.ended_at = timezone.now()
    membership.save(update_fields=["status", "ended_at"])
    audit.record(
        actor=user,
        obj=membership,
        context=membership.cooperative,
        action="membership.left",
        before=before,
        after=audit.snapshot(membership, RENEWAL_FIELDS),
    )
    notify(
        event=Event.MEMBERSHIP_ENDED,
        recipient_ids=[membership.member_id],
        key=f"membership:{membership.pk}:left:{membership.ended_at.isoformat()}",
        context={"membership": membership},
        url=reverse("cooperative_detail", args=[membership.cooperative.slug]),
    )
    return membership


REMINDERS = (30, 7)  # days before the renewal date that a member is reminded


def membership_renewals_sweep(*, today: date | None = None) -> dict[str, int]:
    """Remind members whose renewal is near, and lapse those whose date has passed (run daily by beat).

    Safe to run as often as wanted: each reminder is keyed by its renewal date and how many days
    before it was sent, and a membership lapses by a filtered UPDATE of active rows, so a second run
    reminds and lapses nobody twice.
    """
    today = today or timezone.localdate()
    reminded = 0
    for days, nearer in zip(REMINDERS, (*REMINDERS[1:], -1), strict=True):
        # Renewal dates this reminder is due for: within `days`, but not so near that the next one is.
        due = (
            Membership.objects.filter(
                status=Membership.Status.ACTIVE,
                renew_by__gt=today + timedelta(days=nearer),
                renew_by__lte=today + timedelta(days=days),
            )
            .select_related("cooperative")
            .order_by("renew_by", "pk")
        )
        by_date: dict[date, list[Membership]] = {}
        for membership in due:
            by_date.setdefault(membership.renew_by, []).append(membership)
        for renew_by, memberships in by_date.items():
            with transaction.atomic():
                reminded += notify_each(
                    event=Event.MEMBERSHIP_RENEWAL_DUE,
                    key=f"membership-renewal:{renew_by.isoformat()}:{days}",
                    items=[(m.member_id, {"membership": m}) for m in memberships],
                    url=reverse("cooperative_detail", args=[memberships[0].cooperative.slug]),
                )
    return {"reminded": reminded, "lapsed": _lapse_unrenewed(today)}


@transaction.atomic
def _lapse_unrenewed(today: date) -> int:
    overdue = list(
        Membership.objects.select_for_update(of=("self",))
        .filter(status=Membership.Status.ACTIVE, renew_by__lt=today)
        .select_related("member", "cooperative")
    )
    if not overdue:
        return 0
    befores = {m.pk: audit.snapshot(m, RENEWAL_FIELDS) for m in overdue}
    now = timezone.now()
    Membership.objects.filter(pk__in=[m.pk for m in overdue], status=Membership.Status.ACTIVE).update(
        status=Membership.Status.LAPSED, ended_at=now
    )
    for membership in overdue:
        membership.status, membership.ended_at = Membership.Status.LAPSED, now
    audit.record_many(
        actor=None,
        action="membership.lapsed",
        changes=[(m, m.cooperative, befores[m.pk], audit.snapshot(m, RENEWAL_FIELDS)) for m in overdue],
    )
    by_cooperative: dict[int, list[Membership]] = {}
    for membership in overdue:
        by_cooperative.setdefault(membership.cooperative_id, []).append(membership)
    for cooperative_id, memberships in by_cooperative.items():
        notify_each(
            event=Event.MEMBERSHIP_ENDED,
            key=f"memberships:{cooperative_id}:lapsed:{today.isoformat()}",
            items=[(m.member_id, {"membership": m}) for m in memberships],
            url=reverse("cooperative_detail", args=[memberships[0].cooperative.slug]),
        )
    return len(overdue)


# --- A co-operative's board: it decides the co-operative's commissions ---------------------------

BOARD_FIELDS = ["member", "appointment", "term_start", "term_end", "ended_early_on"]


@transaction.atomic
def board_member_seat(
    *, officer, cooperative_id: int, member_number: int, appointment: str, term_start: date, term_end: date
) -> BoardMember:
    """Give an active member a seat on the board for a term (elected by the members, or appointed)."""
    cooperative = Cooperative.objects.select_for_update().get(pk=cooperative_id)
    membership = (
        Membership.objects.filter(cooperative=cooperative, member_number=member_number, status=Membership.Status.ACTIVE)
        .select_related("member")
        .first()
    )
    if membership is None:
        raise DomainError(
            _("No active member of %(coop)s has number %(n)s.") % {"coop": cooperative.name, "n": member_number},
            code="not_member",
            field="member_number",
        )
    if appointment not in BoardMember.Appointment.values:
        raise DomainError(_("Say whether they were elected or appointed."), code="appointment", field="appointment")
    if term_end <= term_start:
        raise DomainError(_("The term must end after it starts."), code="term_order", field="term_end")
    if board_current(cooperative, on=term_start).filter(member=membership.member).exists():
        raise DomainError(_("They already have a seat on the board."), code="seated", field="member_number")
    seat = BoardMember.objects.create(
        cooperative=cooperative,
        member=membership.member,
        appointment=appointment,
        term_start=term_start,
        term_end=term_end,
    )
    audit.record(
        actor=officer,
        obj=seat,
        context=cooperative,
        action="board.seated",
        after=audit.snapshot(seat, BOARD_FIELDS),
        public=True,
    )
    return seat


@transaction.atomic
def board_member_stand_down(*, officer, seat_id: int) -> BoardMember:
    seat = BoardMember.objects.select_for_update().select_related("cooperative").get(pk=seat_id)
    before = audit.snapshot(seat, BOARD_FIELDS)
    today = timezone.localdate()
    if seat.ended_early_on or seat.term_end <= today:
        raise DomainError(_("This term has already ended."), code="ended")
    seat.ended_early_on = max(today, seat.term_start)
    seat.save(update_fields=["ended_early_on"])
    audit.record(
        actor=officer,
        obj=seat,
        context=seat.cooperative,
        action="board.stood_down",
        before=before,
        after=audit.snapshot(seat, BOARD_FIELDS),
        public=True,
    )
    return seat


def board_current(cooperative: Cooperative, *, on: date | None = None):
    """The board's seats held on a day (today by default)."""
    from citizens.selectors import seats_held

    return seats_held(on).filter(cooperative=cooperative)


@transaction.atomic
def cooperative_signoff_set(*, officer, cooperative_id: int, threshold) -> Cooperative:
    """Set the value above which the board's approval needs a councillor's sign-off (None: never)."""
    cooperative = Cooperative.objects.select_for_update().get(pk=cooperative_id)
    if threshold is not None and threshold < 0:
        raise DomainError(_("The value cannot be negative."), code="negative", field="council_signoff_above")
    before = {"council_signoff_above": str(cooperative.council_signoff_above)}
    cooperative.council_signoff_above = threshold
    cooperative.save(update_fields=["council_signoff_above"])
    audit.record(
        actor=officer,
        obj=cooperative,
        context=cooperative,
        action="cooperative.signoff_set",
        before=before,
        after={"council_signoff_above": str(threshold)},
        public=True,
    )
    return cooperative


def personal_data_erase(user) -> None:
    """Closing an account: the profile goes; memberships end but keep their rows (numbers are never reused)."""
    ResidentProfile.objects.filter(user=user).delete()
    Membership.objects.filter(member=user, status__in=[Membership.Status.PENDING, Membership.Status.ACTIVE]).update(
        status=Membership.Status.LAPSED, ended_at=timezone.now()
    )
