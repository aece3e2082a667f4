from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from accounts.closure import register_eraser
        from notifications.services import personal_data_erase

        register_eraser(personal_data_erase)
