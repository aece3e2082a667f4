from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citizens.models import BoardMember, Cooperative, Membership, ResidentProfile


def profile_for(user) -> ResidentProfile | None:
    return ResidentProfile.objects.select_related("ward").filter(user=user).first()


def cooperatives_public() -> QuerySet[Cooperative]:
    return Cooperative.objects.prefetch_related("wards")


def memberships_of(user) -> QuerySet[Membership]:
    return Membership.objects.filter(member=user).select_related("cooperative")


def memberships_pending() -> QuerySet[Membership]:
    return (
        Membership.objects.filter(status=Membership.Status.PENDING)
        .select_related("member", "member__profile", "member__profile__ward", "cooperative")
        .order_by("applied_at")
    )


AGE_BANDS = {
    "under-18": (_("Under 18"), None, 17),
    "18-24": (_("18 to 24"), 18, 24),
    "25-34": (_("25 to 34"), 25, 34),
    "35-49": (_("35 to 49"), 35, 49),
    "50-64": (_("50 to 64"), 50, 64),
    "65-plus": (_("65 and over"), 65, None),
}
"""Age bands for filtering, by year of birth: someone born in 2000 counts as 26 all through 2026."""


@dataclass(frozen=True)
class RosterFilter:
    query: str = ""
    status: str = ""
    ward_id: int | None = None
    age_band: str = ""


def _age_band_q(band: str) -> Q:
    if band not in AGE_BANDS:
        return Q()
    _label, youngest, oldest = AGE_BANDS[band]
    year = timezone.localdate().year
    q = Q()
    if youngest is not None:
        q &= Q(member__profile__year_of_birth__lte=year - youngest)
    if oldest is not None:
        q &= Q(member__profile__year_of_birth__gte=year - oldest)
    return q


def roster(cooperative: Cooperative, wanted: RosterFilter) -> QuerySet[Membership]:
    """A co-operative's register, filtered: members with their ward and year of birth, by member number."""
    rows = Membership.objects.filter(cooperative=cooperative)
    if wanted.status:
        rows = rows.filter(status=wanted.status)
    if wanted.ward_id:
        rows = rows.filter(member__profile__ward_id=wanted.ward_id)
    if wanted.age_band:
        rows = rows.filter(_age_band_q(wanted.age_band))
    query = wanted.query.strip()
    if query:
        number = int(query) if query.isdigit() else None
        match = Q(member__full_name__icontains=query) | Q(member__email__icontains=query)
        if number is not None:
            match |= Q(member_number=number)
        rows = rows.filter(match)
    return rows.select_related("member", "member__profile", "member__profile__ward").order_by(
        "member_number", "applied_at", "pk"
    )


def roster_counts(cooperative: Cooperative) -> dict[str, int]:
    """How many memberships of each status the co-operative has, in one query."""
    counts = Membership.objects.filter(cooperative=cooperative).aggregate(
        total=Count("pk"),
        **{status: Count("pk", filter=Q(status=status)) for status in Membership.Status.values},
    )
    return counts


def pending_for(wanted: RosterFilter, cooperative_id: int | None = None) -> QuerySet[Membership]:
    """Applications waiting for a decision, oldest first, optionally for one co-operative and filtered."""
    rows = memberships_pending()
    if cooperative_id:
        rows = rows.filter(cooperative_id=cooperative_id)
    if wanted.ward_id:
        rows = rows.filter(member__profile__ward_id=wanted.ward_id)
    if wanted.age_band:
        rows = rows.filter(_age_band_q(wanted.age_band))
    query = wanted.query.strip()
    if query:
        rows = rows.filter(Q(member__full_name__icontains=query) | Q(member__email__icontains=query))
    return rows


def seats_held(on=None) -> QuerySet[BoardMember]:
    """Board seats held on a day (today by default): within the term and not stood down."""
    on = on or timezone.localdate()
    return BoardMember.objects.filter(term_start__lte=on, term_end__gt=on).filter(
        Q(ended_early_on__isnull=True) | Q(ended_early_on__gt=on)
    )


def holds_board_seat(user) -> bool:
    return seats_held().filter(member=user).exists()


def board_of(cooperative: Cooperative) -> QuerySet[BoardMember]:
    """Every seat the co-operative's board has had, current first, with the member."""
    return BoardMember.objects.filter(cooperative=cooperative).select_related("member").order_by("-term_end")
