from django import template

from core.audit import action_label

register = template.Library()


@register.filter
def audit_action(value: str) -> str:
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
