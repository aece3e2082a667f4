"""Demo of the open council: a commission approved and in delivery with milestones, meetings (one
with minutes overdue), a question answered on time, and a second year of indicator values.

Called from demo.seed.seed_demo after the governance demo. Idempotent: each piece is looked up by
a name before it is made, and made through the apps' services.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.roles import Role
from commissioning.models import CommissioningCycle, Priority
from core.workdays import subtract_working_days
from delivery import services as delivery_services
from governance import services as governance_services
from governance.models import Commission, ProtectedCharacteristic
from meetings import services as meeting_services
from meetings.models import Meeting
from outcomes.models import Indicator, IndicatorValue
from questions import services as question_services
from questions.models import Question

STEERING_GROUP = "Youth steering group"


def seed_open_council_demo(report, users: dict, youth_cycle_slug: str) -> None:
    cycle = CommissioningCycle.objects.filter(slug=youth_cycle_slug).first()
    if cycle is None:
        return
    officer, councillor, resident = users[Role.OFFICER], users[Role.COUNCILLOR], users[Role.RESIDENT]
    commission = _approved_commission(report, officer, councillor, cycle)
    if commission is not None:
        _milestones(report, officer, commission)
        _meetings(report, officer, councillor, cycle, commission)
        _question(report, officer, resident, commission)
    _indicator_values(report)


def _approved_commission(report, officer, councillor, cycle) -> Commission | None:
    existing = Commission.objects.filter(cycle=cycle, title=STEERING_GROUP).first()
    if existing is not None:
        return existing
    priority = Priority.objects.filter(cycle=cycle, title=STEERING_GROUP).first()
    commission = governance_services.commission_draft(
        user=officer,
        cycle_id=cycle.pk,
        title=STEERING_GROUP,
        description="Twelve young people paid to steer, review and help recruit for the borough's youth services.",
        provider_type="cooperative",
        provider_name="Lambeth Youth Trust",
        value=Decimal("15000"),
        procurement_route="Grant agreement with a community co-operative",
        outcomes=list(cycle.outcomes.all()),
        priorities=[priority] if priority else [],
        deciders=[councillor],
        quorum=1,
        resources={
            "cash": governance_services.Resource(amount=Decimal("15000")),
            "knowledge": governance_services.Resource(description="The youth forum's findings and borough data."),
        },
    )
    governance_services.equality_assessment_save(
        user=officer,
        commission_id=commission.pk,
        impacts={
            c: governance_services.ImpactLine("positive" if c == "age" else "neutral", "Youth forum and borough data.")
            for c in ProtectedCharacteristic.values
        },
    )
    governance_services.commission_submit(user=officer, commission_id=commission.pk)
    governance_services.interest_declare(user=councillor, commission_id=commission.pk, has_interest=False)
    governance_services.commission_vote(
        user=councillor,
        commission_id=commission.pk,
        choice="approve",
        reasons="Young people asked to run it with us; the cost is small and the forum will hold it to account.",
    )
    report.add("commission Youth steering group, approved", True)
    return Commission.objects.get(pk=commission.pk)


def _milestones(report, officer, commission) -> None:
    if commission.milestones.exists():
        return
    today = timezone.localdate()
    recruited = delivery_services.milestone_plan(
        user=officer,
        commission_id=commission.pk,
        title="Steering group recruited",
        planned_on=today - timedelta(days=20),
    )
    delivery_services.milestone_report(
        user=officer,
        milestone_id=recruited.pk,
        met=True,
        actual_on=today - timedelta(days=16),
        note="Twelve young people from nine wards recruited and trained.",
        spend={"cash": Decimal("3200")},
    )
    first_review = delivery_services.milestone_plan(
        user=officer,
        commission_id=commission.pk,
        title="First review of youth services",
        planned_on=today - timedelta(days=5),
    )
    delivery_services.milestone_report(
        user=officer,
        milestone_id=first_review.pk,
        met=False,
        note="Moved to next month: the youth centre was closed for repairs.",
        spend={"cash": Decimal("400")},
    )
    delivery_services.milestone_plan(
        user=officer,
        commission_id=commission.pk,
        title="Annual report to the youth forum",
        planned_on=today + timedelta(days=120),
    )
    report.add("milestones of the Youth steering group", True)


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _meetings(report, officer, councillor, cycle, commission) -> None:
    today = timezone.localdate()
    decision = commission.decisions.first()
    board_day = timezone.localdate(decision.decided_at) if decision else today - timedelta(days=3)
    plans = [
        # (title, kind, day, hour, minutes, decisions)
        ("Youth commissioning board", "commissioning_board", board_day, 18, True),
        ("Scrutiny of youth services", "scrutiny", subtract_working_days(today, 15), 18, False),
        ("Youth forum: what next for evenings", "involvement", today + timedelta(days=14), 17, False),
    ]
    for title, kind, day, hour, publish in plans:
        if Meeting.objects.filter(title=title).exists():
            continue
        meeting = meeting_services.meeting_schedule(
            user=officer,
            kind=kind,
            title=title,
            starts_at=_at(day, hour),
            ends_at=_at(day, hour + 2),
            location="Brixton youth centre, 1 Acre Lane, London SW2",
            clerk=officer,
            cycle=cycle,
        )
        meeting_services.agenda_item_add(
            user=officer,
            meeting_id=meeting.pk,
            title="The youth steering group commission",
            paper_title="Commissioning paper",
            paper_url="https://www.lambeth.gov.uk/",
        )
        if day <= today:
            for person, capacity in ((councillor, "chair"), (officer, "officer")):
                meeting_services.attendance_record(
                    user=officer, meeting_id=meeting.pk, name=str(person), capacity=capacity, present=True
                )
        # Only a meeting that has happened has minutes; one held today may still be under way.
        if publish and meeting.starts_at <= timezone.now():
            meeting_services.minutes_publish(
                user=officer,
                meeting_id=meeting.pk,
                minutes="The board heard the youth forum and approved the youth steering group.",
                decision_ids=[decision.pk] if decision else [],
            )
        report.add(f"meeting {title}", True)


def _question(report, officer, resident, commission) -> None:
    title = "How will young people be paid for steering the group?"
    if Question.objects.filter(title=title).exists():
        return
    question = question_services.question_ask(
        user=resident,
        subject_kind="commission",
        subject_id=commission.pk,
        service_area="children_young_people",
        title=title,
        body="Is it a wage, vouchers or expenses?",
    )
    question_services.question_moderate(user=officer, question_id=question.pk, publish=True)
    question_services.question_answer(
        user=officer,
        question_id=question.pk,
        answer="At the London Living Wage, for up to four hours a month, paid by the Lambeth Youth Trust.",
    )
    report.add("question about the Youth steering group, answered", True)


def _indicator_values(report) -> None:
    for indicator in Indicator.objects.all():
        step = (indicator.target - indicator.baseline) / Decimal(3)
        _, created = IndicatorValue.objects.get_or_create(
            indicator=indicator,
            period_start=date(2025, 4, 1),
            defaults={
                "period_end": date(2026, 3, 31),
                "value": (indicator.baseline + step).quantize(Decimal("0.001")),
                "source": "Demo figures",
            },
        )
        report.add(f"2025-26 value of {indicator.name}", created)
