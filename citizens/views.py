from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import permission_required
from citizens import selectors, services
from citizens.forms import MembershipRejectForm, ProfileForm, WardFiguresForm
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
    initial = (
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
            services.profile_update(user=request.user, **form.cleaned_data)
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


@permission_required("citizens.decide_membership")
def membership_queue(request):
    return render(
        request,
        "citizens/membership_queue.html",
        {"memberships": selectors.memberships_pending(), "reject_form": MembershipRejectForm()},
    )


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
