from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitizensConfig(AppConfig):
    name = "citizens"
    verbose_name = _("Residents, wards and co-operatives")

    def ready(self) -> None:
        from accounts.closure import register_eraser
        from citizens.services import personal_data_erase
        from core.audit import describe_actions

        register_eraser(personal_data_erase)
        describe_actions(
            {
                "membership.approved": _("Membership approved"),
                "membership.rejected": _("Membership application not accepted"),
                "membership.renewed": _("Membership renewed"),
                "membership.left": _("Member left"),
                "membership.lapsed": _("Membership lapsed: not renewed"),
                "board.seated": _("Board member seated"),
                "board.stood_down": _("Board member stood down"),
                "cooperative.signoff_set": _("Council sign-off threshold set"),
            }
        )
