from django.http import HttpRequest

from notifications.models import Notification


def unread(request: HttpRequest) -> dict:
    """The bell's count, read lazily so pages that never show the header pay nothing."""
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {}
    return {"unread_notifications": lambda: Notification.objects.filter(recipient=user, read_at__isnull=True).count()}
