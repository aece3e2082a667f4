from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The group an administrator puts a community translator in (in the admin, on the person's page).
TRANSLATORS_GROUP = "Translators"


class Correction(models.Model):
    """A community translator's wording for one entry of one language's catalogue.

    It takes the place of the catalogue's translation on every page and email, in every process,
    without a deploy (translations.layer); the catalogue file itself is left as it is.
    """

    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    # Names the catalogue entry: a hash of its context and English (translations.catalogue.entry_key).
    key = models.CharField(_("entry"), max_length=64)
    context = models.TextField(_("context"), blank=True)
    msgid = models.TextField(_("English"))
    msgid_plural = models.TextField(_("English plural"), blank=True)
    text = models.TextField(_("translation"), blank=True)
    plural_texts = models.JSONField(_("plural forms"), default=list, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    changed_at = models.DateTimeField(_("changed"))

    class Meta:
        verbose_name = _("translation correction")
        verbose_name_plural = _("translation corrections")
        ordering = ["language", "msgid"]
        permissions = [("correct_translations", _("Can correct translations in the browser"))]
        constraints = [
            models.UniqueConstraint(fields=["language", "key"], name="correction_one_per_entry"),
            models.CheckConstraint(
                condition=models.Q(language__in=[code for code, _name in settings.LANGUAGES]),
                name="correction_language_offered",
            ),
            # A singular entry has one wording, a plural entry one per plural form: never neither.
            models.CheckConstraint(
                condition=(models.Q(msgid_plural="") & ~models.Q(text="")) | ~models.Q(msgid_plural=""),
                name="correction_singular_has_text",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.language}: {self.msgid[:80]}"
