from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommissioningConfig(AppConfig):
    name = "commissioning"
    verbose_name = _("Commissioning")

    def ready(self) -> None:
        from accounts.closure import register_eraser
        from citizens.ward_locks import register_ward_lock
        from commissioning import checks  # noqa: F401 - registers the start-up checks
        from commissioning.services import personal_data_erase, ward_lock
        from core.audit import describe_actions

        register_ward_lock(ward_lock)
        register_eraser(personal_data_erase)
        describe_actions(
            {
                "priority.proposed": _("Priority proposed"),
                "priority.revised": _("Priority revised by its proposer"),
                "priority.accept": _("Priority accepted for the ballot"),
                "priority.request_changes": _("Changes asked of the proposer"),
                "priority.merge": _("Priority merged into another"),
                "priority.reject": _("Priority not accepted"),
                "cycle.result_computed": _("Votes counted"),
                "cycle.created": _("Cycle started as a draft"),
                "cycle.updated": _("Cycle set-up changed"),
                "cycle.published": _("Cycle published"),
                "cycle.proposals_extended": _("Proposals window extended"),
                "cycle.voting_extended": _("Voting window extended"),
                "cycle.voting_closed_early": _("Voting closed early"),
                "cycle.results_published": _("Results published"),
                "cycle.archived": _("Cycle archived"),
                "ballot.assisted": _("Ballot recorded by an officer for a resident who was present"),
                "ballot.paper": _("Paper ballot counted"),
                "paper.batch_opened": _("Paper ballot batch opened"),
                "paper.entered": _("Paper ballot entered"),
                "paper.discarded": _("Paper ballot entry discarded"),
                "paper.batch_checked": _("Paper ballot batch checked and closed"),
            }
        )
