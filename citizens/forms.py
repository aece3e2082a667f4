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
