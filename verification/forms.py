from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Size, Submit
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.models import DISPLAY_NAME_MAX_LENGTH, User
from citizens.models import Cooperative, Ward
from verification.models import Document, RegisterSource

DATE_FORMATS = ["%d/%m/%Y", "%d %m %Y", "%d-%m-%Y", "%Y-%m-%d"]


def _helper(label: str) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("submit", label))
    helper.label_size = Size.SMALL
    return helper


def _date_of_birth(label) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        help_text=_("For example, 27/03/1985"),
        widget=forms.TextInput(attrs={"autocomplete": "bday", "class": "govuk-input--width-10"}),
        error_messages={"invalid": _("Enter a date of birth as day, month and year, for example 27/03/1985.")},
    )


def _postcode(label) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "class": "govuk-input--width-10"}),
    )


class RegisterMatchForm(forms.Form):
    surname = forms.CharField(
        label=_("Surname"),
        max_length=100,
        help_text=_("As it is on the electoral register or your council tax bill."),
        widget=forms.TextInput(attrs={"autocomplete": "family-name", "spellcheck": "false"}),
    )
    date_of_birth = _date_of_birth(_("Date of birth"))
    postcode = _postcode(_("Postcode of your home"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Check my details"))


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Voting code"),
        max_length=20,
        help_text=_("12 letters and numbers from your letter, for example 4CXM-TR9P-KH7W."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "class": "govuk-input--width-20"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Use my code"))


class RegisterUploadForm(forms.Form):
    source = forms.ChoiceField(label=_("What the extract is"), choices=RegisterSource.choices)
    extract = forms.FileField(
        label=_("Extract (CSV)"),
        help_text=_("Columns: surname, date_of_birth, postcode, ward. The file itself is not kept."),
    )
    retention_days = forms.IntegerField(
        label=_("Delete the extract after this many days"),
        min_value=1,
        initial=settings.REGISTER_RETENTION_DAYS,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["retention_days"].max_value = settings.REGISTER_RETENTION_DAYS_MAX
        self.helper = _helper(_("Upload the extract"))


class CodeBatchForm(forms.Form):
    ward = forms.ModelChoiceField(
        label=_("Ward"), queryset=Ward.objects.all(), required=False, empty_label=_("Choose a ward")
    )
    cooperative = forms.ModelChoiceField(
        label=_("Or a co-operative"),
        queryset=Cooperative.objects.all(),
        required=False,
        empty_label=_("Choose a co-operative"),
    )
    size = forms.IntegerField(
        label=_("Number of letters"),
        min_value=1,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-5"}),
    )
    language = forms.ChoiceField(label=_("Language of the letters"), choices=settings.LANGUAGES)
    large_print = forms.BooleanField(label=_("Large print"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["size"].max_value = settings.VOTING_CODE_PRINT_RUN_MAX
        self.fields["size"].help_text = _(
            "Up to %(now)s letters come straight back as one PDF. More are made in the background, "
            "in files of %(per_file)s, ready to download when done."
        ) % {"now": f"{settings.VOTING_CODE_BATCH_MAX:,}", "per_file": f"{settings.VOTING_LETTERS_PER_FILE:,}"}
        self.helper = _helper(_("Make the letters (PDF)"))

    def clean(self):
        data = super().clean()
        if bool(data.get("ward")) == bool(data.get("cooperative")):
            raise forms.ValidationError(_("Choose a ward or a co-operative, not both."))
        return data


class _SeenDocumentForm(forms.Form):
    """The details an officer copies from a document they have seen, and the ward of its address."""

    document = forms.ChoiceField(label=_("Document you saw"), choices=[("", ""), *Document.choices])
    surname = forms.CharField(label=_("Surname on the document"), max_length=100)
    date_of_birth = _date_of_birth(_("Date of birth on the document"))
    postcode = _postcode(_("Postcode on the document"))
    ward = forms.ModelChoiceField(label=_("Ward of that address"), queryset=Ward.objects.all())


class InPersonForm(_SeenDocumentForm):
    email = forms.EmailField(label=_("Resident's email address"), help_text=_("The one they sign in with."))
    field_order = ["email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Record the check"))

    def clean_email(self):
        user = User.objects.filter(email__iexact=self.cleaned_data["email"], is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No account has this email address. Ask the resident to sign up first."))
        self.cleaned_data["user"] = user
        return self.cleaned_data["email"]


class NoEmailResidentForm(_SeenDocumentForm):
    """A resident with no email address, registered by an officer who has seen a document."""

    display_name = forms.CharField(
        label=_("Name the resident wants to be known by"),
        max_length=DISPLAY_NAME_MAX_LENGTH,
        help_text=_("Shown wherever others see what they did. It can be a first name only."),
    )
    field_order = ["display_name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Register the resident"))


class ConflictReviewForm(forms.Form):
    note = forms.CharField(label=_("What you found"), widget=forms.Textarea(attrs={"rows": 2}))
