"""A binding ward vote for verified residents only, and demo residents verified each of the three ways.

The walk-through: Rosa Resident (email only) opens the binding vote and is refused, with a link to get
verified; she matches herself against the demo register extract with the details `seed_demo` prints,
and votes. Three more residents of the same ward are already verified — by the register, by a voting
code and in person — and can vote at once.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.roles import Role
from citizens.models import Ward
from commissioning import services as cycles
from demo.year import _accepted_priorities, _new_cycle, _person
from verification import services as verification

BINDING_CYCLE = "brixton-windrush-ward-fund-2027"
BINDING_WARD = "Brixton Windrush"
ROSA_POSTCODE = "SW2 1EP"

# (email, name, how they are verified, surname, date of birth, postcode)
VERIFIED_RESIDENTS = [
    ("rhys@example.org", "Rhys Register", "register", "Register", date(1986, 4, 2), "SW9 8LD"),
    ("cora@example.org", "Cora Code", "code", "", None, ""),
    ("ines@example.org", "Ines In-person", "in_person", "In-person", date(1958, 11, 23), "SW2 1RW"),
]

WARD_PRIORITIES = [
    ("Windrush Square summer events", "Free music, food and sports on the square through the summer.", 15000),
    ("Youth club evenings at Max Roach Park", "Two extra evenings a week with youth workers.", 22000),
    ("Street benches and shade on Coldharbour Lane", "Seats and trees for older residents and carers.", 12000),
    ("Library homework club", "After-school help with homework and free printing.", 9000),
]


def rosa_register_details(today: date | None = None) -> tuple[str, date, str]:
    """What Rosa types to match herself against the demo register (her profile says she is 19)."""
    today = today or timezone.localdate()
    return "Resident", date(today.year - 19, 3, 14), ROSA_POSTCODE


def seed_verification_demo(report, now, users: dict, outcomes: dict) -> None:
    officer = users[Role.OFFICER]
    ward = Ward.objects.get(name=BINDING_WARD)
    cycle = _new_cycle(
        officer,
        title="Brixton Windrush ward fund 2027",
        summary=(
            "£40,000 for the ward, decided by its residents. This vote is binding, so only verified "
            "residents of Brixton Windrush can take part: one resident, one vote."
        ),
        slug=BINDING_CYCLE,
        changes={
            "scope": "wards",
            "wards": [ward],
            "assurance": "resident",
            "outcomes": list(outcomes.values()),
            "budget": Decimal("40000"),
            "voting_opens_at": now - timedelta(days=2),
            "voting_closes_at": now + timedelta(days=19),
            "ballot_type": "approval",
            "max_choices": 2,
            "counting_rule": "mes",
        },
    )
    if cycle is None:
        return
    health = next(iter(outcomes.values()))
    _accepted_priorities(cycle, WARD_PRIORITIES, health, officer)
    cycles.cycle_publish(user=officer, cycle_id=cycle.pk)
    report.add("binding cycle Brixton Windrush ward fund 2027", True)
    _verify_residents(report, officer, ward)


def _verify_residents(report, officer, ward: Ward) -> None:
    from demo.seed import DEMO_PASSWORD

    surname, born, postcode = rosa_register_details()
    rows = [
        "surname,date_of_birth,postcode,ward",
        f"{surname},{born:%d/%m/%Y},{postcode},{ward.name}",
        *(
            f"{s},{b:%d/%m/%Y},{p},{ward.name}"
            for _e, _n, method, s, b, p in VERIFIED_RESIDENTS
            if method == "register"
        ),
    ]
    verification.register_extract_import(officer=officer, source="electoral", lines=iter(rows), retention_days=90)
    report.add("register extract (demo)", True)
    for email, name, method, surname, born, postcode in VERIFIED_RESIDENTS:
        person = _person(email, name, ward, (born or date(1990, 1, 1)).year, DEMO_PASSWORD)
        if method == "register":
            verification.register_match(user=person, surname=surname, date_of_birth=born, postcode=postcode)
        elif method == "code":
            _batch, codes = verification.code_batch_create(officer=officer, size=1, language="en-gb", ward=ward)
            verification.code_redeem(user=person, code=codes[0])
        else:
            verification.in_person_verify(
                officer=officer,
                user=person,
                surname=surname,
                date_of_birth=born,
                postcode=postcode,
                ward=ward,
                document="passport",
            )
        report.add(f"verified resident {email} ({method})", True)
