from django.contrib import admin

from core.admin import ReadOnlyAdmin
from translations.models import Correction


@admin.register(Correction)
class CorrectionAdmin(ReadOnlyAdmin):
    """Corrections are made and withdrawn in the translators' editor (/translate/), which checks and audits them."""

    list_display = ["language", "msgid", "text", "changed_by", "changed_at"]
    list_filter = ["language"]
    search_fields = ["msgid", "text"]
