"""Officers' pages for running a cycle: the set-up assistant, publishing, windows, results, archiving."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import permission_required
from commissioning import selectors, services
from commissioning.explanations import BALLOT_SENTENCES, RULE_SENTENCES
from commissioning.forms import CYCLE_STEPS, CloseVotingForm, CyclePurposeForm, WindowExtendForm
from commissioning.models import BallotType, CommissioningCycle, Phase
from core.errors import DomainError

STEP_NAMES = list(CYCLE_STEPS)


def _cycle(slug: str) -> CommissioningCycle:
    return get_object_or_404(CommissioningCycle.objects.select_related("cooperative", "issue"), slug=slug)


@permission_required("commissioning.run_cycles")
def cycle_start(request):
    form = CyclePurposeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cycle = services.cycle_create(user=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            return redirect("cycle_setup", slug=cycle.slug, step=STEP_NAMES[1])
    return render(
        request,
        "commissioning/cycle_step.html",
        {"form": form, "title": CYCLE_STEPS["purpose"][1], "step_number": 1, "step_count": len(STEP_NAMES)},
    )


def _initial(cycle: CommissioningCycle, fields) -> dict:
    initial = {}
    for name in fields:
        value = getattr(cycle, name)
        initial[name] = list(value.all()) if name in services.MANY_TO_MANY else value
    if "budget" in initial and not initial["budget"]:
        initial["budget"] = None
    return initial


@permission_required("commissioning.run_cycles")
def cycle_setup(request, slug: str, step: str):
    if step not in CYCLE_STEPS:
        raise Http404
    cycle = _cycle(slug)
    form_class, title, fields = CYCLE_STEPS[step]
    form = form_class(request.POST or None, initial=_initial(cycle, fields))
    returning = request.GET.get("return") == "check"
    if request.method == "POST" and form.is_valid():
        try:
            services.cycle_update(
                user=request.user, cycle_id=cycle.pk, changes={name: form.cleaned_data[name] for name in fields}
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            index = STEP_NAMES.index(step)
            if returning or index + 1 == len(STEP_NAMES):
                return redirect("cycle_check", slug=cycle.slug)
            return redirect("cycle_setup", slug=cycle.slug, step=STEP_NAMES[index + 1])
    index = STEP_NAMES.index(step)
    back = (
        reverse("cycle_check", args=[cycle.slug])
        if returning
        else reverse("cycle_setup", args=[cycle.slug, STEP_NAMES[index - 1]])
        if index
        else reverse("officer_cycle_list")
    )
    return render(
        request,
        "commissioning/cycle_step.html",
        {
            "cycle": cycle,
            "form": form,
            "title": title,
            "step_number": index + 1,
            "step_count": len(STEP_NAMES),
            "back": back,
        },
    )


def _answers(cycle: CommissioningCycle) -> list[tuple[str, str, str]]:
    """Check-your-answers rows: (question, answer, step to change it)."""
    scope = cycle.get_scope_display()
    if cycle.scope == "wards":
        scope = f"{scope}: {', '.join(w.name for w in cycle.wards.all())}"
    elif cycle.cooperative_id:
        scope = f"{scope}: {cycle.cooperative}"
    elif cycle.issue_id:
        scope = f"{scope}: {cycle.issue}"

    def when(moment):
        from django.utils import timezone

        return f"{timezone.localtime(moment):%d %B %Y, %H:%M}" if moment else _("Not set")

    proposals = (
        _("%(open)s to %(close)s") % {"open": when(cycle.proposals_open_at), "close": when(cycle.proposals_close_at)}
        if cycle.proposals_open_at
        else _("No proposal window: officers set the ballot")
    )
    voting = _("%(open)s to %(close)s") % {"open": when(cycle.voting_opens_at), "close": when(cycle.voting_closes_at)}
    ballot = cycle.get_ballot_type_display()
    if cycle.max_choices:
        ballot += " " + _("(at most %(n)s)") % {"n": cycle.max_choices}
    if cycle.ballot_type == BallotType.CUMULATIVE:
        ballot += " " + _("(%(n)s points each)") % {"n": cycle.points_per_voter}
    rule = f"{cycle.get_counting_rule_display()}. {RULE_SENTENCES[cycle.counting_rule]}"
    if cycle.minimum_support:
        rule += " " + _("Minimum support: %(n)s.") % {"n": cycle.minimum_support}
    return [
        (_("Title"), cycle.title, "purpose"),
        (_("What the cycle is for"), cycle.summary, "purpose"),
        (_("Who takes part"), scope, "scope"),
        (_("Who may vote"), cycle.get_assurance_display(), "scope"),
        (_("Outcomes"), ", ".join(o.title for o in cycle.outcomes.all()) or _("None chosen"), "outcomes"),
        (_("Budget"), f"£{cycle.budget:,.0f}" if cycle.budget else _("Not set"), "budget"),
        (_("Proposals"), proposals, "windows"),
        (_("Voting"), voting, "windows"),
        (_("Ballot"), ballot, "ballot"),
        (_("Counting rule"), rule, "counting"),
    ]


@permission_required("commissioning.run_cycles")
def cycle_check(request, slug: str):
    """Check your answers, see the ballot as residents will, and publish."""
    cycle = _cycle(slug)
    problem = None
    if request.method == "POST":
        try:
            services.cycle_publish(user=request.user, cycle_id=cycle.pk)
        except DomainError as error:
            problem = error.message
        else:
            messages.success(request, _("“%(title)s” is published.") % {"title": cycle.title})
            return redirect("cycle_manage", slug=cycle.slug)
    priorities = list(selectors.cycle_priorities(cycle))
    return render(
        request,
        "commissioning/cycle_check.html",
        {
            "cycle": cycle,
            "answers": _answers(cycle),
            "missing": services.cycle_missing(cycle),
            "problem": problem,
            "priorities": priorities,
            "rank_count": cycle.max_choices or len(priorities),
            "ballot_sentence": BALLOT_SENTENCES[cycle.ballot_type],
            "BallotType": BallotType,
            "fixed": cycle.is_ballot_fixed(),
            "editable": not cycle.is_ballot_fixed() and not cycle.archived_at,
        },
        status=400 if problem else 200,
    )


@permission_required("commissioning.run_cycles")
def cycle_manage(request, slug: str):
    cycle = _cycle(slug)
    phase = cycle.phase()
    return render(
        request,
        "commissioning/cycle_manage.html",
        {
            "cycle": cycle,
            "phase": phase,
            "phase_label": Phase(phase).label,
            "Phase": Phase,
            "answers": _answers(cycle),
            "result": selectors.latest_result(cycle),
            "can_extend": phase in (Phase.WAITING, Phase.PROPOSALS, Phase.VOTING),
        },
    )


def _form_page(request, cycle, form, title):
    return render(
        request,
        "commissioning/cycle_form_page.html",
        {"cycle": cycle, "form": form, "title": title, "back": reverse("cycle_manage", args=[cycle.slug])},
    )


@permission_required("commissioning.run_cycles")
def cycle_extend(request, slug: str):
    cycle = _cycle(slug)
    form = WindowExtendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cycle_window_extend(user=request.user, cycle_id=cycle.pk, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("The window is extended. Residents who can take part have been told."))
            return redirect("cycle_manage", slug=cycle.slug)
    return _form_page(request, cycle, form, _("Extend a window"))


@permission_required("commissioning.run_cycles")
def cycle_close_voting(request, slug: str):
    cycle = _cycle(slug)
    form = CloseVotingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cycle_voting_close_early(user=request.user, cycle_id=cycle.pk, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Voting is closed. Residents who could vote have been told."))
            return redirect("cycle_manage", slug=cycle.slug)
    return _form_page(request, cycle, form, _("Close voting early"))


@require_POST
@permission_required("commissioning.run_cycles")
def cycle_publish_results(request, slug: str):
    cycle = _cycle(slug)
    try:
        services.cycle_results_publish(user=request.user, cycle_id=cycle.pk)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The results are published. Voters and followers have been told."))
    return redirect("cycle_manage", slug=cycle.slug)


@require_POST
@permission_required("commissioning.run_cycles")
def cycle_archive(request, slug: str):
    cycle = _cycle(slug)
    try:
        services.cycle_archive(user=request.user, cycle_id=cycle.pk)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("“%(title)s” is archived.") % {"title": cycle.title})
    return redirect("officer_cycle_list")
