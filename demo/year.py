"""The rest of the demo year: a cycle in every phase, ward figures, indicator values over several periods.

Made through the services wherever one exists, so the audit trail and the public record read as they
would in a real year. Two things a service would never do are done directly and said here: the
finished library cycle's windows are moved into the past after its ballots are cast (no service
backdates a vote), and its accepted priorities are written as accepted, as the rest of the demo does.
Idempotent: each cycle is looked up by its slug and made only if missing.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from accounts.services import user_create
from citizens import services as citizens
from citizens.models import Cooperative, Membership, ResidentProfile, Ward
from citizens.services import ward_figures_update
from commissioning import services as cycles
from commissioning.models import CommissioningCycle, Priority, Stage
from governance import services as governance
from governance.models import ProtectedCharacteristic
from outcomes import services as outcome_services
from outcomes.models import Indicator, IndicatorValue, Outcome

# Approximate: Lambeth's 2021 census population (about 317,000) and electorate spread over its 25 wards.
WARD_POPULATION, WARD_ELECTORATE = 12_700, 8_900

HOUSING = "Everyone has a safe, secure and affordable home"
LIBRARY_CYCLE, WARMER_HOMES_CYCLE, HOUSING_CYCLE = "libraries-co-produced-2026", "warmer-homes-2027", "housing-strategy"
DEMO_VOTERS = 24


BOARD_USERS = [
    ("board@example.org", "Bea Board Member"),
    ("board2@example.org", "Kofi Board Member"),
]
"""Demo accounts (password as the others) with seats on the youth trust's board; the first is printed."""
YOUTH_TRUST_CYCLE = "youth-trust-fund-2026"


def seed_year(report, now, users: dict, outcomes: dict) -> None:
    officer, councillor = users[Role.OFFICER], users[Role.COUNCILLOR]
    _ward_figures(report)
    _indicator_history(report, officer)
    housing = _housing_outcome(report)
    _warmer_homes(report, now, officer, outcomes)
    _housing_strategy(report, now, officer, housing)
    _libraries(report, now, officer, councillor, outcomes)
    _youth_trust_board(report, now, officer, outcomes)


def _ward_figures(report) -> None:
    missing = Ward.objects.filter(population__isnull=True).order_by("name")
    figures = {
        ward.pk: (WARD_POPULATION + 137 * (i % 9) - 500, WARD_ELECTORATE + 91 * (i % 7) - 300)
        for i, ward in enumerate(missing)
    }
    if figures:
        ward_figures_update(figures=figures)
        report.add("ward population and electorate", True)


def _indicator_history(report, officer) -> None:
    """Four years of each indicator, each a step from its baseline towards its target (and one backwards)."""
    for indicator in Indicator.objects.order_by("pk"):
        step = (indicator.target - indicator.baseline) / 8
        for year, steps in ((2022, -1), (2023, 0), (2025, 2), (2026, 3)):
            start = date(year, 4, 1)
            if IndicatorValue.objects.filter(indicator=indicator, period_start=start).exists():
                continue
            outcome_services.indicator_value_record(
                user=officer,
                indicator_id=indicator.pk,
                period_start=start,
                period_end=date(year + 1, 3, 31),
                value=(indicator.baseline + step * steps).quantize(Decimal("0.1")),
                source="Demo figures",
                note="Provisional until the annual report." if year == 2026 else "",
            )
            report.add(f"value of {indicator.name} for {year}", True)


def _housing_outcome(report) -> Outcome:
    outcome, created = Outcome.objects.get_or_create(
        slug="safe-secure-affordable-home",
        defaults={
            "title": HOUSING,
            "description": "Fewer households in temporary accommodation; homes kept warm and dry.",
        },
    )
    report.add(f"outcome {HOUSING}", created)
    return outcome


def _person(email: str, name: str, ward: Ward, year_of_birth: int, password: str | None) -> User:
    user = User.objects.filter(email=email).first() or user_create(
        email=email, password=password, role=Role.RESIDENT, full_name=name, email_verified=True
    )
    ResidentProfile.objects.get_or_create(user=user, defaults={"ward": ward, "year_of_birth": year_of_birth})
    return user


def _new_cycle(officer, *, title, summary, slug, changes) -> CommissioningCycle | None:
    if CommissioningCycle.objects.filter(slug=slug).exists():
        return None
    cycle = cycles.cycle_create(user=officer, title=title, summary=summary)
    CommissioningCycle.objects.filter(pk=cycle.pk).update(slug=slug)  # a stable address for the demo
    cycles.cycle_update(user=officer, cycle_id=cycle.pk, changes=changes)
    return CommissioningCycle.objects.get(pk=cycle.pk)


def _warmer_homes(report, now, officer, outcomes) -> None:
    """A borough cycle taking proposals now."""
    cycle = _new_cycle(
        officer,
        title="Warmer homes 2027",
        summary="£180,000 for ideas that keep homes warm and bills down this winter. Tell us what would help.",
        slug=WARMER_HOMES_CYCLE,
        changes={
            "scope": "borough",
            "outcomes": list(outcomes.values()),
            "budget": Decimal("180000"),
            "proposals_open_at": now - timedelta(days=5),
            "proposals_close_at": now + timedelta(days=23),
            "voting_opens_at": now + timedelta(days=30),
            "voting_closes_at": now + timedelta(days=51),
            "ballot_type": "knapsack",
            "counting_rule": "greedy",
        },
    )
    if cycle is not None:
        cycles.cycle_publish(user=officer, cycle_id=cycle.pk)
        report.add("cycle Warmer homes 2027", True)


def _housing_strategy(report, now, officer, housing: Outcome) -> None:
    """The seeds' housing strategy, as a cycle about one issue across wards, published and opening soon."""
    cycle = _new_cycle(
        officer,
        title="Housing strategy 2027 to 2032",
        summary=(
            "Residents, tenants and housing co-operatives set the priorities of the borough's next housing "
            "strategy. Proposals open next month."
        ),
        slug=HOUSING_CYCLE,
        changes={
            "scope": "issue",
            "issue": housing,
            "outcomes": [housing],
            "budget": Decimal("400000"),
            "proposals_open_at": now + timedelta(days=30),
            "proposals_close_at": now + timedelta(days=60),
            "voting_opens_at": now + timedelta(days=70),
            "voting_closes_at": now + timedelta(days=91),
            "ballot_type": "ordinal",
            "max_choices": 5,
            "counting_rule": "mes",
        },
    )
    if cycle is not None:
        cycles.cycle_publish(user=officer, cycle_id=cycle.pk)
        report.add("cycle Housing strategy 2027 to 2032", True)


LIBRARY_PRIORITIES = [
    ("Libraries open on Sunday afternoons", "Four libraries open 12 to 5 on Sundays, staffed with volunteers.", 48000),
    ("Homework clubs with volunteer tutors", "After-school help in every library, run with the youth trust.", 30000),
    ("Digital help desk", "Weekly help with phones, forms and online services.", 22000),
    ("Home library service", "Books delivered to residents who cannot get out.", 26000),
]


def _libraries(report, now, officer, councillor, outcomes) -> None:
    """The seeds' co-produced library service: voted on, counted, and a commission decided by councillors."""
    health = outcomes[next(iter(outcomes))]
    cycle = _new_cycle(
        officer,
        title="Co-produced libraries 2026",
        summary="Library users and staff designed the options together; residents chose what to fund.",
        slug=LIBRARY_CYCLE,
        changes={
            "scope": "borough",
            "outcomes": [health],
            "budget": Decimal("100000"),
            "voting_opens_at": now - timedelta(hours=1),
            "voting_closes_at": now + timedelta(days=1),
            "ballot_type": "approval",
            "counting_rule": "mes",
        },
    )
    if cycle is None:
        return
    priorities = _accepted_priorities(cycle, LIBRARY_PRIORITIES, health, officer)
    cycles.cycle_publish(user=officer, cycle_id=cycle.pk)
    wards = list(Ward.objects.order_by("name"))
    for n in range(DEMO_VOTERS):
        email = f"library-voter-{n + 1}@example.org"
        voter = User.objects.filter(email=email).first() or user_create(
            email=email, password=None, role=Role.RESIDENT, full_name=f"Library voter {n + 1}", email_verified=True
        )
        ResidentProfile.objects.get_or_create(user=voter, defaults={"ward": wards[n % len(wards)]})
        chosen = [priorities[i] for i in range(len(priorities)) if (n + i) % 3 != 0]
        cycles.ballot_cast(user=voter, cycle_id=cycle.pk, choices={p.pk: 1 for p in chosen})
    # Backdated so the record reads as last spring's vote: no service moves a vote into the past.
    CommissioningCycle.objects.filter(pk=cycle.pk).update(
        voting_opens_at=now - timedelta(days=200), voting_closes_at=now - timedelta(days=180), stage=Stage.ANALYSE
    )
    result = cycles.cycle_results_publish(user=officer, cycle_id=cycle.pk)
    report.add("cycle Co-produced libraries 2026 with its result", True)
    for days_ago, stage_said in (
        (170, "Library users mapped what is missing."),
        (120, "Staff and users chose the model."),
    ):
        cycle.refresh_from_db()
        governance.involvement_record(
            user=officer,
            cycle_id=cycle.pk,
            stage=cycle.stage,
            purpose="design",
            method="co_design_workshop",
            held_on=timezone.localdate() - timedelta(days=days_ago),
            participant_count=38,
            summary="Co-design workshop with library users, staff and volunteers.",
            residents_said=stage_said,
            what_changed="Sunday opening and the homework clubs were designed with users.",
        )
        governance.cycle_advance(user=officer, cycle_id=cycle.pk)
    funded = [p for p in priorities if str(p.pk) in {str(f) for f in result.funded}]
    commission = governance.commission_draft(
        user=officer,
        cycle_id=cycle.pk,
        title="Co-produced library service",
        description="Sunday opening and homework clubs, run by the library service with a users' co-operative.",
        provider_type="in_house",
        provider_name="Lambeth Libraries with the Library Users' Co-operative",
        value=sum((p.estimated_cost for p in funded), Decimal(0)),
        procurement_route="In-house service with a co-production agreement",
        outcomes=[health],
        indicators=list(health.indicators.all()[:1]),
        priorities=funded,
        deciders=[councillor],
        quorum=1,
        resources={"cash": governance.Resource(amount=sum((p.estimated_cost for p in funded), Decimal(0)))},
    )
    governance.equality_assessment_save(
        user=officer,
        commission_id=commission.pk,
        impacts={
            c: governance.ImpactLine("positive" if c == "age" else "neutral", "Library user survey and borough data.")
            for c in ProtectedCharacteristic.values
        },
    )
    governance.commission_submit(user=officer, commission_id=commission.pk)
    governance.interest_declare(user=councillor, commission_id=commission.pk, has_interest=False)
    governance.commission_vote(
        user=councillor,
        commission_id=commission.pk,
        choice="approve",
        reasons="Residents chose it, users designed it, and it is within the budget. Now in delivery.",
    )
    report.add("commission Co-produced library service, decided and in delivery", True)


def _youth_trust_board(report, now, officer, outcomes) -> None:
    """The seeds' youth trust determines and commissions for itself: members, a board, its own cycle decided."""
    from demo.seed import DEMO_PASSWORD

    trust = Cooperative.objects.get(slug="lambeth-youth-trust")
    if CommissioningCycle.objects.filter(slug=YOUTH_TRUST_CYCLE).exists():
        return
    wards = list(Ward.objects.order_by("name"))
    born = timezone.localdate().year - 17
    board = [_person(email, name, wards[i], born, DEMO_PASSWORD) for i, (email, name) in enumerate(BOARD_USERS)]
    young = [
        _person(f"youth-member-{n + 1}@example.org", f"Youth member {n + 1}", wards[n % len(wards)], born, None)
        for n in range(12)
    ]
    for person in [*board, *young]:
        if not Membership.objects.filter(member=person, cooperative=trust).exists():
            citizens.membership_apply(user=person, cooperative=trust)
    pending = Membership.objects.filter(cooperative=trust, status=Membership.Status.PENDING).values_list(
        "pk", flat=True
    )
    citizens.memberships_decide(officer=officer, membership_ids=list(pending), decision="approve")
    today = timezone.localdate()
    for person, appointment in zip(board, ("elected", "appointed"), strict=True):
        number = Membership.objects.get(member=person, cooperative=trust).member_number
        citizens.board_member_seat(
            officer=officer,
            cooperative_id=trust.pk,
            member_number=number,
            appointment=appointment,
            term_start=today - timedelta(days=250),
            term_end=today + timedelta(days=480),
        )
    citizens.cooperative_signoff_set(officer=officer, cooperative_id=trust.pk, threshold=Decimal("50000"))
    report.add("youth trust members, board and council sign-off rule", True)

    health = outcomes[next(iter(outcomes))]
    cycle = _new_cycle(
        officer,
        title="Youth Trust fund 2026",
        summary="The trust's members chose how to spend its own £40,000; its board commissioned the winner.",
        slug=YOUTH_TRUST_CYCLE,
        changes={
            "scope": "cooperative",
            "cooperative": trust,
            "outcomes": [health],
            "budget": Decimal("40000"),
            "voting_opens_at": now - timedelta(hours=1),
            "voting_closes_at": now + timedelta(days=1),
            "ballot_type": "approval",
            "max_choices": 2,
            "counting_rule": "greedy",
        },
    )
    options = [
        ("Free music studio sessions", "Weekly studio time with a producer at the youth centre.", 24000),
        ("Summer football league", "A six-week league across the borough, kit included.", 14000),
        ("Careers mentoring", "Mentors from local employers, one evening a fortnight.", 16000),
    ]
    priorities = _accepted_priorities(cycle, options, health, board[0])
    cycles.cycle_publish(user=officer, cycle_id=cycle.pk)
    for n, voter in enumerate([*board, *young]):
        chosen = [priorities[0], priorities[1 + n % 2]] if n % 4 else [priorities[2]]
        cycles.ballot_cast(user=voter, cycle_id=cycle.pk, choices={p.pk: 1 for p in chosen})
    # Backdated, as the library cycle is: no service moves a vote into the past.
    CommissioningCycle.objects.filter(pk=cycle.pk).update(
        voting_opens_at=now - timedelta(days=90), voting_closes_at=now - timedelta(days=75)
    )
    result = cycles.cycle_results_publish(user=officer, cycle_id=cycle.pk)
    for days_ago in (80, 60):
        cycle.refresh_from_db()
        governance.involvement_record(
            user=officer,
            cycle_id=cycle.pk,
            stage=cycle.stage,
            purpose="design",
            method="youth_forum",
            held_on=timezone.localdate() - timedelta(days=days_ago),
            participant_count=19,
            summary="The trust's youth forum shaped the studio sessions with the producer.",
            residents_said="Evenings, not weekends; and a showcase at the end.",
            what_changed="Evening sessions and an end-of-term showcase are in the commission.",
        )
        governance.cycle_advance(user=officer, cycle_id=cycle.pk)
    funded = [p for p in priorities if str(p.pk) in {str(f) for f in result.funded}]
    value = sum((p.estimated_cost for p in funded), Decimal(0))
    commission = governance.commission_draft(
        user=officer,
        cycle_id=cycle.pk,
        title="Youth Trust music and sport",
        description="What the trust's members chose, delivered by local providers and reviewed by the members.",
        provider_type="community_group",
        provider_name="Brixton Sound Collective and Lambeth Youth Football",
        value=value,
        procurement_route="Grant agreements",
        outcomes=[health],
        priorities=funded,
        deciders=board,
        quorum=2,
        resources={"cash": governance.Resource(amount=value)},
    )
    governance.equality_assessment_save(
        user=officer,
        commission_id=commission.pk,
        impacts={
            c: governance.ImpactLine("positive" if c == "age" else "neutral", "Youth forum and membership records.")
            for c in ProtectedCharacteristic.values
        },
    )
    governance.commission_submit(user=officer, commission_id=commission.pk)
    for member in board:
        governance.interest_declare(user=member, commission_id=commission.pk, has_interest=False)
        governance.commission_vote(
            user=member,
            commission_id=commission.pk,
            choice="approve",
            reasons="Our members voted for it and it is within the trust's own budget.",
        )
    report.add("cycle Youth Trust fund 2026, decided by the trust's board", True)


def _accepted_priorities(cycle, rows, outcome, proposer) -> list[Priority]:
    """The cycle's ballot, already accepted: one priority per (title, description, cost)."""
    return [
        Priority.objects.create(
            cycle=cycle,
            title=title,
            description=description,
            estimated_cost=Decimal(cost),
            outcome=outcome,
            proposer=proposer,
            status=Priority.Status.ACCEPTED,
        )
        for title, description, cost in rows
    ]
