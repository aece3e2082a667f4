import csv

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.decorators import permission_required
from accounts.services import display_name_update
from citizens import selectors, services
from citizens.forms import (
    BoardSeatForm,
    BulkRejectForm,
    MembershipRejectForm,
    ProfileForm,
    RosterFilterForm,
    SignOffThresholdForm,
    WardFiguresForm,
)
from citizens.models import Cooperative, Membership, Ward
from core.errors import DomainError


@permission_required("citizens.choose_language")
def language_choose(request, code: str):
    """A plain link on every page: works without JavaScript, and a signed-in person's choice is kept."""
    if code not in dict(settings.LANGUAGES):
        raise Http404
    if request.user.is_authenticated:
        services.preferred_language_set(user=request.user, language=code)
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("home")
    response = redirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        httponly=True,
    )
    return response


@permission_required("citizens.edit_own_profile")
def profile_edit(request):
    profile = selectors.profile_for(request.user)
    initial = {"display_name": request.user.display_name} | (
        {
            "ward": profile.ward,
            "year_of_birth": profile.year_of_birth,
            "preferred_language": profile.preferred_language,
            "accessibility_needs": profile.accessibility_needs,
        }
        if profile
        else {}
    )
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            data = dict(form.cleaned_data)
            display_name_update(user=request.user, display_name=data.pop("display_name"))
            services.profile_update(user=request.user, **data)
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("Your details have been saved."))
            return redirect("dashboard")
    return render(request, "citizens/profile_form.html", {"form": form})


@permission_required("citizens.view_public_directory")
def cooperative_list(request):
    return render(request, "citizens/cooperative_list.html", {"cooperatives": selectors.cooperatives_public()})


@permission_required("citizens.view_public_directory")
def cooperative_detail(request, slug: str):
    cooperative = get_object_or_404(selectors.cooperatives_public(), slug=slug)
    context = {"cooperative": cooperative}
    if request.user.is_authenticated:
        context["membership"] = Membership.objects.filter(member=request.user, cooperative=cooperative).first()
        context["eligibility"] = services.eligibility_for_cooperative(user=request.user, cooperative=cooperative)
    return render(request, "citizens/cooperative_detail.html", context)


@require_POST
@permission_required("citizens.apply_for_membership")
def cooperative_apply(request, slug: str):
    cooperative = get_object_or_404(Cooperative, slug=slug)
    try:
        services.membership_apply(user=request.user, cooperative=cooperative)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Thank you. An officer will look at your application and email you."))
    return redirect("cooperative_detail", slug=slug)


QUEUE_PAGE_SIZE = 100
ROSTER_PAGE_SIZE = 50


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@permission_required("citizens.decide_membership")
def membership_queue(request):
    """Applications waiting, a page at a time, to approve or reject in bulk with one confirmation."""
    form = RosterFilterForm(request.GET or None, statuses=False)
    cooperative = None
    if request.GET.get("cooperative"):
        cooperative = get_object_or_404(Cooperative, slug=request.GET["cooperative"])
    pending = selectors.pending_for(form.wanted(), cooperative.pk if cooperative else None)
    page = Paginator(pending, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "citizens/membership_queue.html",
        {
            "form": form,
            "page": page,
            "cooperative": cooperative,
            "cooperatives": Cooperative.objects.order_by("name"),
            "query": _query_without_page(request),
        },
    )


@require_POST
@permission_required("citizens.decide_membership")
def membership_bulk(request):
    """Confirm a bulk decision, then take it: the first POST asks, the second (confirmed) decides."""
    decision = request.POST.get("decision")
    if request.POST.get("all_matching"):
        form = RosterFilterForm(request.POST, statuses=False)
        cooperative_id = (
            Cooperative.objects.filter(slug=request.POST.get("cooperative") or "").values_list("pk", flat=True).first()
        )
        ids = list(selectors.pending_for(form.wanted(), cooperative_id).values_list("pk", flat=True))
    else:
        ids = [int(pk) for pk in request.POST.getlist("membership") if pk.isdigit()]
        if not ids:
            ids = [int(pk) for pk in request.POST.get("ids", "").split(",") if pk.isdigit()]
    if not ids or decision not in services.BULK_DECISIONS:
        messages.error(request, _("Choose at least one application, then approve or reject."))
        return redirect("membership_queue")
    reject_form = BulkRejectForm(request.POST if request.POST.get("confirmed") else None)
    if request.POST.get("confirmed") and (decision == "approve" or reject_form.is_valid()):
        try:
            done = services.memberships_decide(
                officer=request.user,
                membership_ids=ids,
                decision=decision,
                reason=reject_form.cleaned_data["reason"] if decision == "reject" else "",
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            text = (
                ngettext("%(n)d application approved.", "%(n)d applications approved.", done)
                if decision == "approve"
                else ngettext("%(n)d application not approved.", "%(n)d applications not approved.", done)
            )
            messages.success(request, text % {"n": done})
        return redirect("membership_queue")
    return render(
        request,
        "citizens/membership_bulk_confirm.html",
        {"ids": ",".join(map(str, ids)), "count": len(ids), "decision": decision, "reject_form": reject_form},
        status=400 if reject_form.is_bound else 200,
    )


@permission_required("citizens.view_roster")
def cooperative_roster(request, slug: str):
    cooperative = get_object_or_404(Cooperative, slug=slug)
    form = RosterFilterForm(request.GET or None)
    rows = selectors.roster(cooperative, form.wanted())
    page = Paginator(rows, ROSTER_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "citizens/roster.html",
        {
            "cooperative": cooperative,
            "form": form,
            "page": page,
            "counts": selectors.roster_counts(cooperative),
            "statuses": Membership.Status.choices,
            "query": _query_without_page(request),
        },
    )


class _Echo:
    def write(self, value):
        return value


@permission_required("citizens.view_roster")
def cooperative_roster_csv(request, slug: str):
    """The filtered register as CSV, streamed, so 5,000 members never sit in memory at once."""
    cooperative = get_object_or_404(Cooperative, slug=slug)
    rows = selectors.roster(cooperative, RosterFilterForm(request.GET or None).wanted())
    writer = csv.writer(_Echo())
    header = [
        _("Member number"),
        _("Name"),
        _("Email"),
        _("Status"),
        _("Ward"),
        _("Year of birth"),
        _("Applied"),
        _("Joined"),
        _("Renew by"),
        _("Ended"),
    ]
    labels = dict(Membership.Status.choices)
    values = rows.values_list(
        "member_number",
        "member__full_name",
        "member__email",
        "status",
        "member__profile__ward__name",
        "member__profile__year_of_birth",
        "applied_at",
        "joined_at",
        "renew_by",
        "ended_at",
    )

    def lines():
        yield writer.writerow([str(h) for h in header])
        for number, name, email, status, ward, born, applied, joined, renew_by, ended in values.iterator(2000):
            yield writer.writerow(
                [
                    number or "",
                    name,
                    email,
                    str(labels.get(status, status)),
                    ward or "",
                    born or "",
                    f"{applied:%Y-%m-%d}",
                    f"{joined:%Y-%m-%d}" if joined else "",
                    f"{renew_by:%Y-%m-%d}" if renew_by else "",
                    f"{ended:%Y-%m-%d}" if ended else "",
                ]
            )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{cooperative.slug}-members.csv"'
    return response


@require_POST
@permission_required("citizens.apply_for_membership")
def membership_renew(request, slug: str):
    membership = get_object_or_404(Membership, member=request.user, cooperative__slug=slug)
    try:
        renewed = services.membership_renew(user=request.user, membership_id=membership.pk)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Thank you. Your membership is renewed until %(when)s.") % {"when": f"{renewed.renew_by:%d %B %Y}"},
        )
    return redirect("cooperative_detail", slug=slug)


@require_POST
@permission_required("citizens.apply_for_membership")
def membership_leave(request, slug: str):
    membership = get_object_or_404(Membership, member=request.user, cooperative__slug=slug)
    try:
        services.membership_leave(user=request.user, membership_id=membership.pk)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("You have left the co-operative."))
    return redirect("cooperative_detail", slug=slug)


@require_POST
@permission_required("citizens.decide_membership")
def membership_decide(request, pk: int):
    membership = get_object_or_404(Membership.objects.select_related("member"), pk=pk)
    try:
        if request.POST.get("decision") == "approve":
            services.membership_approve(membership_id=membership.pk, officer=request.user)
            messages.success(request, _("%(who)s is now a member.") % {"who": membership.member})
        else:
            form = MembershipRejectForm(request.POST)
            if not form.is_valid():
                raise DomainError(_("Give the applicant a reason."), code="reason_required")
            services.membership_reject(
                membership_id=membership.pk, officer=request.user, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("The application from %(who)s was not approved.") % {"who": membership.member})
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("membership_queue")


@permission_required("citizens.edit_ward_figures")
def ward_figures(request):
    form = WardFiguresForm(request.POST or None, wards=Ward.objects.order_by("name"))
    if request.method == "POST" and form.is_valid():
        changed = services.ward_figures_update(figures=form.figures())
        messages.success(request, _("Ward figures saved (%(n)d changed).") % {"n": changed})
        return redirect("ward_figures")
    rows = [(ward, form[f"population-{ward.pk}"], form[f"electorate-{ward.pk}"]) for ward in form.wards]
    return render(request, "citizens/ward_figures.html", {"form": form, "rows": rows})


@permission_required("citizens.manage_board")
def cooperative_board(request, slug: str):
    """The co-operative's board (seats and terms) and when the council signs off its decisions."""
    cooperative = get_object_or_404(Cooperative, slug=slug)
    seat_form = BoardSeatForm(request.POST if "seat" in request.POST else None)
    threshold_form = SignOffThresholdForm(
        request.POST if "threshold" in request.POST else None,
        initial={"council_signoff_above": cooperative.council_signoff_above},
    )
    try:
        if request.method == "POST" and "seat" in request.POST and seat_form.is_valid():
            services.board_member_seat(officer=request.user, cooperative_id=cooperative.pk, **seat_form.cleaned_data)
            messages.success(request, _("The board seat is recorded."))
            return redirect("cooperative_board", slug=slug)
        if request.method == "POST" and "threshold" in request.POST and threshold_form.is_valid():
            services.cooperative_signoff_set(
                officer=request.user,
                cooperative_id=cooperative.pk,
                threshold=threshold_form.cleaned_data["council_signoff_above"],
            )
            messages.success(request, _("The council sign-off rule is saved."))
            return redirect("cooperative_board", slug=slug)
        if request.method == "POST" and request.POST.get("stand_down"):
            seat = get_object_or_404(cooperative.board, pk=request.POST["stand_down"])
            services.board_member_stand_down(officer=request.user, seat_id=seat.pk)
            messages.success(request, _("%(who)s has stood down.") % {"who": seat.member})
            return redirect("cooperative_board", slug=slug)
    except DomainError as error:
        form = threshold_form if "threshold" in request.POST else seat_form
        if form.is_bound:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.error(request, error.message)
    current = set(services.board_current(cooperative).values_list("pk", flat=True))
    seats = [(seat, seat.pk in current) for seat in selectors.board_of(cooperative)]
    return render(
        request,
        "citizens/board.html",
        {"cooperative": cooperative, "seats": seats, "seat_form": seat_form, "threshold_form": threshold_form},
        status=400 if (seat_form.errors or threshold_form.errors) else 200,
    )
