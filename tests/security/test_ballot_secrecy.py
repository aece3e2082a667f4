"""Issue 11, point 3: no export, API response, page or log line pairs a voter with a receipt code.

The receipt code is the voter's key to their ballot in the published file: it is shown to the voter
and nobody else. (The Django admin's side is closed by the architecture issue, not tested here.)
"""

import io
import logging
import zipfile
from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.roles import Role
from commissioning import counting
from commissioning.models import Ballot
from reports import services as report_services
from reports.models import Report
from tests.factories import CycleFactory, PriorityFactory, UserFactory


@pytest.fixture
def voted(db, resident, django_capture_on_commit_callbacks):
    cycle = CycleFactory(title="Greener Oval 2027", slug="greener-oval", budget=Decimal(100000))
    park = PriorityFactory(cycle=cycle, title="Pocket park", estimated_cost=Decimal(60000))
    client = APIClient()
    client.force_authenticate(resident)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("api-cycle-ballot", args=[cycle.pk]), {"choices": [{"priority": park.pk}]}, format="json"
        )
    assert response.status_code == 200
    cycle.voting_closes_at = timezone.now() - timedelta(minutes=1)
    cycle.save()
    counting.cycle_count(cycle_id=cycle.pk)
    return cycle, Ballot.objects.get(voter=resident).receipt_code


def _body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode(errors="replace")


def _readable_urls(cycle) -> list[str]:
    names_by_slug = ("cycle_detail", "results", "ballot_file", "involvement_log", "moderation_queue")
    names_by_pk = ("api-cycle-detail", "api-cycle-results", "api-cycle-timeline", "api-involvement-list")
    return [
        *(reverse(name, args=[cycle.slug]) for name in names_by_slug),
        *(reverse(name, args=[cycle.pk]) for name in names_by_pk),
        reverse("audit_trail"),
        reverse("api-audit-trail"),
        reverse("api-decision-log"),
        reverse("officer_cycle_list"),
        reverse("dashboard"),
        reverse("notification_inbox"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("role", [None, Role.RESIDENT, Role.OFFICER, Role.COUNCILLOR, Role.ADMINISTRATOR])
def test_nobody_but_the_voter_sees_the_receipt_code(voted, role):
    cycle, receipt = voted
    client = Client()
    if role is not None:
        client.force_login(UserFactory(role=role, is_staff=role == Role.ADMINISTRATOR))

    shown = [url for url in _readable_urls(cycle) if receipt in _body(client.get(url))]

    assert shown == []


@pytest.mark.django_db
def test_the_voter_alone_sees_their_own_receipt(voted, resident):
    cycle, receipt = voted
    client = APIClient()
    client.force_authenticate(resident)

    assert client.get(reverse("api-cycle-ballot", args=[cycle.pk])).json()["receipt_code"] == receipt


@pytest.mark.django_db
def test_the_published_ballot_file_and_the_report_exports_hold_no_receipt_code(
    voted, officer, settings, tmp_path, django_capture_on_commit_callbacks
):
    cycle, receipt = voted
    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        report = report_services.report_request(kind=Report.Kind.CYCLE, cycle=cycle, requested_by=officer)
    report.refresh_from_db()
    assert report.status == Report.Status.DONE

    ballot_file = _body(Client().get(reverse("ballot_file", args=[cycle.slug])))
    with zipfile.ZipFile(report.csv.path) as archive:
        csv_text = "".join(archive.read(name).decode() for name in archive.namelist())
    xlsx_bytes = report.xlsx.read()
    with zipfile.ZipFile(io.BytesIO(xlsx_bytes)) as workbook:
        xlsx_text = "".join(workbook.read(name).decode(errors="replace") for name in workbook.namelist())

    assert Ballot.public_voter_id_for(receipt) in ballot_file  # the voter can find their ballot ...
    assert receipt not in ballot_file  # ... and nobody else can tell whose it is
    assert receipt not in csv_text
    assert receipt not in xlsx_text


@pytest.mark.django_db
def test_no_log_line_holds_a_receipt_code(resident, caplog, django_capture_on_commit_callbacks):
    cycle = CycleFactory()
    park = PriorityFactory(cycle=cycle)
    client = Client()
    client.force_login(resident)
    caplog.set_level(logging.DEBUG)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("ballot", args=[cycle.slug]), {"priority": [park.pk], "action": "cast"})
        client.get(reverse("ballot_done", args=[cycle.slug]))
    receipt = Ballot.objects.get(voter=resident).receipt_code

    lines = [record.getMessage() for record in caplog.records]
    assert lines  # the request and the email were logged ...
    assert not [line for line in lines if receipt in line]  # ... without the receipt code
