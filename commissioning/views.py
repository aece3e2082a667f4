from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import permission_required
from commissioning import counting, selectors, services
from commissioning.ballots import UnreadableBallot, choices_from_form
from commissioning.eligibility import participation_for
from commissioning.forms import ModerationForm, PriorityForm
from commissioning.models import Ballot, BallotAssurance, BallotType, Priority
from commissioning.pages import cycle_sections
from commissioning.voting.explain import TIE_BREAK_RULE_TEXT
from core.db import retry_if_connection_lost
from core.errors import DomainError
from notifications.services import receipts_delayed


def _published_cycle(slug: str):
    return get_object_or_404(selectors.cycles_public(), slug=slug)


@permission_required("commissioning.view_cycle_list")
def cycle_list(request):
    return render(request, "commissioning/cycle_list.html", {"cycles": selectors.cycles_public()})


@permission_required("commissioning.view_cycle_list")
def cycle_detail(request, slug: str):
    cycle = _published_cycle(slug)
    return render(
        request,
        "commissioning/cycle_detail.html",
        {
            "cycle": cycle,
            "priorities": selectors.cycle_priorities(cycle),
            "participation": participation_for(request.user, cycle),
            "ballot": selectors.ballot_of(request.user, cycle),
            "voting_closed": cycle.has_voting_closed(),
            "following": request.user.is_authenticated and cycle.followers.filter(user=request.user).exists(),
            "sections": cycle_sections(cycle),
        },
    )


@permission_required("commissioning.propose_priority")
def priority_propose(request, slug: str):
    cycle = _published_cycle(slug)
    participation = participation_for(request.user, cycle)
    form = PriorityForm(request.POST or None, cycle=cycle)
    if request.method == "POST" and form.is_valid():
        try:
            services.priority_propose(user=request.user, cycle=cycle, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("Thank you. Your proposal has been sent to the moderators."))
            return redirect("my_proposals")
    return render(
        request, "commissioning/priority_form.html", {"cycle": cycle, "form": form, "participation": participation}
    )


@permission_required("commissioning.view_own_proposals")
def my_proposals(request):
    return render(request, "commissioning/my_proposals.html", {"priorities": selectors.proposals_of(request.user)})


@permission_required("commissioning.propose_priority")
def priority_revise(request, pk: int):
    priority = get_object_or_404(Priority.objects.select_related("cycle"), pk=pk)
    if not request.user.has_perm("commissioning.revise_priority", priority):
        raise PermissionDenied
    initial = {f: getattr(priority, f) for f in ("title", "description", "estimated_cost", "outcome")}
    form = PriorityForm(
        request.POST or None, initial=initial, cycle=priority.cycle, submit_label=_("Send your changes")
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.priority_revise(user=request.user, priority_id=priority.pk, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your changes have been sent to the moderators."))
            return redirect("my_proposals")
    return render(
        request, "commissioning/priority_form.html", {"cycle": priority.cycle, "form": form, "priority": priority}
    )


@permission_required("commissioning.moderate_priorities")
def moderation_queue(request, slug: str):
    cycle = get_object_or_404(selectors.cycles_for_officers(), slug=slug)
    priorities = list(selectors.priorities_to_moderate(cycle))
    voting_open = cycle.is_ballot_fixed()
    # Once voting has started the ballot is fixed: every proposal is shown, none offered for change.
    forms = {} if voting_open else {p.pk: ModerationForm(priority=p) for p in priorities}
    if request.method == "POST" and not voting_open:
        priority = get_object_or_404(Priority, pk=request.POST.get("priority") or None, cycle=cycle)
        form = ModerationForm(request.POST, priority=priority)
        forms[priority.pk] = form
        if form.is_valid():
            merge_into = form.cleaned_data["merge_into"]
            try:
                services.priority_moderate(
                    priority_id=priority.pk,
                    decision=form.cleaned_data["decision"],
                    reason=form.cleaned_data["reason"],
                    merge_into_id=merge_into.pk if merge_into else None,
                    moderator=request.user,
                )
            except DomainError as error:
                form.add_error(error.field, error.message)
            else:
                messages.success(request, _("Decision saved for “%(title)s”.") % {"title": priority.title})
                return redirect("moderation_queue", slug=slug)
    rows = [(p, forms.get(p.pk)) for p in priorities]
    return render(
        request, "commissioning/moderation_queue.html", {"cycle": cycle, "rows": rows, "voting_open": voting_open}
    )


@permission_required("commissioning.cast_ballot")
def ballot(request, slug: str):
    cycle = _published_cycle(slug)
    priorities = list(selectors.cycle_priorities(cycle))
    participation = participation_for(request.user, cycle)
    current = selectors.ballot_of(request.user, cycle)
    selected = {c.priority_id: (c.points or c.rank or 1) for c in current.choices.all()} if current else {}
    problems: list[str] = []
    checked_total = None
    if request.method == "POST":
        try:
            selected = choices_from_form(cycle.ballot_type, request.POST)
        except UnreadableBallot as error:
            problems = [str(error)]
        else:
            if request.POST.get("action") == "check":
                checked_total = selectors.total_cost(priorities, selected)
            else:
                try:
                    retry_if_connection_lost(
                        partial(services.ballot_cast, user=request.user, cycle_id=cycle.pk, choices=selected)
                    )
                except DomainError as error:
                    problems = error.details
                else:
                    if receipts_delayed():
                        messages.warning(
                            request,
                            _(
                                "Your ballot is saved. Its emailed receipt will come later than usual; "
                                "your receipt code is on this page."
                            ),
                        )
                    return redirect("ballot_done", slug=cycle.slug)
    context = {
        "cycle": cycle,
        "participation": participation,
        "voting_open": cycle.is_voting_open(),
        "rows": [(p, selected.get(p.pk)) for p in priorities],
        "problems": problems,
        "current": current,
        "checked_total": checked_total,
        "remaining": (cycle.budget - checked_total) if checked_total is not None else None,
        "over_by": (checked_total - cycle.budget) if checked_total is not None else None,
        "rank_options": range(1, (cycle.max_choices or len(priorities)) + 1),
        "BallotType": BallotType,
    }
    return render(request, "commissioning/ballot.html", context, status=400 if problems else 200)


@permission_required("commissioning.cast_ballot")
def ballot_done(request, slug: str):
    cycle = _published_cycle(slug)
    current = selectors.ballot_of(request.user, cycle)
    if current is None:
        return redirect("ballot", slug=slug)
    return render(request, "commissioning/ballot_done.html", {"cycle": cycle, "ballot": current})


@permission_required("commissioning.view_cycle_admin_list")
def officer_cycle_list(request):
    return render(request, "commissioning/officer_cycle_list.html", {"phases": selectors.cycles_by_phase()})


def _assurance_context(result) -> dict:
    """Ballots by how their voters were checked; results counted before this was recorded have none."""
    counts = result.counts.get("assurance")
    if not counts:
        return {}
    rows = [(label, counts.get(value, 0)) for value, label in BallotAssurance.choices]
    verified = sum(n for value, n in counts.items() if value != BallotAssurance.EMAIL)
    return {"assurance_rows": rows, "verified_ballots": verified}


@permission_required("commissioning.view_results")
def results(request, slug: str):
    cycle = _published_cycle(slug)
    closed = cycle.has_voting_closed()
    result = counting.result_for_reader(cycle)
    receipt_check = None
    if request.method == "POST" and result is not None:
        code = request.POST.get("receipt", "").strip().upper()
        found = selectors.receipt_on_file(cycle, code)
        receipt_check = {"code": code, "found": found, "voter_id": Ballot.public_voter_id_for(code) if found else None}
    context = {"cycle": cycle, "closed": closed, "result": result, "receipt_check": receipt_check}
    if result is not None:
        eligible = selectors.eligible_voter_count(cycle)
        ballots = result.counts.get("ballots", 0)
        context |= {
            "rows": selectors.result_rows(cycle, result),
            "ballots": ballots,
            "eligible": eligible,
            "turnout": round(100 * ballots / eligible, 1) if eligible else None,
            "left_over": result.budget - result.spent,
            "tie_break": TIE_BREAK_RULE_TEXT,
            **_assurance_context(result),
        }
    return render(request, "commissioning/results.html", context)


@permission_required("commissioning.view_results")
def ballot_file(request, slug: str):
    cycle = _published_cycle(slug)
    try:
        text = counting.ballot_file(cycle)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("results", slug=slug)
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{cycle.slug}.pb"'
    return response


@require_POST
@permission_required("commissioning.follow_cycle")
def follow(request, slug: str):
    cycle = _published_cycle(slug)
    if services.follow_toggle(user=request.user, cycle=cycle):
        messages.success(request, _("You will hear about this cycle’s results and decisions."))
    else:
        messages.success(request, _("You no longer follow this cycle."))
    return redirect("cycle_detail", slug=slug)
