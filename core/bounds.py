"""The largest whole numbers our columns hold, so no input can overflow one (PostgreSQL's ranges).

Forms and serializers declare these as max_value; services check them again with `require_within`,
because a service is also called by commands, tasks and the admin.
"""

from django.utils.translation import gettext as _

from core.errors import DomainError

SMALL_INTEGER_MAX = 32_767  # (Positive)SmallIntegerField
INTEGER_MAX = 2_147_483_647  # (Positive)IntegerField
BIG_INTEGER_MAX = 9_223_372_036_854_775_807  # BigAutoField ids, PositiveBigIntegerField


def require_within(value: int, *, low: int, high: int, code: str, field: str | None = None) -> None:
    """Refuse a number outside [low, high] with a DomainError naming the range."""
    if not low <= value <= high:
        raise DomainError(
            _("Enter a whole number from %(low)s to %(high)s.") % {"low": f"{low:,}", "high": f"{high:,}"},
            code=code,
            field=field,
        )
