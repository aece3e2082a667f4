import pytest

from accounts.models import User
from commissioning.models import CommissioningCycle, Stage
from demo.governance import YOUTH_CYCLE, seed_governance_demo
from demo.seed import SeedReport, seed_demo
from governance.models import Commission


@pytest.mark.django_db
def test_governance_demo_is_seeded_once_through_the_services():
    seed_demo()
    users = {u.role: u for u in User.objects.filter(email__endswith="@example.org")}
    cycle = CommissioningCycle.objects.get(slug="healthier-greener-lambeth-2027")

    seed_governance_demo(SeedReport(), users, cycle)
    again = SeedReport()
    seed_governance_demo(again, users, cycle)

    assert again.created == []
    youth = CommissioningCycle.objects.get(slug=YOUTH_CYCLE)
    assert youth.stage == Stage.DO
    assert Commission.objects.get(cycle=youth, title="Late-night youth club").status == Commission.Status.SUBMITTED
