import secrets

from allauth.account.models import EmailAddress
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import (
    DISPLAY_NAME_MAX_LENGTH,
    NO_EMAIL_DOMAIN,
    REFERENCE_ALPHABET,
    REFERENCE_LENGTH,
    User,
)
from accounts.roles import Role
from core.errors import DomainError


@transaction.atomic
def user_create(
    *,
    email: str,
    password: str | None,
    role: str = Role.RESIDENT,
    full_name: str = "",
    display_name: str = "",
    email_verified: bool = False,
) -> User:
    """Create a user with a role; administrators get Django admin access, nobody else does."""
    is_admin = role == Role.ADMINISTRATOR
    user = User.objects.create_user(
        email=email,
        password=password,
        role=role,
        full_name=full_name,
        display_name=display_name or full_name[:DISPLAY_NAME_MAX_LENGTH],
        is_staff=is_admin,
        is_superuser=is_admin,
    )
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=email_verified)
    return user


@transaction.atomic
def display_name_update(*, user: User, display_name: str) -> User:
    """Change the name others see; the email address stays private whatever is chosen."""
    user.display_name = display_name.strip()[:DISPLAY_NAME_MAX_LENGTH]
    user.save(update_fields=["display_name"])
    return user


def _new_reference() -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


@transaction.atomic
def user_without_email_create(*, display_name: str) -> User:
    """A resident's account with no email address (made by an officer in person, see verification).

    Its address is reserved and can never be delivered to (`.invalid`, RFC 2606), it has no usable
    password, so nobody can sign in to it, and no EmailAddress row, so allauth never writes to it.
    The resident reference (unique, a database constraint) is how officers find it again.
    """
    display_name = display_name.strip()[:DISPLAY_NAME_MAX_LENGTH]
    if not display_name:
        raise DomainError(
            _("Enter the name the resident wants to be known by."), code="name_required", field="display_name"
        )
    for _attempt in range(5):
        reference = _new_reference()
        try:
            with transaction.atomic():
                user = User(
                    email=f"resident-{reference.lower()}@{NO_EMAIL_DOMAIN}",
                    display_name=display_name,
                    full_name=display_name,
                    role=Role.RESIDENT,
                    resident_reference=reference,
                )
                user.set_unusable_password()
                user.save()
                return user
        except IntegrityError:  # the reference was taken: one chance in billions, so try another
            continue
    raise DomainError(_("No resident reference could be made. Try again."), code="reference_unavailable")
