"""allauth's forms with our wording: GOV.UK sentence case, plain words, no placeholders standing in for labels."""

from allauth.account import forms as allauth_forms
from django.utils.translation import gettext_lazy as _


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
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(
            self, {"email": _("Email address"), "password1": _("Password"), "password2": _("Confirm your password")}
        )


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
