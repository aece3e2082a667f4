"""Who may propose and vote in a cycle, with reasons a resident can act on and the way to act."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from citizens.models import Membership, ResidentProfile
from commissioning.models import Assurance, BallotAssurance, CommissioningCycle, Scope
from verification.selectors import current_verification


@dataclass(frozen=True)
class Participation:
    reasons: tuple[str, ...]
    # What to do about it, where there is something to do: (the link's words, its address).
    next_step: tuple[str, str] | None = None
    # How the person is known, as a ballot records it (email, register, code, in person).
    assurance: str = BallotAssurance.EMAIL
    code: str = "not_eligible"

    @property
    def allowed(self) -> bool:
        return not self.reasons


def _profile(user) -> ResidentProfile | None:
    """The user's profile: the one fetched with them if there is one (the API's token login does)."""
    if User.profile.is_cached(user):
        return getattr(user, "profile", None)
    return ResidentProfile.objects.filter(user=user).only("ward_id").first()


def _get_verified() -> tuple[str, str]:
    return (_("Get verified as a resident"), reverse("verification_start"))


def participation_for(user, cycle: CommissioningCycle) -> Participation:
    """Can this person take part in this cycle? By the cycle's assurance, then its scope.

    In a binding cycle the ward that counts is the one the resident was verified in, not the one
    they typed; in a consultation it is the ward in their details.
    """
    if not user.is_authenticated:
        return Participation((_("Sign in to take part."),))
    verification = current_verification(user)
    assurance = verification.method if verification else BallotAssurance.EMAIL
    binding = cycle.assurance == Assurance.RESIDENT
    if binding and verification is None:
        return Participation(
            (_("This is a binding vote: only verified residents can take part. It takes a few minutes."),),
            next_step=_get_verified(),
            code="verification_required",
        )
    if cycle.scope == Scope.WARDS:
        ward_ids = {ward.pk for ward in cycle.wards.all()}
        if binding:
            ward_id = verification.ward_id
            if ward_id is None:
                return Participation(
                    (_("This binding vote is for particular wards, and your ward has not been checked."),),
                    next_step=_get_verified(),
                    assurance=assurance,
                    code="verification_required",
                )
        else:
            profile = _profile(user)
            ward_id = profile.ward_id if profile else None
            if ward_id is None:
                return Participation(
                    (_("This cycle is for particular wards: add your ward to your details."),),
                    next_step=(_("Add your ward"), reverse("profile_edit")),
                    assurance=assurance,
                )
        if ward_id not in ward_ids:
            names = ", ".join(ward.name for ward in cycle.wards.all())
            return Participation(
                (_("This cycle is for residents of %(wards)s.") % {"wards": names},), assurance=assurance
            )
    if cycle.scope == Scope.COOPERATIVE:
        is_member = Membership.objects.filter(
            member=user, cooperative_id=cycle.cooperative_id, status=Membership.Status.ACTIVE
        ).exists()
        if not is_member:
            return Participation(
                (_("This cycle is for members of %(coop)s. Apply to join first.") % {"coop": cycle.cooperative},),
                next_step=(_("Apply to join"), reverse("cooperative_detail", args=[cycle.cooperative.slug])),
                assurance=assurance,
            )
    return Participation((), assurance=assurance)
