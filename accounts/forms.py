"""allauth's forms with our wording: GOV.UK sentence case, plain words, no placeholders standing in for labels.

Sign-up also asks for the name others will see, so nobody is ever shown by their email address.
"""

from allauth.account import forms as allauth_forms
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import DISPLAY_NAME_MAX_LENGTH
from accounts.services import display_name_update


def _relabel(form, labels: dict) -> None:
    for name, label in labels.items():
        field = form.fields.get(name)
        if field is not None:
            field.label = label
            field.widget.attrs.pop("placeholder", None)


class LoginForm(allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, {"login": _("Email address"), "password": _("Password"), "remember": _("Remember me")})


class SignupForm(allauth_forms.SignupForm):
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=DISPLAY_NAME_MAX_LENGTH,
        help_text=_("How others will see you, for example beside your comments. You can change it later."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )

    field_order = ["email", "display_name", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(
            self, {"email": _("Email address"), "password1": _("Password"), "password2": _("Confirm your password")}
        )

    def custom_signup(self, request, user) -> None:
        display_name_update(user=user, display_name=self.cleaned_data["display_name"])


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, {"email": _("Email address")})


class ResetPasswordKeyForm(allauth_forms.ResetPasswordKeyForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, {"password1": _("New password"), "password2": _("Confirm your new password")})


class ChangePasswordForm(allauth_forms.ChangePasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(
            self,
            {
                "oldpassword": _("Current password"),
                "password1": _("New password"),
                "password2": _("Confirm your new password"),
            },
        )


class SetPasswordForm(allauth_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, {"password1": _("Password"), "password2": _("Confirm your password")})


class AddEmailForm(allauth_forms.AddEmailForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, {"email": _("Email address")})
