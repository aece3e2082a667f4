from django.db.models import QuerySet

from citizens.models import Cooperative, Membership, ResidentProfile


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
