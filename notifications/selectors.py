"""Read paths for notices and preferences."""

from django.db.models import QuerySet

from notifications.models import Notification, Preference


def inbox_of(user, limit: int = 100) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at")[:limit]


def preferences_of(user) -> dict[str, Preference]:
    """The person's choices by event; an event with no row is on, straight away."""
    return {p.event: p for p in Preference.objects.filter(user=user)}
