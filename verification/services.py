"""Writes for verification. Pages, the API, the admin, commands and beat all call these.

Three ways in (register match, voting code, in person) end in `_verify`, which binds the identity to
the account: the unique constraint on `Verification.identity` makes that hold under any race, and a
second account that tries an identity already used is refused and put before officers.
"""

import io
import tempfile
from collections.abc import Iterable
from datetime import date, timedelta

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import user_without_email_create
from citizens.models import EARLIEST_YEAR_OF_BIRTH, Cooperative, Ward
from citizens.services import profile_update, profile_ward_set
from core import audit
from core.errors import DomainError
from verification import guesses, letters, selectors
from verification.identity import code_key, new_code, person_key
from verification.models import (
    IdentityConflict,
    LetterRun,
    Method,
    RegisterEntry,
    RegisterExtract,
    Verification,
    VotingCode,
    VotingCodeBatch,
)
from verification.register import ReadCounts, UnreadableExtract, register_keys

VERIFICATION_FIELDS = ["user", "method", "ward", "verified_by", "document", "superseded_at"]
ENTRY_BATCH = 5000


def _secret() -> str:
    return settings.VERIFICATION_SECRET


class _Conflict(Exception):
    """Raised inside the transaction to roll it back; the conflict is then recorded on its own."""

    def __init__(self, held_by_id: int) -> None:
        self.held_by_id = held_by_id


def _record_conflict(*, user, method: str, held_by_id: int, actor=None) -> None:
    with transaction.atomic():
        conflict = IdentityConflict.objects.create(attempted_by=user, method=method, held_by_id=held_by_id)
        audit.record(
            actor=actor or user,
            obj=conflict,
            action="verification.conflict",
            after={"attempted_by": user.pk, "method": method, "held_by": held_by_id},
        )


IDENTITY_TAKEN = _(
    "These details already verify another account. An officer will look into it; "
    "if the other account is not yours, contact the council."
)


def _verify(
    *,
    user,
    method: str,
    identity: str,
    ward: Ward | None,
    actor,
    verified_by=None,
    document: str = "",
    register_extract: RegisterExtract | None = None,
    voting_code: VotingCode | None = None,
) -> Verification:
    """Make this the account's current verification. Runs inside the caller's transaction."""
    User.objects.select_for_update().only("pk").get(pk=user.pk)  # one verification at a time per account
    now = timezone.now()
    held = Verification.objects.filter(identity=identity).first()
    if held is not None and held.user_id != user.pk:
        raise _Conflict(held.pk)
    current = Verification.objects.filter(user=user, superseded_at__isnull=True).first()
    before = audit.snapshot(current, VERIFICATION_FIELDS)
    if held is not None and held.pk == getattr(current, "pk", None) and held.ward_id == getattr(ward, "pk", None):
        return held  # checked again, nothing new
    if current is not None:
        current.superseded_at = now
        current.save(update_fields=["superseded_at"])
    if held is not None:  # the same person back at an address they were verified at before
        verification = held
        verification.superseded_at = None
        verification.method, verification.ward, verification.verified_by = method, ward, verified_by
        verification.document, verification.register_extract = document, register_extract
        verification.save()
    else:
        try:
            with transaction.atomic():
                verification = Verification.objects.create(
                    user=user,
                    method=method,
                    identity=identity,
                    ward=ward,
                    verified_by=verified_by,
                    document=document,
                    register_extract=register_extract,
                    voting_code=voting_code,
                )
        except IntegrityError:  # another account took this identity a moment ago
            raise _Conflict(Verification.objects.get(identity=identity).pk) from None
    if ward is not None:
        profile_ward_set(user=user, ward=ward)
    audit.record(
        actor=actor,
        obj=verification,
        action=f"verification.{method}",
        before=before,
        after=audit.snapshot(verification, VERIFICATION_FIELDS),
    )
    return verification


def _verify_or_record_conflict(*, user, method: str, actor=None, ip: str | None = None, **kwargs) -> Verification:
    try:
        with transaction.atomic():
            return _verify(user=user, method=method, actor=actor or user, **kwargs)
    except _Conflict as conflict:
        _record_conflict(user=user, method=method, held_by_id=conflict.held_by_id, actor=actor)
        if actor is None:
            # "Already used" tells whoever typed the details that someone has an account: it counts as a
            # guess, so nobody can try their way through the register to find out who takes part.
            guesses.note_wrong_guess(user_id=user.pk, ip=ip)
        raise DomainError(IDENTITY_TAKEN, code="identity_taken") from None


# --- Register match --------------------------------------------------------------------------


def register_extract_import(
    *, officer, source: str, lines: Iterable[str], retention_days: int, now=None
) -> RegisterExtract:
    """Keep only keyed hashes and wards of an extract's rows; the rows themselves are not stored anywhere."""
    if not 1 <= retention_days <= settings.REGISTER_RETENTION_DAYS_MAX:
        raise DomainError(
            _("Keep the extract for between 1 and %(days)s days.") % {"days": settings.REGISTER_RETENTION_DAYS_MAX},
            code="retention",
            field="retention_days",
        )
    ward_ids: dict[str, int] = {}
    for pk, name, slug, gss in Ward.objects.values_list("pk", "name", "slug", "gss_code"):
        for label in (name, slug, gss):
            if label:
                ward_ids[label.strip().lower()] = pk
    now = now or timezone.now()
    counts = ReadCounts()
    with transaction.atomic():
        extract = RegisterExtract.objects.create(
            source=source, uploaded_by=officer, delete_after=now + timedelta(days=retention_days)
        )
        batch: list[RegisterEntry] = []
        try:
            for key, ward_id in register_keys(lines, secret=_secret(), ward_ids=ward_ids, counts=counts):
                batch.append(RegisterEntry(extract=extract, identity=key, ward_id=ward_id))
                if len(batch) >= ENTRY_BATCH:
                    RegisterEntry.objects.bulk_create(batch, ignore_conflicts=True)
                    batch = []
        except UnreadableExtract as error:
            raise DomainError(
                _("The file needs these columns: %(columns)s.") % {"columns": str(error)},
                code="unreadable_extract",
                field="extract",
            ) from None
        except (UnicodeDecodeError, ValueError):
            raise DomainError(
                _("The file could not be read. Save it as CSV (UTF-8) and upload it again."),
                code="unreadable_extract",
                field="extract",
            ) from None
        RegisterEntry.objects.bulk_create(batch, ignore_conflicts=True)
        extract.rows_read, extract.rows_refused = counts.read, counts.refused
        extract.entries_kept = extract.entries.count()
        extract.save(update_fields=["rows_read", "rows_refused", "entries_kept"])
        audit.record(
            actor=officer,
            obj=extract,
            action="register.uploaded",
            after={
                "source": source,
                "rows_read": counts.read,
                "entries_kept": extract.entries_kept,
                "delete_after": extract.delete_after.isoformat(),
            },
        )
    _refresh_statistics(RegisterEntry)
    return extract


def _refresh_statistics(model) -> None:
    """Tell PostgreSQL's planner about a large insert now, not when autovacuum next gets round to it:
    without statistics it may scan the whole table for each resident's match."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def register_extract_import_file(*, officer, source: str, upload, retention_days: int) -> RegisterExtract:
    """An uploaded file, read as UTF-8 text a line at a time (a spreadsheet's byte-order mark is allowed)."""
    text = io.TextIOWrapper(upload, encoding="utf-8-sig", newline="")
    try:
        return register_extract_import(officer=officer, source=source, lines=text, retention_days=retention_days)
    finally:
        text.detach()


def register_extracts_expire(*, now=None) -> list[int]:
    """Delete the entries of every extract past its retention period (beat). Safe to run twice."""
    now = now or timezone.now()
    expired = []
    for extract_id in RegisterExtract.objects.filter(delete_after__lte=now, deleted_at__isnull=True).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            extract = RegisterExtract.objects.select_for_update().get(pk=extract_id)
            if extract.deleted_at is not None:
                continue
            RegisterEntry.objects.filter(extract=extract).delete()
            extract.deleted_at = now
            extract.save(update_fields=["deleted_at"])
            audit.record(actor=None, obj=extract, action="register.deleted", after={"deleted_at": now.isoformat()})
        expired.append(extract_id)
    return expired


def register_match(*, user, surname: str, date_of_birth: date, postcode: str, ip: str | None = None) -> Verification:
    """A resident's own details against the register: a match verifies them in the register's ward."""
    guesses.refuse_if_guessing(user_id=user.pk, ip=ip)
    try:
        key = person_key(secret=_secret(), surname=surname, date_of_birth=date_of_birth, postcode=postcode)
    except ValueError:
        raise DomainError(_("Enter your surname and postcode."), code="details_missing") from None
    now = timezone.now()
    entry = selectors.register_entry_for(key, now=now)
    if entry is None:
        guesses.note_wrong_guess(user_id=user.pk, ip=ip)
        raise DomainError(
            _(
                "We could not find these details on the council's register. Check them against a letter "
                "from the council, or use a voting code or verify in person."
            ),
            code="no_match",
        )
    return _verify_or_record_conflict(
        user=user, method=Method.REGISTER, identity=key, ward=entry.ward, register_extract=entry.extract, ip=ip
    )


# --- Voting codes by letter ------------------------------------------------------------------


def _batch_checks(*, size: int, most: int, language: str, ward, cooperative) -> None:
    if (ward is None) == (cooperative is None):
        raise DomainError(_("Choose a ward or a co-operative."), code="batch_target", field="ward")
    if not 1 <= size <= most:
        raise DomainError(
            _("Make between 1 and %(n)s codes at a time.") % {"n": f"{most:,}"}, code="batch_size", field="size"
        )
    if language not in dict(settings.LANGUAGES):
        raise DomainError(_("Choose one of the languages offered."), code="unknown_language", field="language")


def _codes_make(batch: VotingCodeBatch, count: int, secret: str) -> list[str]:
    """`count` new codes for the batch: their hashes stored, the codes themselves returned for the letters."""
    codes: list[str] = []
    for start in range(0, count, ENTRY_BATCH):
        chunk = [new_code() for _ in range(min(ENTRY_BATCH, count - start))]
        VotingCode.objects.bulk_create(
            VotingCode(batch=batch, code_hash=code_key(secret=secret, code=c)) for c in chunk
        )
        codes.extend(chunk)
    return codes


def code_batch_create(
    *,
    officer,
    size: int,
    language: str,
    ward: Ward | None = None,
    cooperative: Cooperative | None = None,
    large_print: bool = False,
) -> tuple[VotingCodeBatch, list[str]]:
    """New single-use codes. The codes come back once, for the letters, and are kept only as hashes."""
    _batch_checks(size=size, most=settings.VOTING_CODE_BATCH_MAX, language=language, ward=ward, cooperative=cooperative)
    with transaction.atomic():
        batch = VotingCodeBatch.objects.create(
            created_by=officer,
            ward=ward,
            cooperative=cooperative,
            size=size,
            language=language,
            large_print=large_print,
        )
        codes = _codes_make(batch, size, _secret())
        audit.record(
            actor=officer,
            obj=batch,
            action="codes.generated",
            after={"size": size, "ward": getattr(ward, "pk", None), "cooperative": getattr(cooperative, "pk", None)},
        )
    return batch, codes


# --- Print runs: many codes, their letters made by Celery a file at a time ----------------------


@transaction.atomic
def letter_run_request(
    *,
    officer,
    size: int,
    language: str,
    ward: Ward | None = None,
    cooperative: Cooperative | None = None,
    large_print: bool = False,
) -> LetterRun:
    """A batch whose codes are made with their letters in the background (`letter_run_make`)."""
    _batch_checks(
        size=size, most=settings.VOTING_CODE_PRINT_RUN_MAX, language=language, ward=ward, cooperative=cooperative
    )
    batch = VotingCodeBatch.objects.create(
        created_by=officer, ward=ward, cooperative=cooperative, size=size, language=language, large_print=large_print
    )
    run = LetterRun.objects.create(
        batch=batch,
        part_size=settings.VOTING_LETTERS_PER_FILE,
        delete_after=timezone.now() + timedelta(days=settings.VOTING_LETTERS_RETENTION_DAYS),
    )
    audit.record(
        actor=officer,
        obj=batch,
        action="codes.print_run_requested",
        after={"size": size, "ward": getattr(ward, "pk", None), "cooperative": getattr(cooperative, "pk", None)},
    )
    transaction.on_commit(lambda: _letter_run_enqueue(run.pk), robust=True)
    return run


def _letter_run_enqueue(run_id: int) -> None:
    from verification.tasks import make_letters

    try:
        make_letters.delay(run_id)
    except Exception:  # noqa: BLE001 - the run stays queued; its page says so and an officer can start it again
        LetterRun.objects.filter(pk=run_id).update(error=_("Waiting for the task queue to come back."))


def letter_run_restart(*, run_id: int, officer) -> LetterRun:
    """Start a failed or stuck run again; it carries on from the last file it finished."""
    run = LetterRun.objects.get(pk=run_id)
    if run.status not in (LetterRun.Status.QUEUED, LetterRun.Status.FAILED):
        raise DomainError(_("These letters are not waiting to be made."), code="run_not_waiting")
    LetterRun.objects.filter(pk=run_id).update(status=LetterRun.Status.QUEUED, error="")
    audit.record(actor=officer, obj=run.batch, action="codes.print_run_restarted", after={"done": run.letters_done})
    transaction.on_commit(lambda: _letter_run_enqueue(run_id), robust=True)
    return run


def letter_run_make(*, run_id: int) -> bool:
    """The Celery task's work: every remaining file of the run, one at a time. Safe to run twice."""
    claimed = LetterRun.objects.filter(
        pk=run_id, status__in=[LetterRun.Status.QUEUED, LetterRun.Status.RUNNING, LetterRun.Status.FAILED]
    ).update(status=LetterRun.Status.RUNNING, error="")
    if not claimed:
        return False
    LetterRun.objects.filter(pk=run_id, started_at__isnull=True).update(started_at=timezone.now())
    batch = VotingCodeBatch.objects.select_related("ward", "cooperative").get(letter_run__pk=run_id)
    try:
        layout = letters.letter_layout(batch)  # the one slow render: WeasyPrint lays the letter out once
        while letter_run_step(run_id=run_id, layout=layout):
            pass
    except Exception as error:
        LetterRun.objects.filter(pk=run_id).update(status=LetterRun.Status.FAILED, error=str(error)[:500])
        raise
    return True


def letter_run_step(*, run_id: int, layout: letters.Layout) -> bool:
    """One file: its codes made, their letters written to storage and their hashes stored, or none of it.

    The run's row is locked throughout, so two workers given the same run write each file once; the
    file is written before the hashes commit, so a crash between them leaves a file that the next
    attempt writes over with new codes, never codes without a letter. False when nothing is left.
    """
    with transaction.atomic():
        run = LetterRun.objects.select_for_update().get(pk=run_id)
        batch = VotingCodeBatch.objects.select_related("ward").get(pk=run.batch_id)
        if run.status != LetterRun.Status.RUNNING:
            return False
        remaining = batch.size - run.letters_done
        if remaining <= 0:
            run.status, run.finished_at = LetterRun.Status.DONE, timezone.now()
            run.save(update_fields=["status", "finished_at"])
            audit.record(actor=None, obj=batch, action="codes.print_run_done", after={"files": run.parts})
            return False
        codes = _codes_make(batch, min(run.part_size, remaining), _secret())
        name = run.part_name(run.letters_done // run.part_size)
        with tempfile.TemporaryFile() as out:  # on disk, not in memory, however many letters a file holds
            letters.letters_write(layout, codes, out)
            del codes
            out.seek(0)
            default_storage.delete(name)  # left by an attempt that did not commit
            if default_storage.save(name, File(out)) != name:
                raise OSError(f"storage did not keep the name {name}")
        run.letters_done += min(run.part_size, remaining)
        run.save(update_fields=["letters_done"])
    return True


def letter_run_delete(*, run_id: int, actor=None, now=None) -> LetterRun:
    """The letters' files deleted (they hold the codes in the clear); the codes' hashes stay, still usable."""
    now = now or timezone.now()
    with transaction.atomic():
        run = LetterRun.objects.select_for_update().get(pk=run_id)
        if run.status == LetterRun.Status.DELETED:
            return run
        if run.status in (LetterRun.Status.QUEUED, LetterRun.Status.RUNNING):
            raise DomainError(_("Wait until the letters are made before deleting them."), code="run_not_finished")
        for part in range(run.parts + 1):  # and a file a failed attempt may have left
            default_storage.delete(run.part_name(part))
        run.status, run.deleted_at = LetterRun.Status.DELETED, now
        run.save(update_fields=["status", "deleted_at"])
        audit.record(actor=actor, obj=run.batch, action="codes.letters_deleted", after={"deleted_at": now.isoformat()})
    return run


def letter_runs_expire(*, now=None) -> list[int]:
    """Beat, nightly: delete the letters of every finished run past its retention period."""
    now = now or timezone.now()
    due = LetterRun.objects.filter(
        delete_after__lte=now, status__in=[LetterRun.Status.DONE, LetterRun.Status.FAILED]
    ).values_list("pk", flat=True)
    return [letter_run_delete(run_id=pk, now=now).pk for pk in list(due)]


def letter_run_opened(*, run_id: int, part: int, officer) -> File:
    """One file of a finished run, for an officer to download (recorded)."""
    run = LetterRun.objects.select_related("batch").get(pk=run_id)
    if run.status != LetterRun.Status.DONE or not 0 <= part < run.parts:
        raise DomainError(_("These letters are not ready, or have been deleted."), code="letters_unavailable")
    audit.record(actor=officer, obj=run.batch, action="codes.letters_downloaded", after={"file": part + 1})
    return default_storage.open(run.part_name(part), "rb")


def code_redeem(*, user, code: str, ip: str | None = None) -> Verification:
    """Use a code from a letter. One filtered UPDATE claims it, so two tabs or two people cannot both."""
    guesses.refuse_if_guessing(user_id=user.pk, ip=ip)
    key = code_key(secret=_secret(), code=code)
    try:
        with transaction.atomic():
            claimed = VotingCode.objects.filter(code_hash=key, redeemed_at__isnull=True).update(
                redeemed_by=user, redeemed_at=timezone.now()
            )
            voting_code = VotingCode.objects.select_related("batch__ward").filter(code_hash=key).first()
            if voting_code is None:
                raise LookupError
            if not claimed:
                if voting_code.redeemed_by_id == user.pk:
                    raise DomainError(_("You have already used this code."), code="code_used_by_you")
                raise _Conflict(voting_code.verification.pk)
            return _verify(
                user=user,
                method=Method.CODE,
                identity=key,
                ward=voting_code.batch.ward,
                actor=user,
                voting_code=voting_code,
            )
    except LookupError:
        guesses.note_wrong_guess(user_id=user.pk, ip=ip)
        raise DomainError(
            _("That code is not one we sent. Check it against your letter: it has 12 letters and numbers."),
            code="code_unknown",
        ) from None
    except _Conflict as conflict:
        _record_conflict(user=user, method=Method.CODE, held_by_id=conflict.held_by_id)
        guesses.note_wrong_guess(user_id=user.pk, ip=ip)
        raise DomainError(
            _("This code has already been used. If you did not use it, contact the council."), code="code_used"
        ) from None


# --- In person -------------------------------------------------------------------------------


def in_person_verify(
    *, officer, user, surname: str, date_of_birth: date, postcode: str, ward: Ward, document: str
) -> Verification:
    """An officer has seen a document: the same identity key as a register match, so neither way
    can verify a second account for the same person."""
    if user.pk == officer.pk:
        raise DomainError(_("Another officer must check your own documents."), code="self_verification")
    key = _document_key(document=document, surname=surname, date_of_birth=date_of_birth, postcode=postcode)
    return _verify_or_record_conflict(
        user=user,
        method=Method.IN_PERSON,
        actor=officer,
        identity=key,
        ward=ward,
        verified_by=officer,
        document=document,
    )


def _document_key(*, document: str, surname: str, date_of_birth: date, postcode: str) -> str:
    if not document:
        raise DomainError(_("Choose the document you saw."), code="document_required", field="document")
    try:
        return person_key(secret=_secret(), surname=surname, date_of_birth=date_of_birth, postcode=postcode)
    except ValueError:
        raise DomainError(_("Enter the surname and postcode from the document."), code="details_missing") from None


ALREADY_REGISTERED = _(
    "These details already verify an account. Find the resident by their email address or resident reference."
)


@transaction.atomic
def resident_without_email_register(
    *,
    officer,
    display_name: str,
    ward: Ward | None,
    surname: str,
    date_of_birth: date,
    postcode: str,
    document: str,
) -> Verification:
    """An officer registers a resident who has no email address, in person, having seen a document.

    The account (`accounts.services.user_without_email_create`) can never sign in or be emailed; the
    resident is verified in person exactly as `in_person_verify` does it (the same identity key, so
    one person still has one account) and placed in the ward; their year of birth is the one on the
    document. Nothing is kept if anything is wrong. Officers then find them by their resident reference.
    """
    if ward is None:
        raise DomainError(_("Choose the ward of the resident's address."), code="ward_required", field="ward")
    today = timezone.localdate()
    if date_of_birth > today or date_of_birth.year < EARLIEST_YEAR_OF_BIRTH:
        raise DomainError(
            _("Enter the date of birth on the document."), code="date_of_birth_invalid", field="date_of_birth"
        )
    key = _document_key(document=document, surname=surname, date_of_birth=date_of_birth, postcode=postcode)
    if Verification.objects.filter(identity=key).exists():
        raise DomainError(ALREADY_REGISTERED, code="identity_taken")
    user = user_without_email_create(display_name=display_name)
    profile_update(
        user=user,
        ward=ward,
        year_of_birth=date_of_birth.year,
        preferred_language=settings.LANGUAGE_CODE,
    )
    try:
        verification = _verify(
            user=user,
            method=Method.IN_PERSON,
            identity=key,
            ward=ward,
            actor=officer,
            verified_by=officer,
            document=document,
        )
    except _Conflict:  # another account took this identity a moment ago: keep nothing
        raise DomainError(ALREADY_REGISTERED, code="identity_taken") from None
    audit.record(
        actor=officer,
        obj=user,
        action="account.registered_without_email",
        after={"ward": ward.pk, "verification": verification.pk},
    )
    return verification


# --- Review of conflicts ---------------------------------------------------------------------


@transaction.atomic
def conflict_review(*, conflict_id: int, officer, note: str) -> IdentityConflict:
    note = note.strip()
    if not note:
        raise DomainError(_("Say what you found."), code="note_required", field="note")
    conflict = IdentityConflict.objects.select_for_update().get(pk=conflict_id)
    if conflict.reviewed_at is not None:
        raise DomainError(_("This has already been reviewed."), code="already_reviewed")
    conflict.reviewed_at, conflict.reviewed_by, conflict.review_note = timezone.now(), officer, note
    conflict.save(update_fields=["reviewed_at", "reviewed_by", "review_note"])
    audit.record(actor=officer, obj=conflict, action="verification.conflict_reviewed", after={"note": note})
    return conflict


def ward_lock(user, ward=None) -> str | None:
    """A verified ward moves only with a new verification at the new address."""
    current = Verification.objects.filter(user=user, superseded_at__isnull=True).select_related("ward").first()
    if current is None or current.ward_id is None or current.ward_id == getattr(ward, "pk", ward):
        return None
    return _("Your ward %(ward)s was checked when you were verified. To move ward, verify your new address.") % {
        "ward": current.ward.name
    }
