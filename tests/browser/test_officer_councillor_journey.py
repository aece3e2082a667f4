"""Officers and councillors on the record, in a real browser: involvement, stages, a commission, its decision."""

import re

import pytest
from django.utils import timezone

from accounts.roles import Role
from commissioning.models import Stage
from governance.models import Commission, Decision, ProtectedCharacteristic, StageTransition
from tests.factories import PASSWORD, CycleFactory, OutcomeFactory, PriorityFactory, UserFactory


@pytest.fixture
def cycle_and_people(db):
    officer = UserFactory(email="omar@example.org", full_name="Omar Haddad", role=Role.OFFICER)
    cycle = CycleFactory(
        title="Youth services 2027", slug="youth-services-2027", stage=Stage.ANALYSE, created_by=officer
    )
    cycle.outcomes.add(OutcomeFactory(title="Young people thrive"))
    PriorityFactory(cycle=cycle, title="Late-night youth club")
    councillors = [
        UserFactory(email=f"{name.split()[0].lower()}@example.org", full_name=name, role=Role.COUNCILLOR)
        for name in ("Chloe Martin", "Dev Patel", "Ife Adebayo")
    ]
    return {"officer": officer, "cycle": cycle, "councillors": councillors}


def _sign_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("heading", name=re.compile("Hello")).wait_for()


def _log_involvement(page, axe, said: str) -> None:
    page.get_by_role("link", name="Log an involvement activity").click()
    page.get_by_label("Purpose", exact=True).select_option(label="Design")
    page.get_by_label("Method", exact=True).select_option(label="Youth forum")
    page.get_by_label("Date held").fill(timezone.localdate().isoformat())
    page.get_by_label("Number of participants").fill("31")
    page.get_by_label("What happened").fill("The youth forum reviewed the evidence of need.")
    page.get_by_label("What residents said").fill(said)
    page.get_by_label("What changed as a result").fill("Evening provision added to the plan.")
    page.get_by_label("Equality monitoring (optional, anonymous counts)").fill("Age band, 11 to 15, 12")
    axe.check(page)
    page.get_by_role("button", name="Log the activity").click()
    page.get_by_text("The involvement activity has been logged.").wait_for()


@pytest.mark.django_db(transaction=True)
def test_officer_runs_the_cycle_and_councillors_decide_on_the_record(new_page, axe, cycle_and_people):
    data = cycle_and_people
    cycle = data["cycle"]
    officer = new_page()
    _sign_in(officer, data["officer"].email)

    officer.goto(f"/officer/cycles/{cycle.slug}/governance/")
    axe.check(officer)
    officer.get_by_role("button", name="Move to the next stage").click()
    officer.get_by_text("The Analyse stage cannot be closed until at least one involvement activity").first.wait_for()
    axe.check(officer)

    _log_involvement(officer, axe, "Nowhere to go after 6pm.")
    officer.get_by_role("button", name="Move to the next stage").click()
    officer.get_by_text("The cycle has moved to the Plan stage.").wait_for()
    _log_involvement(officer, axe, "Keep it free.")
    officer.get_by_role("button", name="Move to the next stage").click()
    officer.get_by_text("The cycle has moved to the Do stage.").wait_for()
    axe.check(officer)
    assert list(StageTransition.objects.values_list("to_stage", flat=True)) == ["plan", "do"]

    officer.get_by_role("link", name="Draft a commission").click()
    officer.get_by_label("What is commissioned").fill("Late-night youth club")
    officer.get_by_label("Description", exact=True).fill("Open the youth club until 10pm on Fridays.")
    officer.get_by_label("Late-night youth club").check()
    officer.get_by_label("Young people thrive").check()
    officer.get_by_label("Provider type").select_option(label="Co-operative")
    officer.get_by_label("Value in pounds").fill("60000")
    officer.get_by_label("Procurement route").fill("Grant to a community co-operative")
    for councillor in data["councillors"]:
        officer.get_by_label(councillor.full_name).check()
    officer.get_by_label("Revenue and cash: amount in pounds (optional)").fill("60000")
    officer.get_by_label("Capital and assets: description (optional)").fill("The youth centre, rent free.")
    axe.check(officer)
    officer.get_by_role("button", name="Save the commission").click()

    officer.get_by_role("heading", name="Equality impact assessment").wait_for()
    axe.check(officer)
    for characteristic in ProtectedCharacteristic:
        officer.get_by_label(f"{characteristic.label}: impact").select_option(label="Positive")
        officer.get_by_label(f"{characteristic.label}: evidence").fill("Youth forum and borough data.")
    officer.get_by_role("button", name="Save the assessment").click()
    officer.get_by_text("The equality impact assessment has been saved.").wait_for()
    axe.check(officer)
    officer.get_by_role("button", name="Submit for decision").click()
    officer.get_by_text("The commission has been submitted to the councillors for decision.").wait_for()
    commission = Commission.objects.get(title="Late-night youth club")
    assert commission.status == Commission.Status.SUBMITTED
    assert set(commission.resources.values_list("kind", flat=True)) == {"cash", "capital_assets"}

    chloe, dev, ife = data["councillors"]
    conflicted = new_page()
    _sign_in(conflicted, ife.email)
    conflicted.goto("/councillor/commissions/")
    axe.check(conflicted)
    conflicted.get_by_role("link", name="Late-night youth club").click()
    axe.check(conflicted)
    conflicted.get_by_label("Yes, I have an interest").check()
    conflicted.get_by_label("Describe your interest").fill("My brother is a director of the co-operative.")
    conflicted.get_by_role("button", name="Make your declaration").click()
    conflicted.get_by_text("You declared an interest in this commission, so you cannot vote on it.").wait_for()
    assert conflicted.get_by_role("button", name="Cast your vote").count() == 0
    axe.check(conflicted)

    for councillor in (chloe, dev):
        page = new_page()
        _sign_in(page, councillor.email)
        page.goto(f"/councillor/commissions/{commission.pk}/")
        page.get_by_label("No, I have no interest to declare").check()
        page.get_by_role("button", name="Make your declaration").click()
        page.get_by_text("Your declaration has been recorded.").wait_for()
        page.get_by_label("Approve", exact=True).check()
        page.get_by_label("Your reasons (published)").fill(f"{councillor.full_name}: residents chose it.")
        axe.check(page)
        page.get_by_role("button", name="Cast your vote").click()
        page.get_by_text("Your vote has been recorded.").wait_for()

    decision = Decision.objects.get()
    assert decision.result == Decision.Result.APPROVED
    assert not any(v["councillor"] == str(ife) for v in decision.votes)

    visitor = new_page()
    visitor.goto("/decisions/")
    axe.check(visitor)
    visitor.get_by_role("link", name="Late-night youth club").click()
    visitor.get_by_text("Dev Patel: residents chose it.").wait_for()
    visitor.get_by_text("My brother is a director of the co-operative.", exact=False).wait_for()
    axe.check(visitor)
    visitor.goto(f"/cycles/{cycle.slug}/")
    axe.check(visitor)
    visitor.get_by_role("link", name=re.compile("You said, we did")).click()
    visitor.get_by_text("Nowhere to go after 6pm.").wait_for()
    axe.check(visitor)

    assert axe.problems == []
