from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from questions.models import ModerationReason, ServiceArea


class _Inline(forms.Form):
    """A form rendered inside a <form> of the page's own, whose buttons say which action it is."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class QuestionForm(forms.Form):
    service_area = forms.ChoiceField(label=_("Which service is it about?"), choices=ServiceArea.choices)
    title = forms.CharField(label=_("Your question in a sentence"), max_length=200)
    body = forms.CharField(
        label=_("More detail (optional)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
        help_text=_(
            "Your question and the answer are public, without your name. Do not include anyone's personal "
            "details: an officer checks every question before it is published."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Ask the question")))


class ModerationForm(_Inline):
    reason = forms.ChoiceField(
        label=_("Reason it is not published"), choices=[("", ""), *list(ModerationReason.choices)], required=False
    )
    note = forms.CharField(
        label=_("Note to the person who asked (optional)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class AnswerForm(_Inline):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 6}))
