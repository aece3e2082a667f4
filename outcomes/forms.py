from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _


class IndicatorValueForm(forms.Form):
    period_start = forms.DateField(
        label=_("Period starts"),
        help_text=_("For example, 2026-04-01."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    period_end = forms.DateField(
        label=_("Period ends"), help_text=_("For example, 2027-03-31."), widget=forms.DateInput(attrs={"type": "date"})
    )
    value = forms.DecimalField(
        label=_("Value measured"),
        max_digits=14,
        decimal_places=3,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}),
    )
    source = forms.CharField(
        label=_("Source"), max_length=300, help_text=_("Where the figure comes from, such as “ONS annual survey”.")
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Anything a reader should know, such as a change in how it is measured."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Record the value")))
