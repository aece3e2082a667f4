"""Verified residents: how each was checked, the register extracts and voting codes that check them,
and the attempts to verify a second account with an identity already used."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from citizens.models import Cooperative, Ward


class Method(models.TextChoices):
    REGISTER = "register", _("Matched against the council's register")
    CODE = "code", _("Voting code sent by letter")
    IN_PERSON = "in_person", _("Checked in person by an officer")


class Document(models.TextChoices):
    """What an officer may check a resident against in person."""

    PASSPORT = "passport", _("Passport")
    DRIVING_LICENCE = "driving_licence", _("Driving licence")
    COUNCIL_TAX_BILL = "council_tax_bill", _("Council tax bill")
    UTILITY_BILL = "utility_bill", _("Utility bill from the last 3 months")
    BENEFITS_LETTER = "benefits_letter", _("Benefits letter")
    OTHER = "other", _("Other official letter or card")


class RegisterSource(models.TextChoices):
    ELECTORAL = "electoral", _("Electoral register")
    COUNCIL_TAX = "council_tax", _("Council tax list")


class RegisterExtract(models.Model):
    """One upload of the council's register. Its entries hold keyed hashes and wards, never names,
    and are deleted when the retention period the officer set runs out (beat)."""

    source = models.CharField(_("source"), max_length=12, choices=RegisterSource.choices)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    entries_kept = models.PositiveIntegerField(_("entries kept"), default=0)
    rows_refused = models.PositiveIntegerField(_("rows refused"), default=0)
    delete_after = models.DateTimeField(_("delete after"))
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)

    class Meta:
        verbose_name = _("register extract")
        verbose_name_plural = _("register extracts")
        ordering = ["-uploaded_at"]
        constraints = [
            models.CheckConstraint(condition=Q(delete_after__gt=F("uploaded_at")), name="extract_deleted_later"),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} ({self.uploaded_at:%d %b %Y})"


class RegisterEntry(models.Model):
    extract = models.ForeignKey(RegisterExtract, on_delete=models.CASCADE, related_name="entries")
    identity = models.CharField(_("identity key"), max_length=80, db_index=True)
    ward = models.ForeignKey(Ward, on_delete=models.PROTECT, related_name="+", verbose_name=_("ward"))

    class Meta:
        verbose_name = _("register entry")
        verbose_name_plural = _("register entries")
        constraints = [models.UniqueConstraint(fields=["extract", "identity"], name="register_entry_once_per_extract")]

    def __str__(self) -> str:
        return f"{self.identity[:15]}… ({self.ward_id})"


class VotingCodeBatch(models.Model):
    """Codes printed as letters for one ward or one co-operative, in one language."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    ward = models.ForeignKey(Ward, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    size = models.PositiveIntegerField(_("number of codes"))
    language = models.CharField(_("language of the letters"), max_length=10, choices=settings.LANGUAGES)
    large_print = models.BooleanField(_("large print"), default=False)

    class Meta:
        verbose_name = _("batch of voting codes")
        verbose_name_plural = _("batches of voting codes")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ward__isnull=False, cooperative__isnull=True)
                | Q(ward__isnull=True, cooperative__isnull=False),
                name="code_batch_for_a_ward_or_a_cooperative",
            ),
            models.CheckConstraint(condition=Q(size__gte=1), name="code_batch_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.ward or self.cooperative} — {self.size} ({self.created_at:%d %b %Y})"


class VotingCode(models.Model):
    """A single-use code, kept only as its keyed hash. Redeemed by one filtered UPDATE (see services)."""

    batch = models.ForeignKey(VotingCodeBatch, on_delete=models.PROTECT, related_name="codes")
    code_hash = models.CharField(_("code hash"), max_length=80, unique=True)
    redeemed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    redeemed_at = models.DateTimeField(_("redeemed"), null=True, blank=True)

    class Meta:
        verbose_name = _("voting code")
        verbose_name_plural = _("voting codes")
        constraints = [
            models.CheckConstraint(
                condition=Q(redeemed_by__isnull=True, redeemed_at__isnull=True)
                | Q(redeemed_by__isnull=False, redeemed_at__isnull=False),
                name="voting_code_redeemed_by_someone_at_a_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code_hash[:13]}…"


class LetterRun(models.Model):
    """A print run: a batch's codes made and their letters stamped by Celery, a part file at a time.

    The part files hold the codes in the clear, so they are deleted once the officer has them
    (or by beat when `delete_after` passes); the codes themselves are kept only as hashes.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Making the letters")
        DONE = "done", _("Ready to download")
        FAILED = "failed", _("Failed")
        DELETED = "deleted", _("Letters deleted")

    batch = models.OneToOneField(VotingCodeBatch, on_delete=models.PROTECT, related_name="letter_run")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    letters_done = models.PositiveIntegerField(_("letters made"), default=0)
    part_size = models.PositiveIntegerField(_("letters a file"))
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    delete_after = models.DateTimeField(_("delete the letters after"))
    deleted_at = models.DateTimeField(_("letters deleted"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("print run of letters")
        verbose_name_plural = _("print runs of letters")
        constraints = [
            models.CheckConstraint(condition=Q(part_size__gte=1), name="letter_run_parts_not_empty"),
            models.CheckConstraint(
                condition=~Q(status="deleted") | Q(deleted_at__isnull=False), name="letter_run_deleted_says_when"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.batch} — {self.get_status_display()}"

    @property
    def parts(self) -> int:
        """How many part files are written so far."""
        return -(-self.letters_done // self.part_size)

    @property
    def percent(self) -> int:
        return min(100, self.letters_done * 100 // max(self.batch.size, 1))

    def part_name(self, part: int) -> str:
        return f"voting-letters/{self.batch_id}/letters-{self.batch_id}-{part + 1:03d}.pdf"


class Verification(models.Model):
    """A resident checked one of three ways. The newest is current; a move of ward is a new one.

    `identity` binds the person (or the code) to this account for good: the unique constraint is
    what makes one identity verify at most one account, whatever races the pages allow.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="verifications", verbose_name=_("resident")
    )
    method = models.CharField(_("method"), max_length=10, choices=Method.choices)
    identity = models.CharField(_("identity key"), max_length=80)
    ward = models.ForeignKey(
        Ward, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("ward")
    )
    verified_at = models.DateTimeField(_("verified"), auto_now_add=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked by"),
    )
    document = models.CharField(_("document seen"), max_length=20, choices=Document.choices, blank=True)
    register_extract = models.ForeignKey(
        RegisterExtract, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    voting_code = models.OneToOneField(
        VotingCode, on_delete=models.PROTECT, null=True, blank=True, related_name="verification"
    )
    superseded_at = models.DateTimeField(_("superseded"), null=True, blank=True)

    class Meta:
        verbose_name = _("verification")
        verbose_name_plural = _("verifications")
        ordering = ["-verified_at"]
        constraints = [
            models.UniqueConstraint(fields=["identity"], name="verification_identity_one_account"),
            models.UniqueConstraint(
                fields=["user"], condition=Q(superseded_at__isnull=True), name="verification_one_current_per_user"
            ),
            models.CheckConstraint(
                condition=~Q(method="in_person") | (Q(verified_by__isnull=False) & ~Q(document="")),
                name="verification_in_person_names_officer_and_document",
            ),
            models.CheckConstraint(
                condition=~Q(method="code") | Q(voting_code__isnull=False), name="verification_code_names_code"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_method_display()}"


class IdentityConflict(models.Model):
    """Someone tried to verify an account with an identity already verifying another: for officers to look at."""

    attempted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("tried by")
    )
    method = models.CharField(_("method"), max_length=10, choices=Method.choices)
    held_by = models.ForeignKey(
        Verification, on_delete=models.PROTECT, related_name="conflicts", verbose_name=_("identity verifies")
    )
    attempted_at = models.DateTimeField(_("tried"), auto_now_add=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    review_note = models.TextField(_("what the officer found"), blank=True)

    class Meta:
        verbose_name = _("identity conflict")
        verbose_name_plural = _("identity conflicts")
        ordering = ["attempted_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reviewed_at__isnull=True) | (Q(reviewed_by__isnull=False) & ~Q(review_note="")),
                name="identity_conflict_review_has_officer_and_note",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.attempted_by} — {self.get_method_display()} ({self.attempted_at:%d %b %Y})"
