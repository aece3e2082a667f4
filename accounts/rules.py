"""Role predicates and the platform-wide permissions built on them.

django-rules lets each permission be declared once and checked the same way by pages
(`permission_required`), templates (`{% has_perm %}`) and the API (`accounts.api.HasPermission`).
Per-object permissions of a domain app live in that app's rules.py, built from these predicates.
"""

import rules

from accounts.roles import Role


def _has_role(role: str):
    @rules.predicate(name=f"is_{role}")
    def predicate(user) -> bool:
        return bool(user and user.is_authenticated and user.is_active and user.role == role)

    return predicate


is_resident = _has_role(Role.RESIDENT)
is_officer = _has_role(Role.OFFICER)
is_councillor = _has_role(Role.COUNCILLOR)
is_administrator = _has_role(Role.ADMINISTRATOR)
is_signed_in = rules.is_authenticated & rules.is_active

# Officers run cycles; administrators can do anything officers can.
is_staff_officer = is_officer | is_administrator
is_decision_maker = is_councillor | is_administrator

rules.add_perm("accounts.view_own_account", is_signed_in)
