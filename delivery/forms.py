from crispy_forms_gds.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from governance.models import ResourceKind

DATE = forms.DateInput(attrs={"type": "date"})


class _Inline(forms.Form):
    """Rendered inside the page's own <form>, whose button says which action it is."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class MilestoneForm(_Inline):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    planned_on = forms.DateField(label=_("Planned date"), widget=DATE, help_text=_("For example, 2027-03-14."))
    description = forms.CharField(
        label=_("Description (optional)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class MilestoneReportForm(_Inline):
    met = forms.TypedChoiceField(
        label=_("Was it met?"),
        choices=[("yes", _("Met")), ("no", _("Missed"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    actual_on = forms.DateField(label=_("Date met (if met)"), widget=DATE, required=False)
    note = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, prefix=None, **kwargs):
        super().__init__(*args, prefix=prefix, **kwargs)
        for kind in ResourceKind:
            self.fields[f"spend_{kind.value}"] = forms.DecimalField(
                label=_("Spent so far of %(kind)s (£, optional)") % {"kind": kind.label},
                required=False,
                min_value=0,
                decimal_places=2,
                max_digits=12,
            )

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "met": data["met"],
            "actual_on": data["actual_on"],
            "note": data["note"],
            "spend": {kind.value: data[f"spend_{kind.value}"] for kind in ResourceKind},
        }
