"""Reads about verification that more than one caller needs."""

from django.db.models import QuerySet

from verification.models import IdentityConflict, Method, RegisterExtract, Verification, VotingCodeBatch


def current_verification(user) -> Verification | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Verification.objects.filter(user=user, superseded_at__isnull=True).select_related("ward").first()


def verifications_of(user) -> QuerySet[Verification]:
    return Verification.objects.filter(user=user).select_related("ward", "verified_by").order_by("-verified_at")


def conflicts_open() -> QuerySet[IdentityConflict]:
    return IdentityConflict.objects.filter(reviewed_at__isnull=True).select_related(
        "attempted_by", "held_by__user", "held_by__ward"
    )


def extracts_recent() -> QuerySet[RegisterExtract]:
    return RegisterExtract.objects.select_related("uploaded_by").order_by("-uploaded_at")[:20]


def code_batches_recent() -> QuerySet[VotingCodeBatch]:
    batches = VotingCodeBatch.objects.select_related("ward", "cooperative", "created_by", "letter_run")
    return batches.order_by("-created_at")[:20]


METHOD_LABELS = dict(Method.choices)
