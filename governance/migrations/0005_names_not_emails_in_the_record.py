"""Decisions and the audit trail stored `str(user)`, which was the email address for anyone without
a full name. Rewrite every stored email address of an account to that account's display name.

A decision is otherwise never changed (governance.models.Decision refuses it); this is the one
correction made to the record, and it changes only how a person is named, not what they did.
"""

import re

from django.db import migrations

EMAIL = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def _names(apps) -> dict[str, str]:
    User = apps.get_model("accounts", "User")
    return {email.lower(): name for email, name in User.objects.values_list("email", "display_name")}


def _rewrite(value, names: dict[str, str]):
    if isinstance(value, str):
        return EMAIL.sub(lambda m: names.get(m.group(0).lower(), m.group(0)), value)
    if isinstance(value, list):
        return [_rewrite(item, names) for item in value]
    if isinstance(value, dict):
        return {key: _rewrite(item, names) for key, item in value.items()}
    return value


def names_not_emails(apps, schema_editor):
    names = _names(apps)
    if not names:
        return
    Decision = apps.get_model("governance", "Decision")
    for decision in Decision.objects.all().iterator():
        fields = {name: getattr(decision, name) for name in ("votes", "declarations", "commission_snapshot")}
        rewritten = {name: _rewrite(value, names) for name, value in fields.items()}
        if rewritten != fields:
            # The historical model has a plain manager: this update is the sanctioned exception.
            Decision.objects.filter(pk=decision.pk).update(**rewritten)
    AuditEvent = apps.get_model("core", "AuditEvent")
    for event in AuditEvent.objects.all().iterator():
        fields = {"object_repr": event.object_repr, "before": event.before, "after": event.after}
        rewritten = {name: _rewrite(value, names) for name, value in fields.items()}
        if rewritten != fields:
            AuditEvent.objects.filter(pk=event.pk).update(**rewritten)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_user_display_name"),
        ("core", "0001_initial"),
        ("governance", "0004_audit_trail_to_core"),
    ]

    operations = [migrations.RunPython(names_not_emails, migrations.RunPython.noop)]
