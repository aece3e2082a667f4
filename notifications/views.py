from django.contrib import messages
from django.core import signing
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from accounts.decorators import permission_required
from notifications import selectors, services
from notifications.events import Event, Frequency, events_for_role
from notifications.models import Notification


@permission_required("notifications.view_own")
def inbox(request):
    notices = selectors.inbox_of(request.user)
    return render(request, "notifications/inbox.html", {"notices": notices})


@permission_required("notifications.view_own")
def open_notice(request, pk: int):
    notice = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.mark_read(user=request.user, notification_ids=[notice.pk])
    if notice.url and url_has_allowed_host_and_scheme(notice.url, allowed_hosts={request.get_host()}):
        return redirect(notice.url)
    return redirect("notification_inbox")


@require_POST
@permission_required("notifications.view_own")
def mark_all_read(request):
    services.mark_read(user=request.user)
    return redirect("notification_inbox")


@permission_required("notifications.view_own")
def preferences(request):
    events = events_for_role(request.user.role)
    current = selectors.preferences_of(request.user)
    if request.method == "POST":
        choices = {}
        for event in events:
            frequency = request.POST.get(f"{event}-frequency", Frequency.INSTANT)
            if frequency not in Frequency.values:
                messages.error(request, _("Choose how often from the list."))
                return redirect("notification_preferences")
            choices[event] = (request.POST.get(f"{event}-enabled") == "on", frequency)
        services.set_preferences(user=request.user, choices=choices)
        messages.success(request, _("Your choices have been saved."))
        return redirect("notification_preferences")
    rows = [
        {
            "event": event,
            "enabled": current[event].enabled if event in current else True,
            "frequency": current[event].frequency if event in current else Frequency.INSTANT,
        }
        for event in events
    ]
    return render(request, "notifications/preferences.html", {"rows": rows, "frequencies": Frequency.choices})


@csrf_exempt  # the signed token is the authority; mail clients send RFC 8058 one-click POSTs without cookies
@permission_required("notifications.unsubscribe_by_link")
def unsubscribe(request, token: str):
    try:
        data = signing.loads(token, salt=services.UNSUBSCRIBE_SALT)
        event_label = Event(data["e"]).label
    except (signing.BadSignature, KeyError, ValueError):
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "POST":
        services.unsubscribe(token=token)
        return render(request, "notifications/unsubscribe.html", {"done": True, "event_label": event_label})
    return render(request, "notifications/unsubscribe.html", {"event_label": event_label, "token": token})
