from decimal import Decimal

import pytest

from commissioning.models import Follow
from governance.models import Decision, ResourceAllocation
from tests.factories import BallotFactory, CommissionFactory, CycleFactory, UserFactory


@pytest.fixture
def approved(db, officer):
    """An approved commission with cash and capital; one voter and one follower of its cycle."""
    cycle = CycleFactory(title="Youth services 2027", slug="youth-services-2027", stage="do")
    commission = CommissionFactory(
        cycle=cycle, title="Late-night youth club", status="approved", provider_name="Lambeth Youth Trust"
    )
    ResourceAllocation.objects.create(commission=commission, kind="cash", amount=Decimal("50000"))
    ResourceAllocation.objects.create(commission=commission, kind="capital_assets", description="The youth centre.")
    Decision.objects.create(
        commission=commission, decision_round=1, result="approved", quorum=1, explanation="One of one approved."
    )
    BallotFactory(cycle=cycle, voter=UserFactory(email="voter@example.org"))
    Follow.objects.create(cycle=cycle, user=UserFactory(email="follower@example.org"))
    return commission
