import json

from django.contrib import messages
from django.contrib.auth import logout
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.closure import account_close as close_account
from accounts.decorators import permission_required
from accounts.roles import Role
from citizens import selectors as citizen_selectors
from commissioning import selectors as cycle_selectors
from core.errors import DomainError
from dashboards.your_data import data_held_about
from governance import selectors as governance_selectors
from meetings import selectors as meeting_selectors
from questions import selectors as question_selectors
from verification import selectors as verification_selectors


@permission_required("commissioning.view_cycle_list")
def home(request):
    """The front door: what anyone can take part in right now."""
    return render(request, "home.html", {"open_cycles": cycle_selectors.cycles_open_now()})


@permission_required("dashboards.view_dashboard")
def dashboard(request):
    """One address for everyone; what it shows depends on the role."""
    user = request.user
    context: dict = {"open_cycles": cycle_selectors.cycles_open_now()}
    if user.role in (Role.OFFICER, Role.ADMINISTRATOR):
        context |= {
            "pending_memberships": citizen_selectors.memberships_pending()[:10],
            "pending_membership_count": citizen_selectors.memberships_pending().count(),
            "identity_conflict_count": verification_selectors.conflicts_open().count(),
            "priorities_awaiting": cycle_selectors.priorities_awaiting_moderation()[:10],
            "cycles": cycle_selectors.cycles_for_officers()[:10],
            "overdue": meeting_selectors.overdue_minutes()[:10],
            "questions_to_answer": question_selectors.questions_to_answer().count(),
            "questions_to_moderate": question_selectors.questions_to_moderate().count(),
        }
    if user.role == Role.COUNCILLOR:
        context["commissions_awaiting"] = governance_selectors.commissions_to_decide(user)
    if user.role == Role.RESIDENT:
        context |= {
            "profile": citizen_selectors.profile_for(user),
            "memberships": citizen_selectors.memberships_of(user),
            "ballots": cycle_selectors.ballots_of(user)[:10],
            "verification": verification_selectors.current_verification(user),
        }
    template = {
        Role.RESIDENT: "dashboards/resident.html",
        Role.OFFICER: "dashboards/officer.html",
        Role.COUNCILLOR: "dashboards/councillor.html",
        Role.ADMINISTRATOR: "dashboards/administrator.html",
    }[user.role]
    return render(request, template, context)


@permission_required("dashboards.view_own_data")
def your_data(request):
    """What we hold about you, as a page; the same as the download."""
    return render(request, "dashboards/your_data.html", {"data": data_held_about(request.user)})


@permission_required("dashboards.view_own_data")
def your_data_json(request):
    data = data_held_about(request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="your-data.json"'
    response["Cache-Control"] = "no-store"
    return response


@permission_required("dashboards.close_own_account")
def account_close(request):
    problem = None
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            problem = _("Confirm that you want to close your account.")
        else:
            try:
                close_account(user=request.user)
            except DomainError as error:
                problem = error.message
            else:
                logout(request)
                messages.success(request, _("Your account is closed and your personal details have been erased."))
                return redirect("home")
    return render(request, "dashboards/account_close.html", {"problem": problem}, status=400 if problem else 200)


@permission_required("dashboards.view_privacy_notice")
def privacy_notice(request):
    from django.conf import settings

    return render(
        request,
        "dashboards/privacy.html",
        {
            "register_days": settings.REGISTER_RETENTION_DAYS,
            "register_days_max": settings.REGISTER_RETENTION_DAYS_MAX,
        },
    )


@permission_required("dashboards.view_accessibility_statement")
def accessibility_statement(request):
    """The accessibility statement in the form UK public-sector bodies publish: what was tested, how, and what fails."""
    return render(request, "accessibility_statement.html")
