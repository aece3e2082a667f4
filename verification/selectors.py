"""Reads about verification that more than one caller needs."""

from django.db.models import QuerySet

from verification.models import (
    IdentityConflict,
    Method,
    RegisterEntry,
    RegisterExtract,
    Verification,
    VotingCodeBatch,
)


def current_verification(user) -> Verification | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Verification.objects.filter(user=user, superseded_at__isnull=True).select_related("ward").first()


def verifications_of(user) -> QuerySet[Verification]:
    return Verification.objects.filter(user=user).select_related("ward", "verified_by").order_by("-verified_at")


def register_entry_for(identity: str, *, now) -> RegisterEntry | None:
    """The newest live register entry with this identity key, if any.

    No ORDER BY … LIMIT in the query: with one, a planner short of statistics walks the whole table
    in key order instead of seeking the identity index. A person is on a handful of extracts at most.
    """
    entries = RegisterEntry.objects.filter(
        identity=identity, extract__deleted_at__isnull=True, extract__delete_after__gt=now
    ).select_related("extract", "ward")
    return max(entries, key=lambda entry: entry.extract.uploaded_at, default=None)


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
