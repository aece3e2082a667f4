from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import permission_required
from accounts.models import User
from core.errors import DomainError
from verification import letters, selectors, services
from verification.forms import (
    CodeBatchForm,
    CodeForm,
    ConflictReviewForm,
    InPersonForm,
    NoEmailResidentForm,
    RegisterMatchForm,
    RegisterUploadForm,
)
from verification.models import IdentityConflict, LetterRun


def _ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR")


@permission_required("verification.verify_self")
def start(request):
    return render(
        request,
        "verification/start.html",
        {"current": selectors.current_verification(request.user), "history": selectors.verifications_of(request.user)},
    )


def _resident_form(request, form_class, verify, template: str):
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            verification = verify(form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            if verification.ward:
                messages.success(
                    request, _("You are a verified resident of %(ward)s.") % {"ward": verification.ward.name}
                )
            else:
                messages.success(request, _("You are a verified resident."))
            return redirect("verification_start")
    return render(request, template, {"form": form}, status=400 if form.errors else 200)


@permission_required("verification.verify_self")
def register_match(request):
    return _resident_form(
        request,
        RegisterMatchForm,
        lambda data: services.register_match(user=request.user, ip=_ip(request), **data),
        "verification/register_match.html",
    )


@permission_required("verification.verify_self")
def code_redeem(request):
    return _resident_form(
        request,
        CodeForm,
        lambda data: services.code_redeem(user=request.user, code=data["code"], ip=_ip(request)),
        "verification/code.html",
    )


@permission_required("verification.review_conflicts")
def officer_overview(request):
    return render(
        request,
        "verification/officer.html",
        {
            "conflicts": selectors.conflicts_open(),
            "extracts": selectors.extracts_recent(),
            "batches": selectors.code_batches_recent(),
            "review_form": ConflictReviewForm(),
        },
    )


@permission_required("verification.upload_register")
def register_upload(request):
    form = RegisterUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            extract = services.register_extract_import_file(
                officer=request.user,
                source=form.cleaned_data["source"],
                upload=form.cleaned_data["extract"],
                retention_days=form.cleaned_data["retention_days"],
            )
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request,
                _("%(kept)s entries kept from %(read)s rows (%(refused)s could not be used). Deleted on %(when)s.")
                % {
                    "kept": extract.entries_kept,
                    "read": extract.rows_read,
                    "refused": extract.rows_refused,
                    "when": f"{extract.delete_after:%d %B %Y}",
                },
            )
            return redirect("verification_officer")
    return render(request, "verification/officer_form.html", {"form": form, "title": _("Upload a register extract")})


@permission_required("verification.make_codes")
def code_batch(request):
    form = CodeBatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["size"] > settings.VOTING_CODE_BATCH_MAX:  # a print run, made in the background
                run = services.letter_run_request(officer=request.user, **data)
                return redirect("verification_letter_run", pk=run.batch_id)
            batch, codes = services.code_batch_create(officer=request.user, **data)
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            # The only time the codes exist in the clear: the letters go to the officer and are not kept.
            response = HttpResponse(letters.letters_pdf(batch, codes), content_type="application/pdf")
            response["Content-Disposition"] = f'attachment; filename="voting-codes-{batch.pk}.pdf"'
            response["Cache-Control"] = "no-store"
            return response
    return render(request, "verification/officer_form.html", {"form": form, "title": _("Make voting-code letters")})


@permission_required("verification.make_codes")
def letter_run(request, pk: int):
    run = get_object_or_404(LetterRun.objects.select_related("batch__ward", "batch__cooperative"), batch_id=pk)
    return render(request, "verification/letter_run.html", {"run": run, "parts": range(1, run.parts + 1)})


@permission_required("verification.make_codes")
def letter_run_download(request, pk: int, part: int):
    run = get_object_or_404(LetterRun, batch_id=pk)
    try:
        file = services.letter_run_opened(run_id=run.pk, part=part - 1, officer=request.user)
    except DomainError:
        raise Http404 from None
    response = FileResponse(file, as_attachment=True, filename=run.part_name(part - 1).rsplit("/", 1)[-1])
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@permission_required("verification.make_codes")
def letter_run_action(request, pk: int, action: str):
    run = get_object_or_404(LetterRun, batch_id=pk)
    try:
        if action == "delete":
            services.letter_run_delete(run_id=run.pk, actor=request.user)
            messages.success(request, _("The letters are deleted. Their codes still work."))
        elif action == "restart":
            services.letter_run_restart(run_id=run.pk, officer=request.user)
            messages.success(request, _("The letters will be made again from where they stopped."))
        else:
            raise Http404
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("verification_letter_run", pk=pk)


@permission_required("verification.verify_in_person")
def in_person(request):
    form = InPersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            verification = services.in_person_verify(
                officer=request.user,
                user=data["user"],
                surname=data["surname"],
                date_of_birth=data["date_of_birth"],
                postcode=data["postcode"],
                ward=data["ward"],
                document=data["document"],
            )
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request,
                _("%(who)s is now a verified resident of %(ward)s.")
                % {"who": verification.user, "ward": verification.ward.name},
            )
            return redirect("verification_in_person")
    return render(request, "verification/officer_form.html", {"form": form, "title": _("Verify a resident in person")})


@permission_required("verification.register_without_email")
def register_without_email(request):
    form = NoEmailResidentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            verification = services.resident_without_email_register(officer=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            return redirect("verification_registered_without_email", pk=verification.user_id)
    return render(
        request,
        "verification/no_email_form.html",
        {"form": form, "title": _("Register a resident who has no email address")},
        status=400 if form.errors else 200,
    )


@permission_required("verification.register_without_email")
def registered_without_email(request, pk: int):
    """The resident's reference, for the officer to read out and print for them."""
    resident = get_object_or_404(User.objects.select_related("profile__ward"), pk=pk, resident_reference__isnull=False)
    return render(request, "verification/no_email_done.html", {"resident": resident})


@require_POST
@permission_required("verification.review_conflicts")
def conflict_review(request, pk: int):
    conflict = get_object_or_404(IdentityConflict, pk=pk)
    form = ConflictReviewForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(_("Say what you found."), code="note_required")
        services.conflict_review(conflict_id=conflict.pk, officer=request.user, note=form.cleaned_data["note"])
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Marked as reviewed."))
    return redirect("verification_officer")
