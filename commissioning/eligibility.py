"""Who may propose and vote in a cycle, with reasons a resident can act on."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from accounts.models import User
from citizens.models import Membership, ResidentProfile
from commissioning.models import CommissioningCycle, Scope


@dataclass(frozen=True)
class Participation:
    reasons: tuple[str, ...]

    @property
    def allowed(self) -> bool:
        return not self.reasons


def _profile(user) -> ResidentProfile | None:
    """The user's profile: the one fetched with them if there is one (the API's token login does)."""
    if User.profile.is_cached(user):
        return getattr(user, "profile", None)
    return ResidentProfile.objects.filter(user=user).only("ward_id").first()


def participation_for(user, cycle: CommissioningCycle) -> Participation:
    """Can this person take part in this cycle? Residents and members only, by the cycle's scope."""
    if not user.is_authenticated:
        return Participation((_("Sign in to take part."),))
    if cycle.scope == Scope.WARDS:
        profile = _profile(user)
        ward_ids = {ward.pk for ward in cycle.wards.all()}
        if profile is None or profile.ward_id is None:
            return Participation((_("This cycle is for particular wards: add your ward to your details."),))
        if profile.ward_id not in ward_ids:
            names = ", ".join(ward.name for ward in cycle.wards.all())
            return Participation((_("This cycle is for residents of %(wards)s.") % {"wards": names},))
    if cycle.scope == Scope.COOPERATIVE:
        is_member = Membership.objects.filter(
            member=user, cooperative_id=cycle.cooperative_id, status=Membership.Status.ACTIVE
        ).exists()
        if not is_member:
            return Participation(
                (_("This cycle is for members of %(coop)s. Apply to join first.") % {"coop": cycle.cooperative},)
            )
    return Participation(())
