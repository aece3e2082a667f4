from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommissioningConfig(AppConfig):
    name = "commissioning"
    verbose_name = _("Commissioning")

    def ready(self) -> None:
        from citizens.ward_locks import register_ward_lock
        from commissioning import checks  # noqa: F401 - registers the start-up checks
        from commissioning.services import ward_lock
        from core.audit import describe_actions

        register_ward_lock(ward_lock)
        describe_actions(
            {
                "priority.proposed": _("Priority proposed"),
                "priority.revised": _("Priority revised by its proposer"),
                "priority.accept": _("Priority accepted for the ballot"),
                "priority.request_changes": _("Changes asked of the proposer"),
                "priority.merge": _("Priority merged into another"),
                "priority.reject": _("Priority not accepted"),
                "cycle.result_computed": _("Votes counted"),
                "ballot.assisted": _("Ballot recorded by an officer for a resident who was present"),
                "ballot.paper": _("Paper ballot counted"),
                "paper.batch_opened": _("Paper ballot batch opened"),
                "paper.entered": _("Paper ballot entered"),
                "paper.discarded": _("Paper ballot entry discarded"),
                "paper.batch_checked": _("Paper ballot batch checked and closed"),
            }
        )
