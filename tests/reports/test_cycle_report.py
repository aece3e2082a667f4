import csv
import io
import zipfile
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from commissioning import counting, services
from commissioning.models import Stage
from governance.models import InvolvementActivity, InvolvementMethod, InvolvementPurpose
from reports import services as report_services
from reports.models import Report
from tests.factories import CycleFactory, PriorityFactory, ResidentProfileFactory, UserFactory, WardFactory


def _text(path) -> str:
    """The PDF's words, with line breaks and spacing folded, as a reader would read them."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


@pytest.fixture
def counted_cycle(officer):
    oval = WardFactory(name="Oval", slug="oval", population=15000, electorate=10000)
    cycle = CycleFactory(title="Greener Oval 2027", budget=Decimal(100000))
    park, club = (
        PriorityFactory(cycle=cycle, title="Pocket park", estimated_cost=Decimal(60000)),
        PriorityFactory(cycle=cycle, title="Youth club", estimated_cost=Decimal(70000)),
    )
    for n in range(3):
        voter = ResidentProfileFactory(user=UserFactory(), ward=oval).user
        services.ballot_cast(user=voter, cycle_id=cycle.pk, choices={park.pk: 1, **({club.pk: 1} if n == 0 else {})})
    activity = InvolvementActivity.objects.create(
        cycle=cycle,
        stage=Stage.PLAN,
        purpose=InvolvementPurpose.DESIGN,
        method=InvolvementMethod.CO_DESIGN_WORKSHOP,
        held_on=date(2026, 10, 1),
        participant_count=42,
        summary="Workshop at the Oval community centre.",
        recorded_by=officer,
    )
    activity.wards.add(oval)
    cycle.voting_closes_at = timezone.now() - timedelta(minutes=1)
    cycle.save()
    counting.cycle_count(cycle_id=cycle.pk)
    return cycle


@pytest.mark.django_db
def test_cycle_report_is_generated_end_to_end_with_pdf_csv_and_xlsx(
    counted_cycle, officer, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path

    with django_capture_on_commit_callbacks(execute=True):
        report = report_services.report_request(kind=Report.Kind.CYCLE, cycle=counted_cycle, requested_by=officer)
    report.refresh_from_db()

    assert (report.status, report.progress) == (Report.Status.DONE, 100)
    pdf_text = _text(report.pdf.path)
    assert "Greener Oval 2027" in pdf_text
    assert "Participation by ward" in pdf_text
    assert "Pocket park" in pdf_text
    assert "Co-design workshop" in pdf_text
    with zipfile.ZipFile(report.csv.path) as archive:
        wards = list(csv.reader(io.TextIOWrapper(archive.open("participation_by_ward.csv"), encoding="utf-8")))
        ballots = list(csv.reader(io.TextIOWrapper(archive.open("ballots.csv"), encoding="utf-8")))
    assert ["Oval", "3", "15000", "10000", "0.2", "0.0"] in wards
    assert len(ballots) == 1 + 4  # header, then one row per choice: 2 + 1 + 1
    workbook = load_workbook(report.xlsx.path, read_only=True)
    results = list(workbook["results"].iter_rows(values_only=True))
    assert results[1][1] == "Pocket park"
    assert results[1][5] is True


@pytest.mark.django_db
def test_a_duplicate_generate_task_does_nothing(
    counted_cycle, officer, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        report = report_services.report_request(kind=Report.Kind.CYCLE, cycle=counted_cycle, requested_by=officer)

    assert report_services.report_generate(report_id=report.pk) is False


@pytest.mark.django_db
def test_outcomes_report_charts_each_indicator(officer, settings, tmp_path, django_capture_on_commit_callbacks):
    from demo.seed import seed_demo

    settings.MEDIA_ROOT = tmp_path
    seed_demo()
    with django_capture_on_commit_callbacks(execute=True):
        report = report_services.report_request(kind=Report.Kind.OUTCOMES, requested_by=officer)
    report.refresh_from_db()

    text = _text(report.pdf.path)
    assert "Household waste recycled" in text
    assert "Progress towards target" in text


@pytest.mark.django_db
def test_monthly_involvement_report_covers_last_month(officer, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        report = report_services.report_request(kind=Report.Kind.MONTHLY_INVOLVEMENT, requested_by=officer)
    report.refresh_from_db()

    first_of_month = timezone.localdate().replace(day=1)
    assert report.period_end == first_of_month - timedelta(days=1)
    assert report.status == Report.Status.DONE


@pytest.mark.django_db
def test_officer_requests_a_report_and_sees_its_progress_then_downloads(
    client_for, officer, counted_cycle, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(officer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("report_request"), {"kind": "cycle", "cycle": counted_cycle.pk})
    page = client.get(response["Location"]).content.decode()
    report = Report.objects.get()

    assert "Your report is ready" in page
    download = client.get(reverse("report_download", args=[report.pk, "pdf"]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")


@pytest.mark.django_db
def test_report_page_shows_a_progress_bar_while_it_runs(client_for, officer, counted_cycle):
    report = Report.objects.create(
        kind=Report.Kind.CYCLE, cycle=counted_cycle, status=Report.Status.RUNNING, progress=45, step="Results"
    )

    page = client_for(officer).get(reverse("report_detail", args=[report.pk])).content.decode()

    assert '<progress id="report-progress" max="100" value="45"' in page
    assert 'http-equiv="refresh"' in page


@pytest.mark.django_db
def test_residents_cannot_see_or_request_reports(client_for, resident, counted_cycle):
    client = client_for(resident)

    assert client.get(reverse("report_list")).status_code == 403
    assert client.post(reverse("report_request"), {"kind": "outcomes"}).status_code == 403
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_cycle_report_counts_ballots_by_how_their_voters_were_checked(resident):
    from reports.builders import cycle_report
    from tests.factories import verified_resident

    cycle = CycleFactory()
    priority = PriorityFactory(cycle=cycle)
    services.ballot_cast(user=verified_resident(method="code").user, cycle_id=cycle.pk, choices={priority.pk: 1})
    services.ballot_cast(user=resident, cycle_id=cycle.pk, choices={priority.pk: 1})

    content = cycle_report(cycle, lambda *args: None)

    section = next(s for s in content.sections if s["heading"] == "How voters were checked")
    assert dict(section["facts"]) == {
        "Confirmed email address only": "1",
        "Matched against the council's register": "0",
        "Voting code sent by letter": "1",
        "Checked in person by an officer": "0",
    }
