from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from commissioning.models import IdentityCheck, PaperBatch, Priority
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


# --- The assistant that sets a cycle up: one question page per step ---------------------------------

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class _StepForm(forms.Form):
    """A question page's form: one submit button, labels as the page's question where there is one field."""

    submit_label = _("Save and continue")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", self.submit_label))


def _when(label, help_text, required=False):
    return forms.DateTimeField(
        label=label,
        required=required,
        help_text=help_text,
        input_formats=[DATETIME_FORMAT],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
    )


class CyclePurposeForm(_StepForm):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("A short name residents will recognise, such as “Youth services 2026”."),
    )
    summary = forms.CharField(
        label=_("What is the cycle for?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Residents read this first. Say what the money is for and who it should help."),
    )


class CycleScopeForm(_StepForm):
    scope = forms.ChoiceField(label=_("Who takes part?"), widget=forms.RadioSelect)
    wards = forms.ModelMultipleChoiceField(
        label=_("Which wards?"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only if the cycle is for particular wards."),
    )
    cooperative = forms.ModelChoiceField(
        label=_("Which co-operative?"),
        queryset=None,
        required=False,
        help_text=_("Only if the cycle is for a co-operative's members."),
    )
    issue = forms.ModelChoiceField(
        label=_("Which issue?"),
        queryset=None,
        required=False,
        help_text=_("Only if the cycle is about one issue across wards: the outcome it is about."),
    )
    assurance = forms.ChoiceField(label=_("Who may vote?"), widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        from crispy_forms_gds.choices import Choice

        from citizens.models import Cooperative, Ward
        from commissioning.models import Assurance, Scope

        hints = {
            Scope.BOROUGH: _("Every resident of the borough can propose and vote."),
            Scope.WARDS: _("Residents of the wards you choose."),
            Scope.COOPERATIVE: _("Active members of one co-operative. Its board can decide the commissions."),
            Scope.ISSUE: _(
                "Everyone affected by one issue, wherever they live, as community-led commissioning by issue asks."
            ),
        }
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = [Choice(value, label, hint=hints[value]) for value, label in Scope.choices]
        assurance_hints = {
            Assurance.EMAIL: _("For a consultation: anyone who has confirmed their email address."),
            Assurance.RESIDENT: _(
                "For a binding vote: residents checked against the register, by a voting code or in person, "
                "one vote each. In a ward cycle, the ward they were checked in counts."
            ),
        }
        self.fields["assurance"].choices = [
            Choice(value, label, hint=assurance_hints[value]) for value, label in Assurance.choices
        ]
        self.fields["wards"].queryset = Ward.objects.order_by("name")
        self.fields["cooperative"].queryset = Cooperative.objects.order_by("name")
        self.fields["issue"].queryset = Outcome.objects.order_by("title")

    def clean(self):
        data = super().clean()
        scope = data.get("scope")
        if scope == "wards" and not data.get("wards"):
            self.add_error("wards", _("Choose at least one ward."))
        if scope == "cooperative" and not data.get("cooperative"):
            self.add_error("cooperative", _("Choose the co-operative."))
        if scope == "issue" and not data.get("issue"):
            self.add_error("issue", _("Choose the issue the cycle is about."))
        return data


class CycleOutcomesForm(_StepForm):
    outcomes = forms.ModelMultipleChoiceField(
        label=_("Which outcomes does the cycle work towards?"),
        queryset=Outcome.objects.order_by("title"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose all that apply. Reports follow these outcomes' indicators."),
        error_messages={"required": _("Choose at least one outcome.")},
    )


class CycleBudgetForm(_StepForm):
    budget = forms.DecimalField(
        label=_("What is the budget, in pounds?"),
        min_value=1,
        max_digits=12,
        decimal_places=2,
        help_text=_("The money the vote shares out. For example, 250000."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}),
        error_messages={"required": _("Enter the budget.")},
    )


class CycleWindowsForm(_StepForm):
    proposals_open_at = _when(_("Proposals open"), _("Leave both proposal times empty if officers set the ballot."))
    proposals_close_at = _when(_("Proposals close"), _("Proposals must close before voting opens."))
    voting_opens_at = _when(_("Voting opens"), _("For example, 1 March at 09:00."), required=True)
    voting_closes_at = _when(_("Voting closes"), _("Residents can change their vote until then."), required=True)

    def clean(self):
        data = super().clean()
        if bool(data.get("proposals_open_at")) != bool(data.get("proposals_close_at")):
            self.add_error("proposals_close_at", _("Enter both when proposals open and when they close, or neither."))
        return data


class CycleBallotForm(_StepForm):
    ballot_type = forms.ChoiceField(label=_("How do residents vote?"), widget=forms.RadioSelect)
    max_choices = forms.IntegerField(
        label=_("Most priorities a ballot may choose or rank (optional)"),
        required=False,
        min_value=1,
        max_value=500,
        help_text=_("Leave empty for no limit."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
    )
    points_per_voter = forms.IntegerField(
        label=_("Points each voter shares out"),
        required=False,
        min_value=1,
        max_value=1000,
        help_text=_("For points ballots only."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
    )

    def __init__(self, *args, **kwargs):
        from crispy_forms_gds.choices import Choice

        from commissioning.explanations import BALLOT_SENTENCES
        from commissioning.models import BallotType

        super().__init__(*args, **kwargs)
        self.fields["ballot_type"].choices = [
            Choice(value, label, hint=BALLOT_SENTENCES[value]) for value, label in BallotType.choices
        ]

    def clean(self):
        data = super().clean()
        if data.get("ballot_type") == "cumulative" and not data.get("points_per_voter"):
            self.add_error("points_per_voter", _("Say how many points each voter shares out."))
        if data.get("ballot_type") != "cumulative":
            data["points_per_voter"] = None
        return data


class CycleCountingForm(_StepForm):
    counting_rule = forms.ChoiceField(label=_("How are the votes counted?"), widget=forms.RadioSelect)
    minimum_support = forms.IntegerField(
        label=_("Minimum support to be funded"),
        required=False,
        min_value=1,
        help_text=_("For the minimum-support rule only: the fewest votes (or points) a priority needs."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-5"}),
    )

    def __init__(self, *args, **kwargs):
        from crispy_forms_gds.choices import Choice

        from commissioning.explanations import RULE_SENTENCES
        from commissioning.models import CountingRule

        super().__init__(*args, **kwargs)
        self.fields["counting_rule"].choices = [
            Choice(value, label, hint=RULE_SENTENCES[value]) for value, label in CountingRule.choices
        ]

    def clean(self):
        data = super().clean()
        if data.get("counting_rule") == "greedy_threshold" and not data.get("minimum_support"):
            self.add_error("minimum_support", _("Say how much support a priority needs to be funded."))
        if data.get("counting_rule") != "greedy_threshold":
            data["minimum_support"] = None
        return data


class WindowExtendForm(_StepForm):
    submit_label = _("Extend the window")
    window = forms.ChoiceField(
        label=_("Which window?"),
        widget=forms.RadioSelect,
        choices=[("proposals", _("Proposals")), ("voting", _("Voting"))],
    )
    closes_at = _when(_("New closing time"), _("Must be later than it closes now."), required=True)
    reason = forms.CharField(
        label=_("Reason residents will see"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class CloseVotingForm(_StepForm):
    submit_label = _("Close voting now")
    reason = forms.CharField(
        label=_("Reason residents will see"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The ballots cast so far are final and will be counted."),
    )


CYCLE_STEPS = {
    "purpose": (CyclePurposeForm, _("What is the cycle for?"), ("title", "summary")),
    "scope": (CycleScopeForm, _("Who takes part?"), ("scope", "wards", "cooperative", "issue", "assurance")),
    "outcomes": (CycleOutcomesForm, _("Outcomes"), ("outcomes",)),
    "budget": (CycleBudgetForm, _("Budget"), ("budget",)),
    "windows": (
        CycleWindowsForm,
        _("When can residents propose and vote?"),
        ("proposals_open_at", "proposals_close_at", "voting_opens_at", "voting_closes_at"),
    ),
    "ballot": (CycleBallotForm, _("Ballot"), ("ballot_type", "max_choices", "points_per_voter")),
    "counting": (CycleCountingForm, _("Counting rule"), ("counting_rule", "minimum_support")),
}
"""The assistant's question pages in order: form, page heading, the cycle fields it sets."""


class VoterForm(forms.Form):
    """Who the ballot belongs to: the email address of their account, or the resident reference of a
    resident registered in person without one (`verification`)."""

    voter = forms.CharField(
        label=_("The resident's email address or resident reference"),
        max_length=254,
        help_text=_(
            "The address of their account, or the reference an officer gave them if they have no email "
            "address, for example K7AB-3CDE."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_voter(self):
        from accounts.models import User

        text = self.cleaned_data["voter"].strip()
        voter = User.objects.voter_for(text)
        if voter is None:
            raise forms.ValidationError(
                _("No account has this email address or resident reference. Check it with the resident.")
            )
        self.voter = voter
        return text


class AssistedBallotForm(VoterForm):
    identity_check = forms.ChoiceField(
        label=_("How did you check who they are?"), choices=IdentityCheck.choices, widget=forms.RadioSelect
    )
    consent = forms.BooleanField(
        label=_("The resident is here, chose these priorities themselves, and agrees to me recording their vote"),
    )


class PaperEntryForm(VoterForm):
    serial = forms.IntegerField(
        label=_("Serial number"),
        min_value=1,
        help_text=_("Printed at the top right of the paper."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    field_order = ["serial", "voter"]


class PaperBatchForm(forms.Form):
    label = forms.CharField(label=_("Batch name"), max_length=100, help_text=_("For example: Brixton Library, 3 June."))
    check_method = forms.ChoiceField(
        label=_("How will you check the entry?"), choices=PaperBatch.Check.choices, widget=forms.RadioSelect
    )
    declared_total = forms.IntegerField(
        label=_("Number of papers in the batch"),
        min_value=1,
        required=False,
        help_text=_("Needed when each paper is entered once. Count the papers by hand."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Open the batch")))


class BallotPaperForm(forms.Form):
    first_serial = forms.IntegerField(
        label=_("First serial number"), min_value=1, initial=1, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    count = forms.IntegerField(
        label=_("How many papers"),
        min_value=1,
        max_value=500,
        initial=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    size = forms.ChoiceField(
        label=_("Print size"),
        choices=[("normal", _("Standard print")), ("large", _("Large print (18 point)"))],
        initial="normal",
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(label=_("Language"), choices=())

    def __init__(self, *args, **kwargs):
        from django.conf import settings

        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [(code, name) for code, name in settings.LANGUAGES]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.add_input(Submit("submit", _("Download the ballot papers (PDF)")))
