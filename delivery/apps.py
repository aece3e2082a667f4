from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    name = "delivery"
    verbose_name = _("Delivery after the decision")

    def ready(self) -> None:
        from commissioning.pages import register_cycle_section
        from core.audit import describe_actions
        from delivery.selectors import cycle_delivery

        register_cycle_section(template="delivery/_cycle_delivery.html", context=cycle_delivery)
        describe_actions(
            {
                "milestone.planned": _("Milestone planned"),
                "milestone.met": _("Milestone met"),
                "milestone.missed": _("Milestone missed"),
            }
        )
