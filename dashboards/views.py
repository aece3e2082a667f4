from django.shortcuts import render

from accounts.decorators import permission_required
from accounts.roles import Role
from citizens import selectors as citizen_selectors
from commissioning import selectors as cycle_selectors
from governance import selectors as governance_selectors


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
            "priorities_awaiting": cycle_selectors.priorities_awaiting_moderation()[:10],
            "cycles": cycle_selectors.cycles_for_officers()[:10],
        }
    if user.role == Role.COUNCILLOR:
        context["commissions_awaiting"] = governance_selectors.commissions_to_decide(user)
    if user.role == Role.RESIDENT:
        context |= {
            "profile": citizen_selectors.profile_for(user),
            "memberships": citizen_selectors.memberships_of(user),
            "ballots": cycle_selectors.ballots_of(user)[:10],
        }
    template = {
        Role.RESIDENT: "dashboards/resident.html",
        Role.OFFICER: "dashboards/officer.html",
        Role.COUNCILLOR: "dashboards/councillor.html",
        Role.ADMINISTRATOR: "dashboards/administrator.html",
    }[user.role]
    return render(request, template, context)


@permission_required("dashboards.view_accessibility_statement")
def accessibility_statement(request):
    """The accessibility statement in the form UK public-sector bodies publish: what was tested, how, and what fails."""
    return render(request, "accessibility_statement.html")
