import pytest
from django.utils import timezone

from accounts.models import User
from commissioning import counting
from commissioning.models import CommissioningCycle, Priority
from commissioning.services import ballot_cast
from demo.seed import seed_demo


@pytest.fixture
def demo(db):
    """The seeded demo, with the live cycle voted in by the demo resident, closed and counted, so the
    results and ballots datasets have rows too."""
    seed_demo()
    resident = User.objects.get(email="resident@example.org")
    now = timezone.now()
    cycle = CommissioningCycle.objects.filter(voting_opens_at__lte=now, voting_closes_at__gt=now).order_by("pk").first()
    chosen = list(Priority.objects.filter(cycle=cycle, status="accepted").values_list("pk", flat=True)[:3])
    ballot_cast(user=resident, cycle_id=cycle.pk, choices=dict.fromkeys(chosen, 1))
    CommissioningCycle.objects.filter(pk=cycle.pk).update(voting_closes_at=timezone.now())
    counting.cycle_count(cycle_id=cycle.pk)
    return {"resident": resident, "cycle": cycle}
