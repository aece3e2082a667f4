from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Size, Submit
from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import DISPLAY_NAME_MAX_LENGTH
from citizens.models import EARLIEST_YEAR_OF_BIRTH, Ward


class ProfileForm(forms.Form):
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=DISPLAY_NAME_MAX_LENGTH,
        help_text=_("Shown beside your comments and anything else you do in public. Your email address never is."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    ward = forms.ModelChoiceField(
        label=_("Your ward"),
        queryset=Ward.objects.all(),
        required=False,
        empty_label=_("Choose your ward"),
        help_text=_("Cycles for a particular ward are open to its residents."),
    )
    year_of_birth = forms.IntegerField(
        label=_("Year of birth"),
        required=False,
        help_text=_("For example, 2008. Some co-operatives, such as the youth trust, have an age range."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "bday-year"}),
    )
    preferred_language = forms.ChoiceField(label=_("Language for emails"), choices=settings.LANGUAGES)
    accessibility_needs = forms.CharField(
        label=_("Accessibility and communication needs (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: large print, easy read, British Sign Language, an interpreter."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Save your details")))
        self.fields["year_of_birth"].widget.attrs["class"] = "govuk-input--width-4"
        self.helper.label_size = Size.SMALL

    def clean_year_of_birth(self) -> int | None:
        year = self.cleaned_data["year_of_birth"]
        this_year = timezone.localdate().year
        if year is not None and not (EARLIEST_YEAR_OF_BIRTH <= year <= this_year):
            raise forms.ValidationError(
                _("Enter a year between %(first)s and %(last)s."),
                params={"first": EARLIEST_YEAR_OF_BIRTH, "last": this_year},
            )
        return year


class MembershipRejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason the applicant will see"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class WardFiguresForm(forms.Form):
    """Population and electorate per ward, so reports can set turnout against them."""

    def __init__(self, *args, wards, **kwargs):
        super().__init__(*args, **kwargs)
        self.wards = list(wards)
        for ward in self.wards:
            for figure, label in (("population", _("population")), ("electorate", _("electorate"))):
                self.fields[f"{figure}-{ward.pk}"] = forms.IntegerField(
                    label=f"{ward.name}: {label}",
                    required=False,
                    min_value=0,
                    max_value=10_000_000,
                    initial=getattr(ward, figure),
                    widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-10"}),
                )

    def figures(self) -> dict[int, tuple[int | None, int | None]]:
        return {
            ward.pk: (self.cleaned_data[f"population-{ward.pk}"], self.cleaned_data[f"electorate-{ward.pk}"])
            for ward in self.wards
        }


class RosterFilterForm(forms.Form):
    """Search and filters for a co-operative's register or the applications queue (sent by GET)."""

    q = forms.CharField(label=_("Search by name, email or member number"), required=False, max_length=200)
    status = forms.ChoiceField(label=_("Status"), required=False)
    ward = forms.ModelChoiceField(
        label=_("Ward"), queryset=Ward.objects.none(), required=False, empty_label=_("Any ward")
    )
    age_band = forms.ChoiceField(label=_("Age"), required=False)

    def __init__(self, *args, statuses=True, **kwargs):
        from citizens.models import Membership
        from citizens.selectors import AGE_BANDS

        super().__init__(*args, **kwargs)
        self.fields["ward"].queryset = Ward.objects.order_by("name")
        self.fields["age_band"].choices = [("", _("Any age"))] + [(k, v[0]) for k, v in AGE_BANDS.items()]
        if statuses:
            self.fields["status"].choices = [("", _("Any status")), *Membership.Status.choices]
        else:
            del self.fields["status"]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.label_size = Size.SMALL
        self.helper.add_input(Submit("filter", _("Apply filters"), css_class="govuk-button--secondary"))

    def wanted(self):
        from citizens.selectors import RosterFilter

        if not self.is_valid():
            return RosterFilter()
        data = self.cleaned_data
        return RosterFilter(
            query=data.get("q") or "",
            status=data.get("status") or "",
            ward_id=data["ward"].pk if data.get("ward") else None,
            age_band=data.get("age_band") or "",
        )


class BulkRejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason the applicants will see"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class BoardSeatForm(forms.Form):
    member_number = forms.IntegerField(
        label=_("Member number"),
        min_value=1,
        help_text=_("Find it on the members list."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-5"}),
    )
    appointment = forms.ChoiceField(label=_("How did they join the board?"), widget=forms.RadioSelect)
    term_start = forms.DateField(label=_("Term starts"), widget=forms.DateInput(attrs={"type": "date"}))
    term_end = forms.DateField(label=_("Term ends"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        from citizens.models import BoardMember

        super().__init__(*args, **kwargs)
        self.fields["appointment"].choices = BoardMember.Appointment.choices
        self.helper = FormHelper()
        self.helper.add_input(Submit("seat", _("Give them a seat")))


class SignOffThresholdForm(forms.Form):
    council_signoff_above = forms.DecimalField(
        label=_("Council sign-off for commissions worth more than (£)"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
        help_text=_("Leave empty if the board's decisions need no sign-off. Enter 0 for sign-off on every one."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("threshold", _("Save"), css_class="govuk-button--secondary"))
