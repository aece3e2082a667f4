from allauth.account.models import EmailAddress
from django.db import transaction

from accounts.models import DISPLAY_NAME_MAX_LENGTH, User
from accounts.roles import Role


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
