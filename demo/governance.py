"""Demo governance: the live cycle's involvement and stage history, and a commission awaiting decision.

Called from demo.seed.seed_demo with its report, the demo users by role and the live cycle.
Idempotent like the rest of the demo: nothing is created twice. The second cycle is run through
the real services, so its timeline, audit trail and duty to involve look exactly as in use.
"""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.roles import Role
from commissioning.models import CommissioningCycle, Scope, Stage
from demo.year import _accepted_priorities
from governance import services
from governance.models import (
    EqualityMonitoringCount,
    EvidenceItem,
    InvolvementActivity,
    PopulationGroup,
    ProtectedCharacteristic,
    StageTransition,
)

YOUTH_CYCLE = "lambeth-youth-services-2026"


def seed_governance_demo(report, users: dict, cycle: CommissioningCycle) -> None:
    officer, councillor = users[Role.OFFICER], users[Role.COUNCILLOR]
    _seed_live_cycle_history(report, officer, cycle)
    _seed_youth_cycle(report, officer, councillor, cycle)


def _seed_live_cycle_history(report, officer, cycle: CommissioningCycle) -> None:
    today = timezone.localdate()
    activity, created = InvolvementActivity.objects.get_or_create(
        cycle=cycle,
        stage=Stage.ANALYSE,
        method="citizens_panel",
        defaults={
            "purpose": "design",
            "held_on": today - timedelta(days=60),
            "participant_count": 42,
            "summary": "A citizens' panel of 42 residents weighed the borough's health and air-quality evidence.",
            "residents_said": "Air near schools is the first worry; older residents are isolated in winter.",
            "what_changed": "School streets and winter befriending became outcomes the cycle funds.",
            "recorded_by": officer,
        },
    )
    report.add("involvement: citizens' panel", created)
    if created:
        EqualityMonitoringCount.objects.bulk_create(
            EqualityMonitoringCount(activity=activity, characteristic=c, group=g, count=n)
            for c, g, n in [
                ("age_band", "16 to 24", 7),
                ("age_band", "25 to 64", 26),
                ("age_band", "65 and over", 9),
                ("disability", "Disabled", 8),
            ]
        )
    # The borough's residents by the same groups, to read who took part against who lives here. Round
    # demo figures, not the Census: a council enters its own in the admin.
    for characteristic, group, people in [
        ("age_band", "11 to 15", 16_000),
        ("age_band", "16 to 24", 36_000),
        ("age_band", "25 to 64", 200_000),
        ("age_band", "65 and over", 30_000),
        ("disability", "Disabled", 45_000),
        ("disability", "Not disabled", 272_000),
    ]:
        _, created = PopulationGroup.objects.get_or_create(
            characteristic=characteristic,
            group=group,
            defaults={"people": people, "source": "Demo figures (round numbers, not the Census)"},
        )
        report.add(f"population: {group}", created)
    _, created = EvidenceItem.objects.get_or_create(
        cycle=cycle,
        title="Lambeth Joint Strategic Needs Assessment",
        defaults={
            "summary": "Healthy life expectancy and air quality by ward: the gaps this cycle sets out to close.",
            "url": "https://www.lambeth.gov.uk/",
            "added_by": officer,
        },
    )
    report.add("evidence: needs assessment", created)
    if cycle.stage != Stage.ANALYSE:
        _, created = StageTransition.objects.get_or_create(
            cycle=cycle,
            to_stage=Stage.PLAN,
            defaults={
                "from_stage": Stage.ANALYSE,
                "moved_by": officer,
                "moved_at": timezone.now() - timedelta(days=45),
            },
        )
        report.add("stage: Analyse to Plan", created)


def _seed_youth_cycle(report, officer, councillor, live_cycle: CommissioningCycle) -> None:
    cycle, created = CommissioningCycle.objects.get_or_create(
        slug=YOUTH_CYCLE,
        defaults={
            "title": "Lambeth youth services 2026",
            "summary": "Young people chose evening provision last year; now it is commissioned, on the record.",
            "scope": Scope.BOROUGH,
            "budget": Decimal("120000"),
            "stage": Stage.ANALYSE,
            "is_published": True,
            "created_by": officer,
        },
    )
    report.add("cycle Lambeth youth services 2026", created)
    if not created:
        return
    cycle.outcomes.set(live_cycle.outcomes.all())
    options = [
        ("Late-night youth club", "Open the Brixton youth club until 10pm at weekends.", 60000),
        ("Youth steering group", "Young people paid to steer and review youth services.", 15000),
    ]
    chosen = _accepted_priorities(cycle, options, None, officer)
    forums = [
        (40, 34, "The youth forum looked at the evidence of need: where young people go after school."),
        (20, 31, "The youth forum chose between the options and shaped the late-night club."),
    ]
    for (days_ago, participants, summary), said in zip(
        forums, ("Nowhere safe to go after 6pm.", "Keep it free, and run it with us."), strict=True
    ):
        services.involvement_record(
            user=officer,
            cycle_id=cycle.pk,
            stage=cycle.stage,
            purpose="design",
            method="youth_forum",
            held_on=timezone.localdate() - timedelta(days=days_ago),
            participant_count=participants,
            summary=summary,
            residents_said=said,
            what_changed="Evening opening and a youth steering group are in the commission.",
            equality_counts=[("age_band", "11 to 15", 14), ("age_band", "16 to 24", 17)],
        )
        services.cycle_advance(user=officer, cycle_id=cycle.pk)
        cycle.refresh_from_db()
    commission = services.commission_draft(
        user=officer,
        cycle_id=cycle.pk,
        title="Late-night youth club",
        description="Open the Brixton youth club until 10pm on Fridays and Saturdays, run with a youth steering group.",
        provider_type="cooperative",
        provider_name="Lambeth Youth Trust",
        value=Decimal("60000"),
        procurement_route="Grant agreement with a community co-operative",
        outcomes=list(cycle.outcomes.all()),
        priorities=chosen[:1],
        deciders=[councillor],
        quorum=1,
        resources={
            "cash": services.Resource(amount=Decimal("60000")),
            "capital_assets": services.Resource(description="The Brixton youth centre, rent free."),
            "community_capacity": services.Resource(description="Twelve trained youth volunteers."),
        },
    )
    services.equality_assessment_save(
        user=officer,
        commission_id=commission.pk,
        impacts={
            c: services.ImpactLine(
                "positive" if c in ("age", "race") else "neutral", "Youth forum, borough data and provider records."
            )
            for c in ProtectedCharacteristic.values
        },
    )
    services.commission_submit(user=officer, commission_id=commission.pk)
    report.add("commission Late-night youth club", True)
