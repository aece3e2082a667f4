import csv
import io
import json
import re

import jsonschema
import pytest
from django.conf import settings
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from citizens.models import ResidentProfile
from commissioning.models import Ballot
from opendata.datasets import DATASETS
from tests.opendata.ocds_subset import package_schema

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def _download(client, name: str, fmt: str) -> str:
    response = client.get(reverse("dataset_download", args=[name, fmt]))
    assert response.status_code == 200, (name, fmt)
    assert response.streaming
    return b"".join(response.streaming_content).decode()


def _every_open_download(client):
    """Every file the data page offers: each dataset in both formats, and the OCDS packages."""
    for name in DATASETS:
        for fmt in ("csv", "json"):
            yield f"{name}.{fmt}", _download(client, name, fmt)
    for kind in ("ocds_releases", "ocds_records"):
        response = client.get(reverse(kind))
        assert response.status_code == 200, kind
        yield kind, b"".join(response.streaming_content).decode()


@pytest.mark.django_db
def test_no_open_dataset_of_the_demo_holds_personal_data(client, demo):
    # Residents who hold a seat on a co-operative's board decide in public, as councillors do: their
    # names and votes are in the decision log on purpose. Every other resident's name must not appear.
    private = User.objects.filter(role=Role.RESIDENT, board_seats__isnull=True)
    names = [u.full_name for u in private if u.full_name]
    receipts = list(Ballot.objects.values_list("receipt_code", flat=True))
    assert ResidentProfile.objects.exclude(year_of_birth=None).exists()  # there are dates of birth to leak
    assert names and receipts  # the checks below are not vacuous

    for label, text in _every_open_download(client):
        assert not EMAIL.search(text), (label, EMAIL.search(text))
        assert not [n for n in names if n in text], label
        assert not [r for r in receipts if r in text], label
        assert "birth" not in text.lower(), label
    for name in DATASETS:
        fields = [f.name for f in DATASETS[name].fields]
        assert not {"email", "year_of_birth", "age", "receipt_code", "voter", "proposer", "asked_by"} & set(fields)


@pytest.mark.django_db
def test_every_dataset_of_the_demo_has_rows_in_csv_and_json_with_its_schema(client, demo):
    for name, dataset in DATASETS.items():
        rows = list(csv.DictReader(io.StringIO(_download(client, name, "csv").lstrip("\ufeff"))))
        document = json.loads(_download(client, name, "json"))

        assert rows, name
        assert list(rows[0]) == dataset.field_names
        assert document["dataset"] == name and len(document["rows"]) == len(rows)
        assert set(document["rows"][0]) == set(dataset.field_names)


@pytest.mark.django_db
def test_the_data_page_lists_every_dataset_with_licence_and_schema(client):
    page = client.get(reverse("data_page")).content.decode()

    assert "Open Government Licence v3.0" in page
    for name, dataset in DATASETS.items():
        assert reverse("dataset_download", args=[name, "csv"]) in page
        assert f"<code>{dataset.fields[-1].name}</code>" in page


@pytest.mark.django_db
def test_the_demo_publishes_valid_ocds_releases_and_records(client, demo):
    releases = json.loads(b"".join(client.get(reverse("ocds_releases")).streaming_content))
    records = json.loads(b"".join(client.get(reverse("ocds_records")).streaming_content))

    checker = jsonschema.Draft4Validator.FORMAT_CHECKER
    jsonschema.Draft4Validator(package_schema("releases", settings.OCDS_PREFIX), format_checker=checker).validate(
        releases
    )
    jsonschema.Draft4Validator(package_schema("records", settings.OCDS_PREFIX), format_checker=checker).validate(
        records
    )
    ids = [r["id"] for r in releases["releases"]]
    assert len(ids) == len(set(ids))
    by_title = {r["compiledRelease"]["tender"]["title"]: r for r in records["records"]}
    steering = by_title["Youth steering group"]
    tags = [tag for release in steering["releases"] for tag in release["tag"]]
    assert tags[:4] == ["planning", "tender", "award", "contract"] and "implementation" in tags
    contract = steering["compiledRelease"]["contracts"][0]
    assert [m["status"] for m in contract["milestones"]] == ["met", "notMet", "scheduled"]
    assert sum(t["value"]["amount"] for t in contract["implementation"]["transactions"]) == 3600
    awaiting = by_title["Late-night youth club"]
    assert awaiting["compiledRelease"]["tender"]["status"] == "active"
    assert "awards" not in awaiting["compiledRelease"]


@pytest.mark.django_db
def test_one_commissions_record_is_served_on_its_own(client, demo):
    from governance.models import Commission

    commission = Commission.objects.get(title="Youth steering group")

    package = client.get(reverse("ocds_commission_record", args=[commission.pk])).json()

    assert package["records"][0]["ocid"] == f"{settings.OCDS_PREFIX}-commission-{commission.pk}"
