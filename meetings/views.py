from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from accounts.decorators import permission_required
from core.errors import DomainError
from meetings import calendar, selectors, services
from meetings.forms import AgendaItemForm, AttendanceForm, DeclarationForm, MeetingForm, MinutesForm


def _add_error(form, error: DomainError) -> None:
    field = error.field if error.field in form.fields else None
    for message in error.details:
        form.add_error(field, message)


@permission_required("meetings.view_meetings")
def meeting_list(request):
    return render(
        request,
        "meetings/meeting_list.html",
        {"upcoming": selectors.upcoming_meetings(), "meetings": selectors.meetings_public()[:200]},
    )


@permission_required("meetings.view_meetings")
def meeting_detail(request, pk: int):
    meeting = get_object_or_404(selectors.meeting_detail(), pk=pk)
    return render(request, "meetings/meeting_detail.html", {"meeting": meeting})


@permission_required("meetings.view_meetings")
def meeting_calendar(request):
    body = calendar.calendar_for(selectors.upcoming_meetings()[:500], name=_("Council meetings"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="meetings.ics"'
    return response


@permission_required("meetings.clerk_meetings")
def clerk_meetings(request):
    return render(
        request,
        "meetings/clerk_meetings.html",
        {"overdue": selectors.overdue_minutes(), "meetings": selectors.meetings_public()[:200]},
    )


@permission_required("meetings.clerk_meetings")
def meeting_new(request):
    form = MeetingForm(request.POST or None, initial={"clerk": request.user.pk})
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_schedule(user=request.user, **form.cleaned_data)
        except DomainError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("The meeting has been scheduled."))
            return redirect("meeting_manage", pk=meeting.pk)
    return render(request, "meetings/meeting_new.html", {"form": form}, status=400 if form.errors else 200)


# The clerk's page holds one form per record; the button pressed says which.
FORMS = {
    "agenda": (AgendaItemForm, services.agenda_item_add, _lazy("The agenda item has been added.")),
    "attendance": (AttendanceForm, services.attendance_record, _lazy("The attendance has been recorded.")),
    "declaration": (DeclarationForm, services.meeting_declaration_record, _lazy("The declaration has been recorded.")),
}


@permission_required("meetings.clerk_meetings")
def meeting_manage(request, pk: int):
    meeting = selectors.meeting_detail().filter(pk=pk).first()
    if meeting is None:
        raise Http404
    action = request.POST.get("action") if request.method == "POST" else None
    forms = {name: form_class(request.POST if action == name else None) for name, (form_class, *_rest) in FORMS.items()}
    minutes_form = MinutesForm(request.POST if action == "minutes" else None)
    if action in FORMS and forms[action].is_valid():
        _form_class, service, done = FORMS[action]
        try:
            service(user=request.user, meeting_id=meeting.pk, **forms[action].cleaned_data)
        except DomainError as error:
            _add_error(forms[action], error)
        else:
            messages.success(request, str(done))
            return redirect("meeting_manage", pk=pk)
    elif action == "minutes" and minutes_form.is_valid():
        try:
            services.minutes_publish(
                user=request.user,
                meeting_id=meeting.pk,
                minutes=minutes_form.cleaned_data["minutes"],
                decision_ids=[d.pk for d in minutes_form.cleaned_data["decisions"]],
            )
        except DomainError as error:
            _add_error(minutes_form, error)
        else:
            messages.success(request, _("The minutes have been published."))
            return redirect("meeting_manage", pk=pk)
    has_errors = any(f.errors for f in forms.values()) or bool(minutes_form.errors)
    return render(
        request,
        "meetings/meeting_manage.html",
        {"meeting": meeting, "forms": forms, "minutes_form": minutes_form},
        status=400 if has_errors else 200,
    )
