import re

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role

DISPLAY_NAME_MAX_LENGTH = 80


def fallback_display_name(role: str, pk: int | None) -> str:
    """The name shown for someone who has not chosen one ("Resident 123"): never their email address."""
    label = Role(role).label if role in Role.values else Role.RESIDENT.label
    return _("%(role)s %(number)s") % {"role": label, "number": pk or ""}


# A closed account's address: `.invalid` can never be delivered to or registered (RFC 2606).
CLOSED_EMAIL_DOMAIN = "closed.invalid"
# The address of a resident registered in person who has no email address: never delivered to either.
NO_EMAIL_DOMAIN = "no-email.invalid"
# A resident reference is read out and typed by hand: no 0/O, 1/I/L, 5/S or 2/Z.
REFERENCE_ALPHABET = "346789ABCDEFGHJKMNPQRTUVWXY"
REFERENCE_LENGTH = 8


def normalise_reference(text: str) -> str:
    """ "k7ab-3cde", "K7AB 3CDE" and "K7AB3CDE" are the same reference."""
    return re.sub(r"[^A-Z0-9]", "", text.upper())


def reference_for_print(reference: str) -> str:
    """Grouped in fours, as printed and read out: K7AB-3CDE."""
    return "-".join(reference[i : i + 4] for i in range(0, len(reference), 4))


class UserManager(BaseUserManager):
    """Email is the login; there is no username."""

    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def voter_for(self, text: str):
        """The active account an officer means by an email address or a resident reference, or None."""
        text = text.strip()
        if "@" in text:
            return self.filter(email__iexact=text, is_active=True).first()
        reference = normalise_reference(text)
        if not reference:
            return None
        return self.filter(resident_reference=reference, is_active=True).first()

    def create_superuser(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("role", Role.ADMINISTRATOR)
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account. Their role decides what they may do; see accounts/rules.py."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    display_name = models.CharField(
        _("display name"),
        max_length=DISPLAY_NAME_MAX_LENGTH,
        blank=True,
        help_text=_("How you are named wherever others can see what you wrote or did."),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.RESIDENT)
    resident_reference = models.CharField(
        _("resident reference"),
        max_length=REFERENCE_LENGTH,
        null=True,
        blank=True,
        editable=False,
        help_text=_("Given to a resident registered in person who has no email address, to find them by."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        constraints = [
            models.CheckConstraint(condition=models.Q(role__in=Role.values), name="user_role_valid"),
            models.UniqueConstraint(fields=["resident_reference"], name="user_resident_reference_unique"),
            # Only an account without an email address has a reference; it is how officers find it.
            models.CheckConstraint(
                condition=models.Q(resident_reference__isnull=True) | models.Q(email__endswith="@" + NO_EMAIL_DOMAIN),
                name="user_reference_only_without_email",
            ),
        ]

    def __str__(self) -> str:
        if self.is_closed:
            return str(_("a former resident"))
        # Shown to others on public pages, the API and the decision log: never the email address.
        return self.display_name or fallback_display_name(self.role, self.pk)

    @property
    def is_closed(self) -> bool:
        """Closed by its owner (accounts.closure): nothing about the person is left on it."""
        return self.email.endswith("@" + CLOSED_EMAIL_DOMAIN)

    @property
    def has_no_email(self) -> bool:
        """Registered in person without an email address (verification): cannot sign in, is never emailed."""
        return self.email.endswith("@" + NO_EMAIL_DOMAIN)

    @property
    def can_be_emailed(self) -> bool:
        return not (self.has_no_email or self.is_closed)

    @property
    def reference_for_print(self) -> str:
        return reference_for_print(self.resident_reference or "")

    def get_full_name(self) -> str:
        return self.full_name or str(self)

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else str(self)

    @property
    def is_officer(self) -> bool:
        return self.role == Role.OFFICER

    @property
    def is_councillor(self) -> bool:
        return self.role == Role.COUNCILLOR

    @property
    def is_administrator(self) -> bool:
        return self.role == Role.ADMINISTRATOR
