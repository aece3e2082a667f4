from allauth.account.models import EmailAddress
from django.db import transaction

from accounts.models import User
from accounts.roles import Role


@transaction.atomic
def user_create(
    *, email: str, password: str | None, role: str = Role.RESIDENT, full_name: str = "", email_verified: bool = False
) -> User:
    """Create a user with a role; administrators get Django admin access, nobody else does."""
    is_admin = role == Role.ADMINISTRATOR
    user = User.objects.create_user(
        email=email, password=password, role=role, full_name=full_name, is_staff=is_admin, is_superuser=is_admin
    )
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=email_verified)
    return user
