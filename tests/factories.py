from datetime import timedelta
from decimal import Decimal

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from citizens.models import Cooperative, Membership, ResidentProfile, Ward
from commissioning.models import Ballot, CommissioningCycle, Priority, Stage
from governance.models import Commission, ProviderType
from outcomes.models import Indicator, Outcome

PASSWORD = "a-long-test-password"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    display_name = factory.LazyAttribute(lambda user: user.full_name[:80])
    role = Role.RESIDENT
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.create(user=self, email=self.email, primary=True, verified=True)


class WardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ward
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Ward {n}")
    slug = factory.Sequence(lambda n: f"ward-{n}")


class ResidentProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResidentProfile

    user = factory.SubFactory(UserFactory)
    ward = factory.SubFactory(WardFactory)
    year_of_birth = 1990


class CooperativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cooperative

    name = factory.Sequence(lambda n: f"Co-op {n}")
    slug = factory.Sequence(lambda n: f"coop-{n}")
    purpose = "Young people commissioning youth services together."


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    member = factory.SubFactory(UserFactory)
    cooperative = factory.SubFactory(CooperativeFactory)


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    title = factory.Sequence(lambda n: f"Outcome {n}")
    slug = factory.Sequence(lambda n: f"outcome-{n}")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    outcome = factory.SubFactory(OutcomeFactory)
    name = factory.Sequence(lambda n: f"Indicator {n}")
    unit = "%"
    direction = Indicator.Direction.HIGHER_IS_BETTER
    baseline = Decimal("10")
    baseline_period = "2024-25"
    target = Decimal("20")
    target_period = "2029-30"


class CycleFactory(factory.django.DjangoModelFactory):
    """A published cycle whose voting window is open now."""

    class Meta:
        model = CommissioningCycle

    title = factory.Sequence(lambda n: f"Cycle {n}")
    slug = factory.Sequence(lambda n: f"cycle-{n}")
    summary = "Money for what residents choose."
    budget = Decimal("100000")
    stage = Stage.PLAN
    proposals_open_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=30))
    proposals_close_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=10))
    voting_opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    voting_closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    is_published = True
    created_by = factory.SubFactory(UserFactory, role=Role.OFFICER)


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority

    cycle = factory.SubFactory(CycleFactory)
    title = factory.Sequence(lambda n: f"Priority {n}")
    description = "Something the borough needs."
    estimated_cost = Decimal("10000")
    status = Priority.Status.ACCEPTED


class BallotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ballot

    cycle = factory.SubFactory(CycleFactory)
    voter = factory.SubFactory(UserFactory)


class CommissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commission

    cycle = factory.SubFactory(CycleFactory)
    title = factory.Sequence(lambda n: f"Commission {n}")
    description = "A service residents chose."
    provider_type = ProviderType.COOPERATIVE
    value = Decimal("50000")
    drafted_by = factory.SubFactory(UserFactory, role=Role.OFFICER)


# --- Governance (issue 5) -------------------------------------------------------------------


class InvolvementActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "governance.InvolvementActivity"

    cycle = factory.SubFactory(CycleFactory)
    stage = factory.LazyAttribute(lambda o: o.cycle.stage)
    purpose = "design"
    method = "co_design_workshop"
    held_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=3))
    participant_count = 24
    summary = "Residents mapped what young people need after school."
    residents_said = "More safe places open later."
    what_changed = "Opening hours added to the priorities."
    recorded_by = factory.SubFactory(UserFactory, role=Role.OFFICER)


class EqualityImpactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "governance.EqualityImpact"

    commission = factory.SubFactory(CommissionFactory)
    characteristic = "age"
    impact = "positive"
    evidence = "Consultation with residents and borough data."


def complete_equality_assessment(commission) -> None:
    from governance.models import ProtectedCharacteristic

    for characteristic in ProtectedCharacteristic.values:
        EqualityImpactFactory(commission=commission, characteristic=characteristic, impact="neutral")


# --- Verified residents (issue 17) -----------------------------------------------------------


def verified_resident(user=None, *, ward=None, method: str = "register"):
    """A resident verified the way a service would leave them: a current verification and the ward in
    their profile. Made through the in-person service or a code, so the rows are what production writes."""
    from verification import services

    user = user or UserFactory()
    ward = ward or WardFactory()
    officer = UserFactory(role=Role.OFFICER)
    if method == "code":
        _batch, codes = services.code_batch_create(officer=officer, size=1, language="en-gb", ward=ward)
        return services.code_redeem(user=user, code=codes[0])
    from datetime import date

    verification = services.in_person_verify(
        officer=officer,
        user=user,
        surname="Resident",
        date_of_birth=date(1900, 1, 1) + timedelta(days=user.pk),  # one identity per account
        postcode="SW2 1AA",
        ward=ward,
        document="passport",
    )
    if method == "register":  # as a register match would record it
        verification.method = "register"
        verification.verified_by = None
        verification.document = ""
        verification.save()
    return verification
