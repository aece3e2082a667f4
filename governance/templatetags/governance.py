from django import template

from commissioning.models import CommissioningCycle, ProviderType
from governance import selectors
from governance.models import Decision, ProtectedCharacteristic, VoteChoice

register = template.Library()


@register.simple_tag
def cycle_governance(cycle: CommissioningCycle) -> dict:
    """What the public cycle page shows of its governance; the cycle page's view is not ours to change."""
    return {
        "timeline": selectors.cycle_timeline(cycle),
        "events": selectors.public_audit_for(cycle)[:50],
        "evidence": selectors.evidence_for(cycle),
        "evaluations": selectors.evaluations_for(cycle),
        "activity_count": cycle.involvement_activities.count(),
        "commissions": selectors.commissions_public().filter(cycle=cycle),
    }


@register.filter
def vote_label(value: str) -> str:
    return VoteChoice(value).label if value in VoteChoice.values else value


@register.filter
def result_label(value: str) -> str:
    return Decision.Result(value).label if value in Decision.Result.values else value


@register.filter
def characteristic_label(value: str) -> str:
    return ProtectedCharacteristic(value).label if value in ProtectedCharacteristic.values else value


@register.filter
def provider_label(value: str) -> str:
    return ProviderType(value).label if value in ProviderType.values else value


@register.filter
def audit_action(value: str) -> str:
    from governance.audit import action_label

    return action_label(value)


@register.filter
def audit_changes(event) -> list[tuple[str, str, str]]:
    """Only what changed, field by field, as (field, before, after) for people to read."""
    before, after = event.before or {}, event.after or {}
    fields = [key for key in after if before.get(key) != after.get(key)] or list(before)
    return [(key.replace("_", " "), _show(before.get(key)), _show(after.get(key))) for key in fields]


def _show(value) -> str:
    if value in (None, "", [], {}):
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    text = str(value)
    return text if len(text) <= 120 else text[:117] + "…"
