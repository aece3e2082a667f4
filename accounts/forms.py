"""Sign-up asks for the name others will see, so nobody is ever shown by their email address."""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import DISPLAY_NAME_MAX_LENGTH
from accounts.services import display_name_update


class SignupForm(AllauthSignupForm):
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=DISPLAY_NAME_MAX_LENGTH,
        help_text=_("How others will see you, for example beside your comments. You can change it later."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )

    field_order = ["email", "display_name", "password1", "password2"]

    def custom_signup(self, request, user) -> None:
        display_name_update(user=user, display_name=self.cleaned_data["display_name"])
