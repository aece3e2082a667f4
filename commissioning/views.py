from django.shortcuts import get_object_or_404, render

from accounts.decorators import permission_required
from commissioning import selectors


@permission_required("commissioning.view_cycle_list")
def cycle_list(request):
    return render(request, "commissioning/cycle_list.html", {"cycles": selectors.cycles_public()})


@permission_required("commissioning.view_cycle_list")
def cycle_detail(request, slug: str):
    cycle = get_object_or_404(selectors.cycles_public(), slug=slug)
    return render(
        request,
        "commissioning/cycle_detail.html",
        {"cycle": cycle, "priorities": selectors.cycle_priorities(cycle)},
    )


@permission_required("commissioning.view_cycle_admin_list")
def officer_cycle_list(request):
    return render(request, "commissioning/officer_cycle_list.html", {"cycles": selectors.cycles_for_officers()})


@permission_required("commissioning.view_decision_queue")
def decision_queue(request):
    return render(
        request,
        "commissioning/decision_queue.html",
        {"commissions": selectors.commissions_awaiting_decision(request.user)},
    )
