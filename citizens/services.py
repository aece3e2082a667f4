"""Writes for residents and co-operatives. Views, the API, the admin and commands all call these."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from citizens.eligibility import Eligibility, cooperative_eligibility
from citizens.models import Cooperative, Membership, ResidentProfile, Ward
from citizens.ward_locks import ward_change_refusal
from core import audit
from core.errors import DomainError
from notifications.events import Event
from notifications.services import notify


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
    """Approve and number the member. Locking the co-operative row keeps member numbers unique and gapless."""
    membership = _pending_membership_for_update(membership_id)
    before = audit.snapshot(membership, MEMBERSHIP_DECISION_FIELDS)
    Cooperative.objects.select_for_update().get(pk=membership.cooperative_id)
    highest = Membership.objects.filter(cooperative_id=membership.cooperative_id).aggregate(n=Max("member_number"))["n"]
    membership.status = Membership.Status.ACTIVE
    membership.member_number = (highest or 0) + 1
    membership.joined_at = timezone.now()
    membership.decided_by = officer
    membership.save()
    _record_decision(membership, officer, "membership.approved", before)
    return membership


@transaction.atomic
def membership_reject(*, membership_id: int, officer, reason: str) -> Membership:
    if not reason.strip():
        raise DomainError(_("Give the applicant a reason."), code="reason_required", field="reason")
    membership = _pending_membership_for_update(membership_id)
    before = audit.snapshot(membership, MEMBERSHIP_DECISION_FIELDS)
    membership.status = Membership.Status.REJECTED
    membership.decided_by = officer
    membership.decision_reason = reason.strip()
    membership.save()
    _record_decision(membership, officer, "membership.rejected", before)
    return membership


MEMBERSHIP_DECISION_FIELDS = ["status", "member_number", "decided_by", "decision_reason"]


def _record_decision(membership: Membership, officer, action: str, before: dict) -> None:
    """The decision goes on the record and to the applicant, in the transaction that takes it."""
    audit.record(
        actor=officer,
        obj=membership,
        context=membership.cooperative,
        action=action,
        before=before,
        after=audit.snapshot(membership, MEMBERSHIP_DECISION_FIELDS),
    )
    notify(
        event=Event.MEMBERSHIP_DECIDED,
        recipient_ids=[membership.member_id],
        key=f"membership:{membership.pk}:{membership.status}:{membership.applied_at.isoformat()}",
        context={"membership": membership},
        url=reverse("cooperative_detail", args=[membership.cooperative.slug]),
    )


@transaction.atomic
def ward_figures_update(*, figures: dict[int, tuple[int | None, int | None]]) -> int:
    """Save officers' population and electorate figures; returns how many wards changed."""
    changed = 0
    for ward in Ward.objects.select_for_update().filter(pk__in=figures):
        population, electorate = figures[ward.pk]
        if (ward.population, ward.electorate) != (population, electorate):
            ward.population, ward.electorate = population, electorate
            ward.save(update_fields=["population", "electorate"])
            changed += 1
    return changed


def personal_data_erase(user) -> None:
    """Closing an account: the profile goes; memberships end but keep their rows (numbers are never reused)."""
    ResidentProfile.objects.filter(user=user).delete()
    Membership.objects.filter(member=user, status__in=[Membership.Status.PENDING, Membership.Status.ACTIVE]).update(
        status=Membership.Status.LAPSED, ended_at=timezone.now()
    )
