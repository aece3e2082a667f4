"""Closing an account (UK GDPR, right to erasure): personal data erased, the record kept anonymous.

Each app knows what it holds about a person, so each registers an eraser from its AppConfig.ready();
`account_close` runs them all in one transaction, then empties the account itself. The user row stays,
emptied and inactive, so what must outlive the person stays whole without naming them: ballots are
still counted (their receipt codes still find them in the public file), comments stay under "a
former resident", and an identity that verified the account cannot verify another while that
account's ballots stand.
"""

from collections.abc import Callable

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from accounts.models import CLOSED_EMAIL_DOMAIN, User
from accounts.roles import Role
from core import audit
from core.errors import DomainError

Eraser = Callable[[User], None]
_erasers: list[Eraser] = []


def register_eraser(eraser: Eraser) -> None:
    """`eraser(user)` deletes or anonymises what its app holds about that person."""
    if eraser not in _erasers:
        _erasers.append(eraser)


@transaction.atomic
def account_close(*, user: User) -> User:
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.is_active:
        raise DomainError(_("This account is already closed."), code="already_closed")
    if user.role != Role.RESIDENT:
        # Officers' and councillors' names stay on the decisions they took; an administrator ends their access.
        raise DomainError(
            _("Staff and councillor accounts are closed by an administrator."), code="not_a_resident_account"
        )
    for eraser in _erasers:
        eraser(user)
    EmailAddress.objects.filter(user=user).delete()
    Token.objects.filter(user=user).delete()
    user.email = f"closed-{user.pk}@{CLOSED_EMAIL_DOMAIN}"
    user.full_name = ""
    user.resident_reference = None
    user.is_active = False
    user.last_login = None
    user.set_unusable_password()
    user.save()
    audit.record(actor=None, obj=user, action="account.closed")
    return user
