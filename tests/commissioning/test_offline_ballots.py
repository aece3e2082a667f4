"""Voting without internet: ballots an officer records with a resident who is present, and paper ballots
entered in batches. One ballot per person whatever the channel; every one audited without its choices."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from commissioning import services
from commissioning.models import Ballot, BallotChoice, Channel, IdentityCheck, PaperBatch, PaperEntry
from core.errors import DomainError
from core.models import AuditEvent
from tests.factories import BallotFactory, CycleFactory, PriorityFactory, UserFactory


@pytest.fixture
def second_officer(db):
    return UserFactory(email="olu@example.org", role=Role.OFFICER)


@pytest.fixture
def cycle(db):
    cycle = CycleFactory(budget=Decimal(100000))
    for title in ("Library hours", "Youth club", "Street trees"):
        PriorityFactory(cycle=cycle, title=title, estimated_cost=Decimal(30000))
    return cycle


def _ids(cycle):
    return {p.title: p.pk for p in cycle.priorities.all()}


def _batch(cycle, officer, check=PaperBatch.Check.DOUBLE_ENTRY, total=None):
    return services.paper_batch_open(
        officer=officer, cycle=cycle, label="Brixton Library", check_method=check, declared_total=total
    )


# Assisted ballots


@pytest.mark.django_db
def test_officer_records_a_present_residents_vote_with_the_identity_check_audited_but_not_the_choices(
    cycle, resident, officer
):
    ids = _ids(cycle)

    cast = services.ballot_cast(
        user=resident,
        cycle_id=cycle.pk,
        choices={ids["Youth club"]: 1},
        channel=Channel.ASSISTED,
        entered_by=officer,
        identity_check=IdentityCheck.PHOTO_ID,
    )

    assert cast.ballot.channel == Channel.ASSISTED
    event = AuditEvent.objects.get(action="ballot.assisted")
    assert event.actor == officer and event.context_id == cycle.pk and event.object_id == resident.pk
    assert event.after == {"channel": "assisted", "identity_check": "photo_id", "paper_serial": None}
    assert cast.ballot.receipt_code not in event.object_repr
    assert "Youth club" not in str(event.after) and str(ids["Youth club"]) not in str(event.after)


@pytest.mark.django_db
def test_an_assisted_ballot_needs_the_identity_check(cycle, resident, officer):
    with pytest.raises(DomainError) as refused:
        services.ballot_cast(
            user=resident,
            cycle_id=cycle.pk,
            choices={_ids(cycle)["Youth club"]: 1},
            channel=Channel.ASSISTED,
            entered_by=officer,
        )

    assert refused.value.code == "identity_check_required"
    assert not Ballot.objects.exists()


@pytest.mark.django_db
def test_resident_who_voted_with_an_officer_cannot_vote_again_online(cycle, resident, officer, client_for):
    ids = _ids(cycle)
    services.ballot_cast(
        user=resident,
        cycle_id=cycle.pk,
        choices={ids["Youth club"]: 1},
        channel=Channel.ASSISTED,
        entered_by=officer,
        identity_check=IdentityCheck.COUNCIL_LETTER,
    )

    with pytest.raises(DomainError) as refused:
        services.ballot_cast(user=resident, cycle_id=cycle.pk, choices={ids["Street trees"]: 1})

    assert refused.value.code == "already_voted"
    assert "You have already voted with the help of a council officer" in refused.value.message
    assert list(BallotChoice.objects.values_list("priority_id", flat=True)) == [ids["Youth club"]]


@pytest.mark.django_db
def test_assisted_ballot_page_records_the_vote(cycle, resident, officer, client_for):
    ids = _ids(cycle)

    response = client_for(officer).post(
        reverse("assisted_ballot", args=[cycle.slug]),
        {
            "voter": resident.email,
            "identity_check": "known_records",
            "consent": "on",
            "priority": [ids["Library hours"]],
        },
    )

    assert response.status_code == 302
    ballot = Ballot.objects.get(voter=resident)
    assert ballot.channel == Channel.ASSISTED
    assert AuditEvent.objects.get(action="ballot.assisted").after["identity_check"] == "known_records"


@pytest.mark.django_db
def test_assisted_ballot_page_refuses_an_unknown_email_and_saves_nothing(cycle, officer, client_for):
    response = client_for(officer).post(
        reverse("assisted_ballot", args=[cycle.slug]),
        {
            "voter": "nobody@example.org",
            "identity_check": "photo_id",
            "consent": "on",
            "priority": [_ids(cycle)["Library hours"]],
        },
    )

    assert response.status_code == 400
    assert "No account has this email address" in response.content.decode()
    assert not Ballot.objects.exists()


# Paper ballots, entered twice


@pytest.mark.django_db
def test_a_paper_counts_only_when_a_second_officer_enters_it_the_same_way(cycle, resident, officer, second_officer):
    ids = _ids(cycle)
    batch = _batch(cycle, officer)
    choices = {ids["Library hours"]: 1, ids["Street trees"]: 1}

    first = services.paper_ballot_enter(officer=officer, batch_id=batch.pk, serial=17, voter=resident, choices=choices)
    assert not first.counted and not Ballot.objects.exists()

    second = services.paper_ballot_enter(
        officer=second_officer, batch_id=batch.pk, serial=17, voter=resident, choices=choices
    )

    assert second.counted
    ballot = Ballot.objects.get(voter=resident)
    assert (ballot.channel, ballot.paper_serial) == (Channel.PAPER, 17)
    assert set(ballot.choices.values_list("priority_id", flat=True)) == set(choices)
    # Once the paper counts, the entries keep no copy of its choices.
    assert list(PaperEntry.objects.values_list("choices", "counted")) == [({}, True), ({}, True)]
    audit = AuditEvent.objects.get(action="ballot.paper")
    assert audit.actor == second_officer and audit.after["paper_serial"] == 17


@pytest.mark.django_db
def test_the_same_officer_cannot_make_both_entries(cycle, resident, officer):
    ids = _ids(cycle)
    batch = _batch(cycle, officer)
    services.paper_ballot_enter(
        officer=officer, batch_id=batch.pk, serial=3, voter=resident, choices={ids["Youth club"]: 1}
    )

    with pytest.raises(DomainError) as refused:
        services.paper_ballot_enter(
            officer=officer, batch_id=batch.pk, serial=3, voter=resident, choices={ids["Youth club"]: 1}
        )

    assert refused.value.code == "same_officer"
    assert not Ballot.objects.exists()


@pytest.mark.django_db
def test_entries_that_differ_are_refused_until_the_wrong_one_is_discarded(cycle, resident, officer, second_officer):
    ids = _ids(cycle)
    batch = _batch(cycle, officer)
    mistyped = services.paper_ballot_enter(
        officer=officer, batch_id=batch.pk, serial=5, voter=resident, choices={ids["Youth club"]: 1}
    )

    with pytest.raises(DomainError) as refused:
        services.paper_ballot_enter(
            officer=second_officer, batch_id=batch.pk, serial=5, voter=resident, choices={ids["Street trees"]: 1}
        )
    assert refused.value.code == "entries_differ"
    assert not Ballot.objects.exists()

    services.paper_entry_discard(officer=second_officer, entry_id=mistyped.entry.pk)
    services.paper_ballot_enter(
        officer=second_officer, batch_id=batch.pk, serial=5, voter=resident, choices={ids["Street trees"]: 1}
    )
    services.paper_ballot_enter(
        officer=officer, batch_id=batch.pk, serial=5, voter=resident, choices={ids["Street trees"]: 1}
    )
    assert Ballot.objects.get(voter=resident).choices.get().priority_id == ids["Street trees"]
    assert AuditEvent.objects.filter(action="paper.discarded").count() == 1


@pytest.mark.django_db
def test_entering_a_counted_paper_again_changes_nothing(cycle, resident, officer, second_officer):
    ids = _ids(cycle)
    batch = _batch(cycle, officer)
    choices = {ids["Youth club"]: 1}
    for who in (officer, second_officer):
        services.paper_ballot_enter(officer=who, batch_id=batch.pk, serial=9, voter=resident, choices=choices)

    for who in (officer, second_officer, UserFactory(role=Role.OFFICER)):
        with pytest.raises(DomainError) as refused:
            services.paper_ballot_enter(officer=who, batch_id=batch.pk, serial=9, voter=resident, choices=choices)
        assert refused.value.code == "serial_counted"

    assert Ballot.objects.count() == 1 and PaperEntry.objects.count() == 2


@pytest.mark.django_db
def test_a_paper_for_someone_who_voted_online_is_refused_with_a_clear_message(cycle, resident, officer):
    ids = _ids(cycle)
    services.ballot_cast(user=resident, cycle_id=cycle.pk, choices={ids["Youth club"]: 1})
    batch = _batch(cycle, officer, check=PaperBatch.Check.BATCH_TOTAL, total=1)

    with pytest.raises(DomainError) as refused:
        services.paper_ballot_enter(
            officer=officer, batch_id=batch.pk, serial=1, voter=resident, choices={ids["Street trees"]: 1}
        )

    assert refused.value.code == "already_voted"
    assert refused.value.message.startswith("This resident has already voted online")
    assert Ballot.objects.get().channel == Channel.ONLINE
    assert not PaperEntry.objects.exists()


@pytest.mark.django_db
def test_the_database_refuses_a_paper_ballot_over_an_online_one_even_past_the_service(cycle, resident, officer):
    """ballot_cast's upsert only replaces online with online: the refusal holds at the one constraint."""
    ids = _ids(cycle)
    services.ballot_cast(user=resident, cycle_id=cycle.pk, choices={ids["Youth club"]: 1})

    with pytest.raises(DomainError) as refused:
        services.ballot_cast(
            user=resident,
            cycle_id=cycle.pk,
            choices={ids["Street trees"]: 1},
            channel=Channel.PAPER,
            entered_by=officer,
            paper_serial=4,
        )

    assert refused.value.code == "already_voted"
    ballot = Ballot.objects.get()
    assert (ballot.channel, ballot.version) == (Channel.ONLINE, 1)


@pytest.mark.django_db
def test_resident_who_voted_on_paper_is_told_online_that_they_have_voted(cycle, resident, officer, client_for):
    ids = _ids(cycle)
    batch = _batch(cycle, officer, check=PaperBatch.Check.BATCH_TOTAL, total=1)
    services.paper_ballot_enter(
        officer=officer, batch_id=batch.pk, serial=1, voter=resident, choices={ids["Youth club"]: 1}
    )
    client = client_for(resident)

    page = client.get(reverse("ballot", args=[cycle.slug])).content.decode()
    refused = client.post(reverse("ballot", args=[cycle.slug]), {"action": "cast", "priority": [ids["Street trees"]]})

    assert "You have already voted on a paper ballot" in page
    assert 'name="priority"' not in page
    assert refused.status_code == 400
    assert "You have already voted on a paper ballot" in refused.content.decode()
    assert Ballot.objects.get().choices.get().priority_id == ids["Youth club"]


# Paper ballots checked against the batch total


@pytest.mark.django_db
def test_a_batch_closes_only_when_its_count_matches_the_papers_in_it(cycle, officer):
    ids = _ids(cycle)
    batch = _batch(cycle, officer, check=PaperBatch.Check.BATCH_TOTAL, total=2)
    voters = [UserFactory(), UserFactory()]
    services.paper_ballot_enter(
        officer=officer, batch_id=batch.pk, serial=1, voter=voters[0], choices={ids["Youth club"]: 1}
    )

    with pytest.raises(DomainError) as refused:
        services.paper_batch_check(officer=officer, batch_id=batch.pk)
    assert refused.value.message == (
        "1 paper has been entered, but the batch holds 2. Find the difference before closing it."
    )

    services.paper_ballot_enter(
        officer=officer, batch_id=batch.pk, serial=2, voter=voters[1], choices={ids["Youth club"]: 1}
    )
    assert services.paper_batch_check(officer=officer, batch_id=batch.pk).checked_at is not None
    assert Ballot.objects.filter(channel=Channel.PAPER).count() == 2
    with pytest.raises(DomainError):
        services.paper_ballot_enter(
            officer=officer, batch_id=batch.pk, serial=3, voter=UserFactory(), choices={ids["Youth club"]: 1}
        )


@pytest.mark.django_db
def test_a_serial_number_counts_once_per_cycle_across_batches(cycle, officer):
    ids = _ids(cycle)
    first = _batch(cycle, officer, check=PaperBatch.Check.BATCH_TOTAL, total=5)
    second = services.paper_batch_open(
        officer=officer, cycle=cycle, label="Town hall", check_method=PaperBatch.Check.BATCH_TOTAL, declared_total=5
    )
    services.paper_ballot_enter(
        officer=officer, batch_id=first.pk, serial=42, voter=UserFactory(), choices={ids["Youth club"]: 1}
    )

    with pytest.raises(DomainError) as refused:
        services.paper_ballot_enter(
            officer=officer, batch_id=second.pk, serial=42, voter=UserFactory(), choices={ids["Youth club"]: 1}
        )

    assert refused.value.code == "serial_counted"


@pytest.mark.django_db
def test_database_constraints_on_channels_and_serials(cycle):
    BallotFactory(cycle=cycle, channel=Channel.PAPER, paper_serial=7)
    with pytest.raises(IntegrityError):
        BallotFactory(cycle=cycle, channel=Channel.PAPER, paper_serial=7)


@pytest.mark.django_db
def test_a_paper_ballot_must_carry_its_serial(cycle):
    with pytest.raises(IntegrityError):
        BallotFactory(cycle=cycle, channel=Channel.PAPER, paper_serial=None)


# What residents and officers see


@pytest.mark.django_db
def test_results_say_how_many_ballots_came_by_each_channel(cycle, officer, client_for):
    ids = _ids(cycle)
    services.ballot_cast(user=UserFactory(), cycle_id=cycle.pk, choices={ids["Youth club"]: 1})
    services.ballot_cast(
        user=UserFactory(),
        cycle_id=cycle.pk,
        choices={ids["Youth club"]: 1},
        channel=Channel.ASSISTED,
        entered_by=officer,
        identity_check=IdentityCheck.VOUCHED,
    )
    batch = _batch(cycle, officer, check=PaperBatch.Check.BATCH_TOTAL, total=2)
    for serial in (1, 2):
        services.paper_ballot_enter(
            officer=officer, batch_id=batch.pk, serial=serial, voter=UserFactory(), choices={ids["Street trees"]: 1}
        )
    cycle.voting_closes_at = timezone.now() - timedelta(minutes=1)
    cycle.voting_opens_at = timezone.now() - timedelta(days=2)
    cycle.save()

    page = client_for(None).get(reverse("results", args=[cycle.slug])).content.decode()

    assert '<span data-channel="online">Online: 1</span>' in page
    assert '<span data-channel="assisted">With an officer&#x27;s help: 1</span>' in page
    assert '<span data-channel="paper">On paper: 2</span>' in page


@pytest.mark.django_db
def test_officer_downloads_numbered_ballot_papers_in_large_print(cycle, officer, client_for):
    response = client_for(officer).get(
        reverse("ballot_papers", args=[cycle.slug]),
        {"first_serial": 101, "count": 3, "size": "large", "language": "es"},
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].endswith(f'{cycle.slug}-ballot-papers-101-103-large-print.pdf"')
    assert response.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_ballot_paper_html_is_large_print_numbered_and_in_the_chosen_language(cycle):
    from django.template.loader import render_to_string
    from django.utils import translation

    from commissioning.models import BallotType

    with translation.override("es"):
        html = render_to_string(
            "commissioning/ballot_paper_pdf.html",
            {
                "cycle": cycle,
                "priorities": cycle.priorities.all(),
                "serials": range(101, 104),
                "large": True,
                "rank_options": range(1, 4),
                "BallotType": BallotType,
                "LANGUAGE_CODE": "es",
            },
        )

    assert 'lang="es"' in html and "font-size: 18pt" in html
    assert all(f": {n}</p>" in html for n in (101, 102, 103))


@pytest.mark.django_db
def test_a_paper_voter_is_emailed_a_receipt_that_says_the_vote_cannot_change(
    cycle, resident, officer, django_capture_on_commit_callbacks
):
    from django.core import mail

    batch = _batch(cycle, officer, check=PaperBatch.Check.BATCH_TOTAL, total=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.paper_ballot_enter(
            officer=officer, batch_id=batch.pk, serial=1, voter=resident, choices={_ids(cycle)["Youth club"]: 1}
        )

    body = mail.outbox[-1].body
    assert "Youth club" in body and Ballot.objects.get().receipt_code in body
    assert "Your paper ballot was entered by a council officer. It counts, and it cannot be changed." in body
    assert "You can change your vote" not in body
