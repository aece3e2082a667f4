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


class VoterForm(forms.Form):
    """Who the ballot belongs to, found by the email address of their account."""

    voter_email = forms.EmailField(
        label=_("The resident's email address"),
        help_text=_("The address of their account. They must have an account to vote."),
    )

    def clean_voter_email(self):
        from accounts.models import User

        email = self.cleaned_data["voter_email"].strip().lower()
        voter = User.objects.filter(email__iexact=email, is_active=True).first()
        if voter is None:
            raise forms.ValidationError(_("No account has this email address. Check it with the resident."))
        self.voter = voter
        return email


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
    field_order = ["serial", "voter_email"]


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
