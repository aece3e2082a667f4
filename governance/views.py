from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import permission_required
from accounts.models import User
from accounts.roles import Role
from commissioning import selectors as cycle_selectors
from commissioning.models import CommissioningCycle, Stage
from core.errors import DomainError
from governance import selectors, services
from governance.forms import (
    CommentForm,
    CommissionForm,
    DeclarationForm,
    EqualityAssessmentForm,
    EvaluationForm,
    EvidenceForm,
    InvolvementForm,
    StageAdvanceForm,
    VoteForm,
)
from governance.models import Commission, CommissionVote, EvidenceItem, InterestDeclaration, ScrutinyComment


def _add_error(form, error: DomainError) -> None:
    field = error.field if error.field in form.fields else None
    for message in error.details:
        form.add_error(field, message)


# --- The public record ----------------------------------------------------------------------


@permission_required("governance.view_public_record")
def involvement_log(request, slug: str):
    cycle = get_object_or_404(cycle_selectors.cycles_public(), slug=slug)
    return render(
        request,
        "governance/involvement_log.html",
        {"cycle": cycle, "activities": selectors.involvement_for(cycle)},
    )


@permission_required("governance.view_public_record")
def commission_public_list(request):
    return render(request, "governance/commission_list.html", {"commissions": selectors.commissions_public()})


@permission_required("governance.view_public_record")
def commission_public(request, pk: int):
    commission = get_object_or_404(selectors.commissions_public(), pk=pk)
    can_comment = commission.status == Commission.Status.SUBMITTED and request.user.has_perm(
        "governance.comment_on_commissions"
    )
    return render(
        request,
        "governance/commission_public.html",
        {
            "commission": commission,
            "comments": selectors.published_comments(commission),
            "decisions": commission.decisions.all(),
            "comment_form": CommentForm() if can_comment else None,
        },
    )


@require_POST
@permission_required("governance.comment_on_commissions")
def commission_comment(request, pk: int):
    commission = get_object_or_404(selectors.commissions_public(), pk=pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_add(user=request.user, commission_id=commission.pk, body=form.cleaned_data["body"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Thank you. Your comment will be published once an officer has checked it."))
    else:
        messages.error(request, _("Write your comment."))
    return redirect("commission_public", pk=pk)


@permission_required("governance.view_public_record")
def decision_log(request):
    return render(request, "governance/decision_log.html", {"decisions": selectors.decision_log()})


@permission_required("governance.view_public_record")
def decision_detail(request, pk: int):
    decision = get_object_or_404(selectors.decision_log(), pk=pk)
    return render(request, "governance/decision_detail.html", {"decision": decision})


# --- Officers: running a cycle --------------------------------------------------------------


def _cycle(slug: str) -> CommissioningCycle:
    return get_object_or_404(CommissioningCycle.objects.select_related("created_by"), slug=slug)


@permission_required("governance.manage_cycle")
def governance_cycles(request):
    return render(request, "governance/officer_cycles.html", {"cycles": cycle_selectors.cycles_for_officers()})


@permission_required("governance.manage_cycle")
def cycle_governance(request, slug: str):
    cycle = _cycle(slug)
    form = StageAdvanceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            transition = services.cycle_advance(
                user=request.user, cycle_id=cycle.pk, override_reason=form.cleaned_data["override_reason"]
            )
        except DomainError as error:
            _add_error(form, error)
        else:
            messages.success(
                request, _("The cycle has moved to the %(stage)s stage.") % {"stage": Stage(transition.to_stage).label}
            )
            return redirect("cycle_governance", slug=slug)
    next_stage = services.next_stage(cycle.stage)
    return render(
        request,
        "governance/cycle_governance.html",
        {
            "cycle": cycle,
            "form": form if next_stage else None,
            "next_stage": Stage(next_stage).label if next_stage else None,
            "timeline": selectors.cycle_timeline(cycle),
            "activities": selectors.involvement_for(cycle),
            "evidence": selectors.evidence_for(cycle),
            "evaluations": selectors.evaluations_for(cycle),
            "commissions": selectors.commissions_for_cycle(cycle),
            "involved_this_stage": cycle.involvement_activities.filter(stage=cycle.stage).exists(),
        },
        status=400 if form.errors else 200,
    )


def _cycle_record_form(request, slug: str, *, form_class, service, title, done, multipart=False):
    """Add one record to a cycle (involvement, evidence, evaluation): the form, the service, the message."""
    cycle = _cycle(slug)
    form = form_class(request.POST or None, request.FILES or None, cycle=cycle)
    if request.method == "POST" and form.is_valid():
        try:
            service(user=request.user, cycle_id=cycle.pk, **form.cleaned_data)
        except DomainError as error:
            _add_error(form, error)
        else:
            messages.success(request, done)
            return redirect("cycle_governance", slug=slug)
    return render(
        request, "governance/form_page.html", {"cycle": cycle, "form": form, "title": title, "multipart": multipart}
    )


@permission_required("governance.manage_cycle")
def involvement_new(request, slug: str):
    return _cycle_record_form(
        request,
        slug,
        form_class=InvolvementForm,
        service=services.involvement_record,
        title=_("Log an involvement activity"),
        done=_("The involvement activity has been logged."),
    )


@permission_required("governance.manage_cycle")
def evidence_new(request, slug: str):
    return _cycle_record_form(
        request,
        slug,
        form_class=EvidenceForm,
        service=services.evidence_add,
        title=_("Add evidence of need"),
        done=_("The evidence has been added."),
        multipart=True,
    )


@permission_required("governance.manage_cycle")
def evaluation_new(request, slug: str):
    return _cycle_record_form(
        request,
        slug,
        form_class=EvaluationForm,
        service=services.evaluation_record,
        title=_("Evaluate against an outcome"),
        done=_("The evaluation has been recorded."),
    )


@permission_required("governance.manage_cycle")
def commission_new(request, slug: str):
    cycle = _cycle(slug)
    form = CommissionForm(request.POST or None, cycle=cycle)
    if request.method == "POST" and form.is_valid():
        try:
            commission = services.commission_draft(user=request.user, cycle_id=cycle.pk, **form.service_kwargs())
        except DomainError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("The commission has been drafted. Now assess its equality impact."))
            return redirect("equality_assessment", pk=commission.pk)
    return render(
        request,
        "governance/form_page.html",
        {"cycle": cycle, "form": form, "title": _("Draft a commission"), "multipart": False},
    )


def _commission(pk: int) -> Commission:
    commission = selectors.commission_for_officers(pk).first()
    if commission is None:
        raise Http404
    return commission


@permission_required("governance.manage_cycle")
def commission_manage(request, pk: int):
    commission = _commission(pk)
    problems = []
    if request.method == "POST" and request.POST.get("action") == "add_deciders":
        chosen = list(User.objects.filter(pk__in=request.POST.getlist("deciders"), role=Role.COUNCILLOR))
        try:
            services.commission_add_deciders(user=request.user, commission_id=commission.pk, councillors=chosen)
        except DomainError as error:
            problems = error.details
        else:
            messages.success(request, _("The councillors have been added and told."))
            return redirect("commission_manage", pk=pk)
    elif request.method == "POST":
        try:
            services.commission_submit(user=request.user, commission_id=commission.pk)
        except DomainError as error:
            problems = error.details
        else:
            messages.success(request, _("The commission has been submitted to the councillors for decision."))
            return redirect("commission_manage", pk=pk)
    return render(
        request,
        "governance/commission_manage.html",
        {
            "commission": commission,
            "problems": problems,
            "missing": services.equality_assessment_missing(commission),
            "editable": commission.status in services.EDITABLE_STATUSES,
            "tally": services.tally(commission),
            "decisions": commission.decisions.all(),
            "other_councillors": User.objects.filter(role=Role.COUNCILLOR, is_active=True).exclude(
                pk__in=commission.deciders.values("pk")
            ),
        },
        status=400 if problems else 200,
    )


@permission_required("governance.manage_cycle")
def commission_edit(request, pk: int):
    commission = _commission(pk)
    form = CommissionForm(request.POST or None, initial=CommissionForm.initial_for(commission), cycle=commission.cycle)
    if request.method == "POST" and form.is_valid():
        try:
            services.commission_update(user=request.user, commission_id=commission.pk, **form.service_kwargs())
        except DomainError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("The commission has been saved."))
            return redirect("commission_manage", pk=pk)
    return render(
        request,
        "governance/form_page.html",
        {"cycle": commission.cycle, "form": form, "title": _("Change the commission"), "multipart": False},
    )


@permission_required("governance.manage_cycle")
def equality_assessment(request, pk: int):
    commission = _commission(pk)
    form = EqualityAssessmentForm(request.POST or None, initial=EqualityAssessmentForm.initial_for(commission))
    if request.method == "POST" and form.is_valid():
        try:
            services.equality_assessment_save(user=request.user, commission_id=commission.pk, impacts=form.impacts())
        except DomainError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("The equality impact assessment has been saved."))
            return redirect("commission_manage", pk=pk)
    return render(
        request,
        "governance/form_page.html",
        {
            "cycle": commission.cycle,
            "form": form,
            "title": _("Equality impact assessment"),
            "caption": commission.title,
            "multipart": False,
        },
    )


@permission_required("governance.moderate_comments")
def comment_queue(request):
    if request.method == "POST":
        comment = get_object_or_404(ScrutinyComment, pk=request.POST.get("comment"))
        try:
            services.comment_moderate(
                user=request.user, comment_id=comment.pk, publish=request.POST.get("action") == "publish"
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The comment has been moderated."))
        return redirect("comment_queue")
    return render(request, "governance/comment_queue.html", {"comments": selectors.comments_to_moderate()})


@permission_required("governance.view_audit_trail")
def audit_trail(request):
    return render(request, "governance/audit_trail.html", {"events": selectors.audit_trail()[:500]})


# --- Councillors: declaring and voting ------------------------------------------------------


@permission_required("governance.decide_commissions")
def councillor_commissions(request):
    return render(
        request,
        "governance/councillor_commissions.html",
        {"commissions": selectors.commissions_to_decide(request.user)},
    )


@permission_required("governance.decide_commissions")
def commission_decide(request, pk: int):
    commission = get_object_or_404(selectors.commissions_public(), pk=pk)
    declaration_form = DeclarationForm(request.POST if request.POST.get("action") == "declare" else None)
    vote_form = VoteForm(request.POST if request.POST.get("action") == "vote" else None)
    if request.method == "POST":
        form = declaration_form if request.POST.get("action") == "declare" else vote_form
        if form.is_valid():
            try:
                if form is declaration_form:
                    services.interest_declare(user=request.user, commission_id=commission.pk, **form.cleaned_data)
                    done = _("Your declaration has been recorded.")
                else:
                    services.commission_vote(user=request.user, commission_id=commission.pk, **form.cleaned_data)
                    done = _("Your vote has been recorded.")
            except DomainError as error:
                _add_error(form, error)
            else:
                messages.success(request, done)
                return redirect("commission_decide", pk=pk)
    round_ = commission.decision_round
    declaration = InterestDeclaration.objects.filter(
        commission=commission, councillor=request.user, decision_round=round_
    ).first()
    vote = CommissionVote.objects.filter(commission=commission, councillor=request.user, decision_round=round_).first()
    has_errors = bool(declaration_form.errors or vote_form.errors)
    return render(
        request,
        "governance/commission_decide.html",
        {
            "commission": commission,
            "declaration": declaration,
            "vote": vote,
            "declaration_form": declaration_form,
            "vote_form": vote_form,
            "is_decider": commission.deciders.filter(pk=request.user.pk).exists(),
            "open": commission.status == Commission.Status.SUBMITTED,
            "comments": selectors.published_comments(commission),
            "tally": services.tally(commission),
            "decisions": commission.decisions.all(),
        },
        status=400 if has_errors else 200,
    )


@permission_required("governance.view_public_record")
def evidence_document(request, pk: int):
    """Evidence of need is public: its uploaded document is served to anyone, as a download."""
    item = get_object_or_404(EvidenceItem, pk=pk, cycle__is_published=True)
    if not item.document:
        raise Http404
    return FileResponse(item.document.open("rb"), as_attachment=True, filename=item.document.name.rsplit("/", 1)[-1])


@permission_required("governance.sign_off_commissions")
def commission_sign_off(request, pk: int):
    """A councillor signs off (or refuses) a co-operative board's approval above its threshold."""
    from governance.forms import SignOffForm

    commission = get_object_or_404(selectors.commissions_public(), pk=pk)
    form = SignOffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.commission_sign_off(user=request.user, commission_id=commission.pk, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Your sign-off is recorded and published."))
            return redirect("commission_public", pk=commission.pk)
    return render(
        request,
        "governance/commission_sign_off.html",
        {"commission": commission, "form": form, "awaiting": commission.status == "signoff"},
        status=400 if form.errors else 200,
    )
