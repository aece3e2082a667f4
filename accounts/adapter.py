"""allauth's hooks: addresses that can never be delivered to are neither signed up with nor written to."""

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.utils.translation import gettext as _

from accounts.models import CLOSED_EMAIL_DOMAIN, NO_EMAIL_DOMAIN

RESERVED_DOMAINS = (CLOSED_EMAIL_DOMAIN, NO_EMAIL_DOMAIN)


def is_reserved_address(email: str) -> bool:
    return email.strip().lower().rsplit("@", 1)[-1] in RESERVED_DOMAINS


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email: str) -> str:
        email = super().clean_email(email)
        if is_reserved_address(email):
            raise forms.ValidationError(_("Enter an email address you can receive email at."))
        return email

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # A closed account, or a resident registered in person without an email address: nobody reads it.
        if is_reserved_address(email):
            return
        super().send_mail(template_prefix, email, context)
