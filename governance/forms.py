from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from citizens.models import Ward
from commissioning.models import Priority, Stage
from core.bounds import INTEGER_MAX, SMALL_INTEGER_MAX
from governance.models import (
    Evaluation,
    Impact,
    InvolvementMethod,
    InvolvementPurpose,
    MonitoringCharacteristic,
    ProtectedCharacteristic,
    ProviderType,
    ResourceKind,
    VoteChoice,
)
from governance.services import ImpactLine, Resource
from outcomes.models import Indicator, Outcome


def _helper(label, form_tag: bool = True) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = form_tag
    helper.add_input(Submit("submit", label))
    return helper


class StageAdvanceForm(forms.Form):
    override_reason = forms.CharField(
        label=_("Reason for moving on without logged involvement (only if you may override the duty)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Leave empty if residents have been involved in this stage. Any reason is published."),
    )

    def __init__(self, *args, submit_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(submit_label or _("Move to the next stage"))


def parse_monitoring(text: str) -> list[tuple[str, str, int]]:
    """Lines of "characteristic, group, count", the characteristic by its name or code."""
    by_name = {c.label.lower(): c.value for c in MonitoringCharacteristic} | {
        c.value: c.value for c in MonitoringCharacteristic
    }
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split(",")]
        if len(parts) != 3 or parts[0].lower() not in by_name:
            raise forms.ValidationError(
                _gettext("Line %(n)s: write the characteristic, the group and the number, separated by commas.")
                % {"n": number}
            )
        try:
            count = int(parts[2])
        except ValueError as error:
            raise forms.ValidationError(
                _gettext("Line %(n)s: the number must be a whole number.") % {"n": number}
            ) from error
        if count < 0:
            raise forms.ValidationError(_gettext("Line %(n)s: the number cannot be negative.") % {"n": number})
        if count > INTEGER_MAX:
            raise forms.ValidationError(
                _gettext("Line %(n)s: the number must be at most %(max)s.") % {"n": number, "max": f"{INTEGER_MAX:,}"}
            )
        rows.append((by_name[parts[0].lower()], parts[1], count))
    return rows


class InvolvementForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices)
    purpose = forms.ChoiceField(label=_("Purpose"), choices=InvolvementPurpose.choices)
    method = forms.ChoiceField(label=_("Method"), choices=InvolvementMethod.choices)
    held_on = forms.DateField(
        label=_("Date held"), help_text=_("For example, 2027-03-14."), widget=forms.DateInput(attrs={"type": "date"})
    )
    # Checkboxes, as GOV.UK does for "select all that apply": a multi-select box needs Ctrl-click and
    # hides most of its options.
    wards = forms.ModelMultipleChoiceField(
        label=_("Wards"),
        queryset=Ward.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Select all that apply."),
    )
    participant_count = forms.IntegerField(label=_("Number of participants"), min_value=0, max_value=INTEGER_MAX)
    summary = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 3}))
    residents_said = forms.CharField(
        label=_("What residents said"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    what_changed = forms.CharField(
        label=_("What changed as a result"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    equality_counts = forms.CharField(
        label=_("Equality monitoring (optional, anonymous counts)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One line per group: characteristic, group, number. For example: Age band, 16 to 24, 11. "
            "Characteristics: Age band, Sex, Gender identity, Ethnicity, Disability, Religion or belief, "
            "Sexual orientation."
        ),
    )

    def __init__(self, *args, cycle=None, **kwargs):
        super().__init__(*args, **kwargs)
        if cycle is not None:
            self.fields["stage"].initial = cycle.stage
        self.helper = _helper(_("Log the activity"))

    def clean_equality_counts(self):
        return parse_monitoring(self.cleaned_data["equality_counts"])

    def clean_held_on(self):
        if self.cleaned_data["held_on"] > timezone.localdate():
            raise forms.ValidationError(_gettext("Log an activity once it has happened."))
        return self.cleaned_data["held_on"]


class EvidenceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("What it shows"), widget=forms.Textarea(attrs={"rows": 3}))
    url = forms.URLField(label=_("Link (optional)"), required=False, assume_scheme="https")
    document = forms.FileField(label=_("Document (optional)"), required=False)
    indicator = forms.ModelChoiceField(
        label=_("Indicator (optional)"), queryset=Indicator.objects.none(), required=False
    )

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.filter(outcome__in=cycle.outcomes.all())
        self.helper = _helper(_("Add the evidence"))


class EvaluationForm(forms.Form):
    outcome = forms.ModelChoiceField(label=_("Outcome"), queryset=Outcome.objects.none())
    indicator = forms.ModelChoiceField(
        label=_("Indicator (optional)"), queryset=Indicator.objects.none(), required=False
    )
    rating = forms.ChoiceField(label=_("Rating"), choices=Evaluation.Rating.choices, widget=forms.RadioSelect)
    summary = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 3}))
    evidence = forms.CharField(label=_("Evidence"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].queryset = cycle.outcomes.all()
        self.fields["indicator"].queryset = Indicator.objects.filter(outcome__in=cycle.outcomes.all())
        self.helper = _helper(_("Record the evaluation"))


class CommissionForm(forms.Form):
    title = forms.CharField(label=_("What is commissioned"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}))
    priorities = forms.ModelMultipleChoiceField(
        label=_("Funded priorities it delivers"),
        queryset=Priority.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    outcomes = forms.ModelMultipleChoiceField(
        label=_("Outcomes"), queryset=Outcome.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    indicators = forms.ModelMultipleChoiceField(
        label=_("Indicators it is meant to move"),
        queryset=Indicator.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Indicators of the outcomes you chose. Reports follow them."),
    )
    provider_type = forms.ChoiceField(label=_("Provider type"), choices=ProviderType.choices)
    provider_name = forms.CharField(label=_("Provider (if known)"), max_length=200, required=False)
    value = forms.DecimalField(
        label=_("Value in pounds"),
        min_value=0,
        max_digits=12,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    procurement_route = forms.CharField(label=_("Procurement route"), max_length=200, required=False)
    deciders = forms.ModelMultipleChoiceField(
        label=_("Councillors deciding"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    quorum = forms.IntegerField(
        label=_("Quorum"),
        min_value=1,
        max_value=SMALL_INTEGER_MAX,
        initial=2,
        help_text=_("The fewest votes cast for a decision to be taken."),
    )

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priorities"].queryset = cycle.priorities.accepted()
        self.fields["outcomes"].queryset = cycle.outcomes.all()
        self.fields["indicators"].queryset = Indicator.objects.filter(outcome__in=cycle.outcomes.all()).select_related(
            "outcome"
        )
        from governance.services import decided_by_board, eligible_deciders

        self.fields["deciders"].queryset = eligible_deciders(cycle)
        if decided_by_board(cycle):
            self.fields["deciders"].label = _gettext("Board members of %(coop)s deciding") % {"coop": cycle.cooperative}
        for kind in ResourceKind:
            self.fields[f"{kind.value}_amount"] = forms.DecimalField(
                label=_gettext("%(kind)s: amount in pounds (optional)") % {"kind": kind.label},
                required=False,
                min_value=0,
                max_digits=12,
                decimal_places=2,
                widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            )
            self.fields[f"{kind.value}_description"] = forms.CharField(
                label=_gettext("%(kind)s: description (optional)") % {"kind": kind.label}, required=False
            )
        self.helper = _helper(_("Save the commission"))

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        resources = {
            kind.value: Resource(amount=data[f"{kind.value}_amount"], description=data[f"{kind.value}_description"])
            for kind in ResourceKind
        }
        names = ["title", "description", "priorities", "outcomes", "provider_type", "provider_name", "value"]
        return {n: data[n] for n in names} | {
            "procurement_route": data["procurement_route"],
            "indicators": data["indicators"],
            "deciders": data["deciders"],
            "quorum": data["quorum"],
            "resources": resources,
        }

    @staticmethod
    def initial_for(commission) -> dict:
        initial = {
            n: getattr(commission, n)
            for n in ["title", "description", "provider_type", "provider_name", "value", "procurement_route", "quorum"]
        }
        initial |= {
            "priorities": list(commission.priorities.all()),
            "outcomes": list(commission.outcomes.all()),
            "indicators": list(commission.indicators.all()),
            "deciders": list(commission.deciders.all()),
        }
        for resource in commission.resources.all():
            initial[f"{resource.kind}_amount"] = resource.amount
            initial[f"{resource.kind}_description"] = resource.description
        return initial


class EqualityAssessmentForm(forms.Form):
    """Nine lines, one per protected characteristic; a line left without an impact is not saved."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for c in ProtectedCharacteristic:
            self.fields[f"{c.value}_impact"] = forms.ChoiceField(
                label=_gettext("%(c)s: impact") % {"c": c.label},
                choices=[("", _gettext("Not assessed yet")), *Impact.choices],
                required=False,
            )
            self.fields[f"{c.value}_evidence"] = forms.CharField(
                label=_gettext("%(c)s: evidence") % {"c": c.label},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"{c.value}_mitigation"] = forms.CharField(
                label=_gettext("%(c)s: mitigation (needed when the impact is negative)") % {"c": c.label},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.helper = _helper(_("Save the assessment"))

    def impacts(self) -> dict[str, ImpactLine]:
        data = self.cleaned_data
        return {
            c.value: ImpactLine(data[f"{c.value}_impact"], data[f"{c.value}_evidence"], data[f"{c.value}_mitigation"])
            for c in ProtectedCharacteristic
            if data[f"{c.value}_impact"] or data[f"{c.value}_evidence"].strip()
        }

    @staticmethod
    def initial_for(commission) -> dict:
        initial = {}
        for row in commission.equality_impacts.all():
            initial |= {
                f"{row.characteristic}_impact": row.impact,
                f"{row.characteristic}_evidence": row.evidence,
                f"{row.characteristic}_mitigation": row.mitigation,
            }
        return initial


class DeclarationForm(forms.Form):
    has_interest = forms.TypedChoiceField(
        label=_("Do you have an interest to declare in this commission?"),
        choices=[("no", _("No, I have no interest to declare")), ("yes", _("Yes, I have an interest"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    description = forms.CharField(
        label=_("Describe your interest"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="declare", **kwargs)
        self.helper = _helper(_("Make your declaration"), form_tag=False)


class VoteForm(forms.Form):
    choice = forms.ChoiceField(label=_("Your vote"), choices=VoteChoice.choices, widget=forms.RadioSelect)
    reasons = forms.CharField(label=_("Your reasons (published)"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="vote", **kwargs)
        self.helper = _helper(_("Cast your vote"), form_tag=False)


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text=_("An officer checks comments before they are published."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Send your comment"), form_tag=False)


class SignOffForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Do you sign off the board's approval?"),
        choices=[("yes", _("Yes, sign it off")), ("no", _("No, refuse it"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(
        label=_("Your reasons"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_("Published in the decision log with your name."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Record the sign-off"))
