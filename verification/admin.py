"""Read-only: every verification, extract and code is written by a service that checks and records it.
Hashes are not shown at all, and nothing can be searched by them."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin
from verification.models import IdentityConflict, RegisterExtract, Verification, VotingCodeBatch


@admin.register(Verification)
class VerificationAdmin(ReadOnlyAdmin):
    list_display = ["user", "method", "ward", "verified_at", "verified_by", "superseded_at"]
    list_filter = ["method", "ward"]
    search_fields = ["user__email"]
    list_select_related = ["user", "ward", "verified_by"]
    exclude = ["identity"]


@admin.register(RegisterExtract)
class RegisterExtractAdmin(ReadOnlyAdmin):
    list_display = ["source", "uploaded_at", "uploaded_by", "entries_kept", "delete_after", "deleted_at"]


@admin.register(VotingCodeBatch)
class VotingCodeBatchAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "ward", "cooperative", "size", "language", "large_print", "created_by"]


@admin.register(IdentityConflict)
class IdentityConflictAdmin(ReadOnlyAdmin):
    list_display = ["attempted_at", "attempted_by", "method", "held_by", "reviewed_at", "reviewed_by"]
    list_filter = ["method"]
