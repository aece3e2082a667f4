from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from commissioning.models import Priority
from commissioning.services import MODERATION_DECISIONS
from outcomes.models import Outcome


class PriorityForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, help_text=_("A short name residents will recognise."))
    description = forms.CharField(
        label=_("What should be done, and for whom?"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )
    estimated_cost = forms.DecimalField(
        label=_("Estimated cost in pounds"),
        min_value=1,
        max_digits=12,
        decimal_places=2,
        help_text=_("Your best estimate. Officers will check it."),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    outcome = forms.ModelChoiceField(
        label=_("Which outcome does it serve?"), queryset=Outcome.objects.none(), required=False
    )

    def __init__(self, *args, cycle=None, submit_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].queryset = cycle.outcomes.all() if cycle else Outcome.objects.all()
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", submit_label or _("Send your proposal")))


class ModerationForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=list(MODERATION_DECISIONS.items()),
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason the proposer will see"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed unless you accept it."),
    )
    merge_into = forms.ModelChoiceField(label=_("Merge into"), queryset=Priority.objects.none(), required=False)

    def __init__(self, *args, priority: Priority, **kwargs):
        super().__init__(*args, prefix=f"p{priority.pk}", **kwargs)
        self.fields["merge_into"].queryset = priority.cycle.priorities.exclude(pk=priority.pk).exclude(
            status__in=[Priority.Status.REJECTED, Priority.Status.MERGED]
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.add_input(Submit("submit", _("Save decision")))
