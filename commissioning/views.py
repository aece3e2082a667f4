from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import permission_required
from commissioning import counting, selectors, services
from commissioning.ballots import UnreadableBallot, choices_from_form
from commissioning.eligibility import participation_for
from commissioning.explanations import TIE_BREAK
from commissioning.forms import (
    AssistedBallotForm,
    BallotPaperForm,
    ModerationForm,
    PaperBatchForm,
    PaperEntryForm,
    PriorityForm,
)
from commissioning.models import Ballot, BallotAssurance, BallotType, Channel, PaperBatch, PaperEntry, Priority
from commissioning.pages import cycle_sections
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
        "already_voted": services.already_voted_message(current, by_officer=False)
        if current and current.channel != Channel.ONLINE
        else None,
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
        receipt_check = {
            "code": code,
            "found": found,
            "voter_id": Ballot.public_voter_id_for(code) if found else None,
            "choices": selectors.receipt_choices(cycle, code) if found else [],
        }
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
            "tie_break": TIE_BREAK,
            "channels": selectors.channel_counts(cycle),
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


def _officer_cycle(slug: str):
    return get_object_or_404(selectors.cycles_for_officers(), slug=slug)


def _ballot_rows(cycle, selected: dict[int, int]):
    priorities = list(selectors.cycle_priorities(cycle))
    return priorities, {
        "rows": [(p, selected.get(p.pk)) for p in priorities],
        "rank_options": range(1, (cycle.max_choices or len(priorities)) + 1),
        "BallotType": BallotType,
    }


@permission_required("commissioning.enter_offline_ballots")
def offline_ballots(request, slug: str):
    """Paper and assisted ballots of one cycle: the batches, the counts by channel, and a new batch."""
    cycle = _officer_cycle(slug)
    form = PaperBatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.paper_batch_open(officer=request.user, cycle=cycle, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("Batch “%(label)s” opened.") % {"label": batch.label})
            return redirect("paper_batch", pk=batch.pk)
    return render(
        request,
        "commissioning/offline_ballots.html",
        {
            "cycle": cycle,
            "form": form,
            "batches": selectors.paper_batches(cycle),
            "channels": selectors.channel_counts(cycle),
            "voting_open": cycle.is_voting_open(),
        },
    )


def _posted_choices(request, cycle) -> tuple[dict[int, int], list[str]]:
    """The choices an officer ticked on a resident's behalf, or why they cannot be read."""
    if request.method != "POST":
        return {}, []
    try:
        return choices_from_form(cycle.ballot_type, request.POST), []
    except UnreadableBallot as error:
        return {}, [str(error)]


@permission_required("commissioning.enter_offline_ballots")
def assisted_ballot(request, slug: str):
    """An officer records the vote of a resident who is with them, after checking who they are."""
    cycle = _officer_cycle(slug)
    form = AssistedBallotForm(request.POST or None)
    selected, problems = _posted_choices(request, cycle)
    if request.method == "POST" and form.is_valid() and not problems:
        try:
            cast = services.ballot_cast(
                user=form.voter,
                cycle_id=cycle.pk,
                cycle=cycle,
                choices=selected,
                channel=Channel.ASSISTED,
                entered_by=request.user,
                identity_check=form.cleaned_data["identity_check"],
            )
        except DomainError as error:
            if error.field:
                form.add_error(error.field, error.message)
            else:
                problems = error.details or [error.message]
        else:
            if not form.voter.can_be_emailed:
                # Nothing is emailed to them: the officer hands over the receipt, read out or printed.
                return render(
                    request,
                    "commissioning/assisted_receipt.html",
                    {"cycle": cycle, "voter": form.voter, "ballot": cast.ballot},
                )
            messages.success(
                request,
                _("The vote of %(name)s is recorded. Their receipt code has been sent to them.")
                % {"name": form.voter.get_full_name()},
            )
            return redirect("assisted_ballot", slug=slug)
    _priorities, ballot_context = _ballot_rows(cycle, selected)
    return render(
        request,
        "commissioning/assisted_ballot.html",
        {"cycle": cycle, "form": form, "problems": problems, "voting_open": cycle.is_voting_open()} | ballot_context,
        status=400 if request.method == "POST" else 200,
    )


@permission_required("commissioning.enter_offline_ballots")
def paper_batch(request, pk: int):
    """Enter the papers of a batch one by one; see which wait for a second entry."""
    batch = get_object_or_404(PaperBatch.objects.select_related("cycle", "created_by"), pk=pk)
    cycle = batch.cycle
    form = PaperEntryForm(request.POST or None)
    selected, problems = _posted_choices(request, cycle)
    if request.method == "POST" and form.is_valid() and not problems:
        serial = form.cleaned_data["serial"]
        try:
            entered = services.paper_ballot_enter(
                officer=request.user, batch_id=batch.pk, serial=serial, voter=form.voter, choices=selected
            )
        except DomainError as error:
            if error.field == "voter":
                form.add_error("voter", error.message)
            elif error.field:
                form.add_error(error.field, error.message)
            else:
                problems = error.details or [error.message]
        else:
            if entered.counted:
                messages.success(request, _("Paper %(serial)s is counted.") % {"serial": serial})
            else:
                messages.success(
                    request,
                    _("Paper %(serial)s is entered once. It counts when another officer enters it the same way.")
                    % {"serial": serial},
                )
            return redirect("paper_batch", pk=batch.pk)
    _priorities, ballot_context = _ballot_rows(cycle, selected)
    return render(
        request,
        "commissioning/paper_batch.html",
        {
            "batch": batch,
            "cycle": cycle,
            "form": form,
            "problems": problems,
            "voting_open": cycle.is_voting_open(),
            "waiting": selectors.paper_entries_waiting(batch),
            "counted": selectors.paper_papers_counted(batch),
        }
        | ballot_context,
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@permission_required("commissioning.enter_offline_ballots")
def paper_entry_discard(request, pk: int):
    entry = get_object_or_404(PaperEntry, pk=pk)
    try:
        services.paper_entry_discard(officer=request.user, entry_id=entry.pk)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The first entry of paper %(serial)s is discarded.") % {"serial": entry.serial})
    return redirect("paper_batch", pk=entry.batch_id)


@require_POST
@permission_required("commissioning.enter_offline_ballots")
def paper_batch_check(request, pk: int):
    batch = get_object_or_404(PaperBatch, pk=pk)
    try:
        services.paper_batch_check(officer=request.user, batch_id=batch.pk)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The batch is checked and closed."))
    return redirect("paper_batch", pk=batch.pk)


def _pdf(html: str, filename: str) -> HttpResponse:
    from weasyprint import HTML

    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@permission_required("commissioning.print_ballot_papers")
def ballot_papers(request, slug: str):
    """Printable ballot papers for a cycle, numbered, in standard or large print, in any of our languages."""
    cycle = _officer_cycle(slug)
    form = BallotPaperForm(request.GET or None, initial={"language": translation.get_language()})
    if not form.is_bound or not form.is_valid():
        return render(request, "commissioning/ballot_papers.html", {"cycle": cycle, "form": form})
    first, count = form.cleaned_data["first_serial"], form.cleaned_data["count"]
    large = form.cleaned_data["size"] == "large"
    with translation.override(form.cleaned_data["language"]):
        html = render_to_string(
            "commissioning/ballot_paper_pdf.html",
            {
                "cycle": cycle,
                "priorities": selectors.cycle_priorities(cycle),
                "serials": range(first, first + count),
                "large": large,
                "rank_options": range(1, (cycle.max_choices or cycle.priorities.accepted().count()) + 1),
                "BallotType": BallotType,
                "LANGUAGE_CODE": form.cleaned_data["language"],
            },
        )
    suffix = "-large-print" if large else ""
    return _pdf(html, f"{cycle.slug}-ballot-papers-{first}-{first + count - 1}{suffix}.pdf")


@permission_required("commissioning.view_results")
def results_print(request, slug: str):
    """The results in large print (18 point) as a PDF, in the reader's language."""
    cycle = _published_cycle(slug)
    result = counting.result_for_reader(cycle)
    if result is None:
        messages.error(request, _("The results are published when voting closes and the votes are counted."))
        return redirect("results", slug=slug)
    html = render_to_string(
        "commissioning/results_pdf.html",
        {
            "cycle": cycle,
            "result": result,
            "rows": selectors.result_rows(cycle, result),
            "ballots": result.counts.get("ballots", 0),
            "channels": selectors.channel_counts(cycle),
            "left_over": result.budget - result.spent,
            "LANGUAGE_CODE": translation.get_language(),
        },
        request=request,
    )
    return _pdf(html, f"{cycle.slug}-results-large-print.pdf")
