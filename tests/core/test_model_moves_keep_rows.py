"""The move of commissions, resources and involvement to governance, of follows to commissioning and
of the audit trail to core keeps every row: a database filled by the demo goes back to the schema
before the move and forward again, and rows written under the old schema arrive in the new one."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from demo.seed import seed_demo

BEFORE_THE_MOVE = [
    ("commissioning", "0003_counting_rule_wieliczka"),
    ("governance", "0001_initial"),
    ("notifications", "0001_initial"),
    ("core", None),
]
# (app and model before the move, app and model after it)
MOVED = [
    ("commissioning.Commission", "governance.Commission"),
    ("commissioning.ResourceAllocation", "governance.ResourceAllocation"),
    ("commissioning.InvolvementActivity", "governance.InvolvementActivity"),
    ("notifications.Follow", "commissioning.Follow"),
    ("governance.AuditEvent", "core.AuditEvent"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    executor = MigrationExecutor(connection)
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _rows(apps, label: str) -> list[int]:
    return sorted(apps.get_model(label).objects.values_list("pk", flat=True))


def _commission_links(apps, label: str) -> dict[int, tuple]:
    Commission = apps.get_model(label)
    return {
        c.pk: (
            sorted(c.priorities.values_list("pk", flat=True)),
            sorted(c.deciders.values_list("pk", flat=True)),
            sorted(c.outcomes.values_list("pk", flat=True)),
            sorted(c.resources.values_list("kind", flat=True)),
            sorted(c.equality_impacts.values_list("characteristic", flat=True)),
            c.cycle_id,
        )
        for c in Commission.objects.all()
    }


@pytest.mark.django_db(transaction=True)
def test_demo_rows_survive_the_move_back_and_forward():
    seed_demo()
    from django.apps import apps as current

    before = {new: _rows(current, new) for _old, new in MOVED}
    links = _commission_links(current, "governance.Commission")
    wards = {
        a.pk: sorted(a.wards.values_list("pk", flat=True))
        for a in current.get_model("governance.InvolvementActivity").objects.all()
    }
    assert before["governance.Commission"] and before["core.AuditEvent"] and before["governance.InvolvementActivity"]

    try:
        old = _migrate(BEFORE_THE_MOVE)
        assert {new: _rows(old, old_label) for old_label, new in MOVED} == before
        assert _commission_links(old, "commissioning.Commission") == links
        in_cycles = old.get_model("governance.AuditEvent").objects.filter(cycle__isnull=False).count()
        assert in_cycles > 0
    finally:
        new = _migrate(_latest())

    assert {label: _rows(new, label) for _old, label in MOVED} == before
    assert _commission_links(new, "governance.Commission") == links
    Activity = new.get_model("governance.InvolvementActivity")
    assert {a.pk: sorted(a.wards.values_list("pk", flat=True)) for a in Activity.objects.all()} == wards
    assert new.get_model("core.AuditEvent").objects.filter(context_id__isnull=False).count() == in_cycles


@pytest.mark.django_db(transaction=True)
def test_rows_written_before_the_move_arrive_in_their_new_home():
    seed_demo()
    try:
        old = _migrate(BEFORE_THE_MOVE)
        Cycle = old.get_model("commissioning.CommissioningCycle")
        User = old.get_model("accounts.User")
        cycle = Cycle.objects.order_by("pk").first()
        officer = User.objects.get(email="officer@example.org")
        councillor = User.objects.get(email="councillor@example.org")
        commission = old.get_model("commissioning.Commission").objects.create(
            cycle=cycle,
            title="Written before the move",
            description="Kept as it was.",
            provider_type="cooperative",
            value=1000,
            drafted_by=officer,
        )
        commission.deciders.add(councillor)
        old.get_model("commissioning.ResourceAllocation").objects.create(
            commission=commission, kind="knowledge", description="Youth workers' know-how"
        )
        old.get_model("notifications.Follow").objects.create(user=councillor, cycle=cycle)
        old.get_model("governance.AuditEvent").objects.create(
            actor=officer,
            object_type="commissioning.commission",
            object_id=str(commission.pk),
            object_repr=commission.title,
            cycle=cycle,
            action="commission.drafted",
        )
    finally:
        new = _migrate(_latest())

    moved = new.get_model("governance.Commission").objects.get(title="Written before the move")
    assert list(moved.deciders.values_list("email", flat=True)) == ["councillor@example.org"]
    assert moved.resources.get().description == "Youth workers' know-how"
    assert (
        new.get_model("commissioning.Follow")
        .objects.filter(cycle_id=cycle.pk, user__email="councillor@example.org")
        .exists()
    )
    event = new.get_model("core.AuditEvent").objects.get(object_repr="Written before the move")
    assert (event.object_type.app_label, event.object_type.model, event.object_id) == (
        "governance",
        "commission",
        moved.pk,
    )
    assert (event.context_type.model, event.context_id) == ("commissioningcycle", cycle.pk)
    ContentType = new.get_model("contenttypes.ContentType")
    assert not ContentType.objects.filter(app_label="commissioning", model="commission").exists()
