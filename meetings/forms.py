from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import Role
from citizens.models import Cooperative
from commissioning.models import CommissioningCycle
from governance.models import Decision
from meetings.models import Attendance, MeetingKind

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class _Inline(forms.Form):
    """A form rendered inside a <form> of the page's own, whose buttons say which action it is."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


def _helper(label) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("submit", label))
    return helper


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=MeetingKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DATETIME, help_text=_("For example, 2027-03-14 18:30."))
    ends_at = forms.DateTimeField(label=_("Ends (optional)"), widget=DATETIME, required=False)
    location = forms.CharField(label=_("Where"), max_length=300)
    cycle = forms.ModelChoiceField(
        label=_("Cycle (optional)"), queryset=CommissioningCycle.objects.order_by("title"), required=False
    )
    cooperative = forms.ModelChoiceField(
        label=_("Co-operative (for a co-operative's board)"), queryset=Cooperative.objects.all(), required=False
    )
    clerk = forms.ModelChoiceField(
        label=_("Clerk"),
        queryset=User.objects.filter(is_active=True, role__in=[Role.OFFICER, Role.ADMINISTRATOR]).order_by("email"),
        help_text=_("Told if the minutes are not published by their deadline."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Schedule the meeting"))


class AgendaItemForm(_Inline):
    title = forms.CharField(label=_("Agenda item"), max_length=200)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    paper_title = forms.CharField(label=_("Paper title"), max_length=200, required=False)
    paper_url = forms.URLField(label=_("Link to the paper"), required=False, assume_scheme="https")


class AttendanceForm(_Inline):
    name = forms.CharField(label=_("Name"), max_length=200)
    capacity = forms.ChoiceField(label=_("Attended as"), choices=Attendance.Capacity.choices)
    present = forms.BooleanField(label=_("Present (leave unticked for apologies)"), required=False)


class DeclarationForm(_Inline):
    name = forms.CharField(label=_("Who declared"), max_length=200)
    interest = forms.CharField(label=_("The interest"), widget=forms.Textarea(attrs={"rows": 2}))


class MinutesForm(_Inline):
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 10}))
    decisions = forms.ModelMultipleChoiceField(
        label=_("Decisions taken at this meeting"),
        queryset=Decision.objects.select_related("commission").order_by("-decided_at"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
