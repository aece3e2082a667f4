"""Demo data for a fresh installation: Lambeth's wards, two outcomes, a youth co-operative, a live cycle.

Idempotent: every object is found by a natural key before it is created, so running it again
creates nothing twice and never overwrites what people have since changed.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import User
from accounts.roles import Role
from accounts.services import user_create
from citizens.models import Cooperative, ResidentProfile, Ward
from commissioning.models import BallotType, CommissioningCycle, CountingRule, Priority, Scope, Stage
from demo.governance import YOUTH_CYCLE, seed_governance_demo
from demo.open_council import seed_open_council_demo
from demo.verification import seed_verification_demo
from demo.year import seed_year
from outcomes.models import Indicator, IndicatorValue, Outcome

DEMO_PASSWORD = "coop-demo"

# The 25 wards of the London Borough of Lambeth since the May 2022 boundary changes.
LAMBETH_WARDS = [
    "Brixton Acre Lane",
    "Brixton North",
    "Brixton Rush Common",
    "Brixton Windrush",
    "Clapham Common & Abbeville",
    "Clapham East",
    "Clapham Park",
    "Clapham Town",
    "Gipsy Hill",
    "Herne Hill & Loughborough Junction",
    "Kennington",
    "Knight's Hill",
    "Myatt's Fields",
    "Oval",
    "St Martin's",
    "Stockwell East",
    "Stockwell West & Larkhall",
    "Streatham Common & Vale",
    "Streatham Hill East",
    "Streatham Hill West & Thornton",
    "Streatham St Leonard's",
    "Streatham Wells",
    "Vauxhall",
    "Waterloo & South Bank",
    "West Dulwich",
]

DEMO_USERS = [
    ("resident@example.org", "Rosa Resident", Role.RESIDENT),
    ("officer@example.org", "Omar Officer", Role.OFFICER),
    ("councillor@example.org", "Cllr Chloe Councillor", Role.COUNCILLOR),
    ("admin@example.org", "Ada Administrator", Role.ADMINISTRATOR),
]

HEALTH = "People are healthier for longer"
GREEN = "People live environmentally sustainable lives"

OUTCOMES = {
    HEALTH: (
        "Residents live longer in good health, and the gap between the healthiest and least healthy wards narrows.",
        [
            ("Healthy life expectancy (women)", "years", "up", "61.5", "2021-23", "64.0", "2030-32"),
            ("Adults physically active", "%", "up", "66.2", "2023-24", "72.0", "2029-30"),
        ],
    ),
    GREEN: (
        "Residents, businesses and the council cut emissions and waste, and green spaces are enjoyed by all.",
        [
            ("Household waste recycled", "%", "up", "29.4", "2023-24", "45.0", "2029-30"),
            ("CO2 emissions per resident", "tonnes CO2e", "down", "2.9", "2022", "1.5", "2030"),
        ],
    ),
}

PRIORITIES = [
    (
        "Free after-school sports in every ward",
        "Coached football, netball and dance sessions after school.",
        45000,
        HEALTH,
    ),
    (
        "Youth mental health drop-in",
        "A weekly drop-in with youth workers and counsellors, no referral needed.",
        60000,
        HEALTH,
    ),
    (
        "Community kitchen cooking classes",
        "Cheap, healthy cooking classes for young people and families.",
        18000,
        HEALTH,
    ),
    (
        "Outdoor gym in Kennington Park",
        "Free outdoor gym equipment with sessions led by local trainers.",
        35000,
        HEALTH,
    ),
    ("Walking football for older residents", "Weekly walking football in Streatham and Brixton.", 8000, HEALTH),
    ("Bike library for young people", "Borrow a bike, helmet and lock for free, with repair workshops.", 30000, GREEN),
    ("Estate food-growing gardens", "Raised beds and a grower-in-residence on three estates.", 25000, GREEN),
    ("Repair café on the high street", "A monthly repair café run by volunteers, tools provided.", 12000, GREEN),
    (
        "School streets for clean air",
        "Close streets outside six primary schools at drop-off and pick-up.",
        40000,
        GREEN,
    ),
    ("Tree planting with young people", "Plant 300 street trees with youth trust volunteers.", 28000, GREEN),
    ("Youth-led climate podcast", "Train young people to make a podcast about climate in Lambeth.", 9000, GREEN),
    ("Safe cycling lessons", "Free cycle training for 11–18 year olds.", 15000, HEALTH),
]


@dataclass
class SeedReport:
    created: list[str] = field(default_factory=list)

    def add(self, what: str, was_created: bool) -> None:
        if was_created:
            self.created.append(what)


@transaction.atomic
def seed_demo(now=None) -> SeedReport:
    now = now or timezone.now()
    report = SeedReport()
    wards = _seed_wards(report)
    outcomes = _seed_outcomes(report)
    users = _seed_users(report, wards)
    _seed_cooperative(report, wards)
    cycle = _seed_cycle(report, now, users, outcomes)
    seed_governance_demo(report, users, cycle)
    seed_year(report, now, users, outcomes)
    seed_open_council_demo(report, users, YOUTH_CYCLE)
    seed_verification_demo(report, now, users, outcomes)
    return report


def _seed_wards(report: SeedReport) -> dict[str, Ward]:
    wards = {}
    for name in LAMBETH_WARDS:
        ward, created = Ward.objects.get_or_create(slug=slugify(name), defaults={"name": name})
        report.add(f"ward {name}", created)
        wards[name] = ward
    return wards


def _seed_outcomes(report: SeedReport) -> dict[str, Outcome]:
    outcomes = {}
    for title, (description, indicators) in OUTCOMES.items():
        outcome, created = Outcome.objects.get_or_create(
            slug=slugify(title), defaults={"title": title, "description": description}
        )
        report.add(f"outcome {title}", created)
        outcomes[title] = outcome
        for name, unit, direction, baseline, baseline_period, target, target_period in indicators:
            indicator, created = Indicator.objects.get_or_create(
                outcome=outcome,
                name=name,
                defaults={
                    "unit": unit,
                    "direction": direction,
                    "baseline": Decimal(baseline),
                    "baseline_period": baseline_period,
                    "target": Decimal(target),
                    "target_period": target_period,
                    "source": "Demo figures",
                },
            )
            report.add(f"indicator {name}", created)
            _, created = IndicatorValue.objects.get_or_create(
                indicator=indicator,
                period_start=date(2024, 4, 1),
                defaults={"period_end": date(2025, 3, 31), "value": Decimal(baseline), "source": "Demo figures"},
            )
            report.add(f"value of {name}", created)
    return outcomes


def _seed_users(report: SeedReport, wards: dict[str, Ward]) -> dict[str, User]:
    users = {}
    for email, full_name, role in DEMO_USERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = user_create(email=email, password=DEMO_PASSWORD, role=role, full_name=full_name, email_verified=True)
            report.add(f"user {email}", True)
        users[role] = user
    _, created = ResidentProfile.objects.get_or_create(
        user=users[Role.RESIDENT],
        defaults={"ward": wards["Brixton Windrush"], "year_of_birth": timezone.localdate().year - 19},
    )
    report.add("resident profile", created)
    return users


def _seed_cooperative(report: SeedReport, wards: dict[str, Ward]) -> Cooperative:
    cooperative, created = Cooperative.objects.get_or_create(
        slug="lambeth-youth-trust",
        defaults={
            "name": "Lambeth Youth Trust",
            "purpose": (
                "A co-operative of young people who decide, with the council, how youth services in the "
                "borough are commissioned, delivered and reviewed."
            ),
            "min_age": 11,
            "max_age": 25,
        },
    )
    report.add("co-operative Lambeth Youth Trust", created)
    return cooperative


def _seed_cycle(report: SeedReport, now, users: dict[str, User], outcomes: dict[str, Outcome]) -> CommissioningCycle:
    cycle, created = CommissioningCycle.objects.get_or_create(
        slug="healthier-greener-lambeth-2027",
        defaults={
            "title": "Healthier, greener Lambeth 2027",
            "summary": (
                "£250,000 for projects that help residents stay healthy for longer and live more sustainably. "
                "Residents proposed the priorities; now everyone in the borough can vote for up to five."
            ),
            "scope": Scope.BOROUGH,
            "budget": Decimal("250000"),
            "stage": Stage.PLAN,
            "proposals_open_at": now - timedelta(days=42),
            "proposals_close_at": now - timedelta(days=14),
            "voting_opens_at": now - timedelta(days=7),
            "voting_closes_at": now + timedelta(days=21),
            "ballot_type": BallotType.APPROVAL,
            "max_choices": 5,
            "counting_rule": CountingRule.MES,
            "is_published": True,
            "created_by": users[Role.OFFICER],
        },
    )
    report.add("cycle Healthier, greener Lambeth 2027", created)
    if created:
        cycle.outcomes.set(outcomes.values())
    for title, description, cost, outcome_title in PRIORITIES:
        _, created = Priority.objects.get_or_create(
            cycle=cycle,
            title=title,
            defaults={
                "description": description,
                "estimated_cost": Decimal(cost),
                "outcome": outcomes[outcome_title],
                "proposer": users[Role.RESIDENT],
                "status": Priority.Status.ACCEPTED,
            },
        )
        report.add(f"priority {title}", created)
    return cycle
