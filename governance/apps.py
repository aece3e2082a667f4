from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Governance")

    def ready(self) -> None:
        from commissioning.pages import register_cycle_section
        from core.audit import describe_actions
        from governance.selectors import cycle_public_record

        register_cycle_section(template="governance/_cycle_governance.html", context=cycle_public_record)
        describe_actions(
            {
                "cycle.stage_moved": _("Cycle moved to its next stage"),
                "cycle.stage_moved_with_override": _(
                    "Cycle moved on without logged involvement (override, with reason)"
                ),
                "involvement.logged": _("Involvement activity logged"),
                "evidence.added": _("Evidence of need added"),
                "evaluation.recorded": _("Evaluation recorded"),
                "commission.drafted": _("Commission drafted"),
                "commission.changed": _("Commission changed"),
                "commission.equality_assessed": _("Equality impact assessed"),
                "commission.submitted": _("Commission submitted for decision"),
                "commission.deciders_added": _("Councillors added to decide a commission"),
                "commission.interest_declared": _("Councillor declared interests"),
                "commission.vote_cast": _("Councillor voted"),
                "commission.approved": _("Commission approved"),
                "commission.rejected": _("Commission rejected"),
                "commission.returned": _("Commission returned for changes"),
                "commission.signed_off": _("Council signed off the board's approval"),
                "commission.signoff_refused": _("Council refused to sign off the board's approval"),
                "comment.written": _("Scrutiny comment written"),
                "comment.published": _("Scrutiny comment published"),
                "comment.hidden": _("Scrutiny comment hidden"),
            }
        )
