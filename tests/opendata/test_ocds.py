"""The OCDS output validated by libcoveocds, the Open Contracting Partnership's own checker, offline.

libcoveocds reads the standard's schema and codelists from a ZIP of the standard's repository (its
`standard_zip` setting) or, by default, downloads one. CI cannot download it, so the schema files are
kept in tests/opendata/ocds_standard/ (see its README.md for their versions, sources and licence) and
this module builds the ZIP from them. The codelists the ZIP carries are the closed codelists, with
the codes the release schema enumerates for each.

One reference escapes the setting: for a record package, libcoveocds resolves the record's
`versionedRelease` (`https://standard.open-contracting.org/schema/1__1__5/versioned-release-validation-schema.json`)
with jsonref, which fetches it with `requests.get`. The `offline_standard` fixture answers those
requests for the standard's schema URLs from the same kept files and refuses every other URL.
"""

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse

STANDARD = Path(__file__).parent / "ocds_standard"
SCHEMAS = (
    "release-schema.json",
    "release-package-schema.json",
    "record-package-schema.json",
    "versioned-release-validation-schema.json",
)


def _closed_codelists(schema) -> dict[str, list[str]]:
    """Every closed codelist the schema names, with the codes its `enum` lists (null is not a code)."""
    found: dict[str, list[str]] = {}

    def walk(node):
        if isinstance(node, dict):
            if "codelist" in node and node.get("openCodelist") is False:
                codes = node.get("enum") or node.get("items", {}).get("enum") or []
                found.setdefault(node["codelist"], [code for code in codes if code is not None])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return found


@pytest.fixture(scope="session")
def standard_zip(tmp_path_factory) -> str:
    """A ZIP laid out as the standard's repository at 1.1.5 is (`<top>/schema/...`), as a file:// URL."""
    path = tmp_path_factory.mktemp("ocds") / "standard.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("standard/", "")  # libcoveocds takes the first entry as the top folder
        for name in SCHEMAS:
            archive.write(STANDARD / name, f"standard/schema/{name}")
        release_schema = json.loads((STANDARD / "release-schema.json").read_text())
        for name, codes in _closed_codelists(release_schema).items():
            rows = io.StringIO()
            writer = csv.writer(rows, lineterminator="\n")
            writer.writerow(["Code"])
            writer.writerows([code] for code in codes)
            archive.writestr(f"standard/schema/codelists/{name}", rows.getvalue())
    return path.as_uri()


@pytest.fixture
def offline_standard(monkeypatch, standard_zip) -> str:
    import requests

    prefix = "https://standard.open-contracting.org/schema/1__1__5/"

    def get(url, *args, **kwargs):
        name = url.removeprefix(prefix)
        if name == url or name not in SCHEMAS:
            raise requests.ConnectionError(f"no network in tests: {url}")
        response = requests.Response()
        response.status_code, response.url = 200, url
        response._content = (STANDARD / name).read_bytes()
        return response

    monkeypatch.setattr(requests, "get", get)  # what jsonref calls
    return standard_zip


def _check(package: dict, standard_zip: str, *, records: bool) -> dict:
    from libcoveocds.api import ocds_json_output
    from libcoveocds.config import LibCoveOCDSConfig

    config = LibCoveOCDSConfig({"context": "api", "standard_zip": standard_zip})
    return ocds_json_output(json_data=package, lib_cove_ocds_config=config, record_pkg=records)


def _download(client, kind: str) -> dict:
    return json.loads(b"".join(client.get(reverse(f"ocds_{kind}")).streaming_content))


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["releases", "records"])
def test_the_demos_ocds_has_no_errors_in_libcoveocds(offline_standard, demo, client, kind):
    package = _download(client, kind)

    result = _check(package, offline_standard, records=kind == "records")

    assert package[kind]  # the demo publishes something to check
    assert result["validation_errors"] == []
    assert result["additional_closed_codelist_values"] == {}
    assert result["additional_fields"] == []  # nothing outside the standard


@pytest.mark.django_db
def test_libcoveocds_reads_the_kept_schema_and_finds_a_broken_release(offline_standard, demo, client):
    package = _download(client, "releases")
    broken = package["releases"][0]
    del broken["ocid"]
    broken["tag"] = ["approved"]
    broken["date"] = "yesterday"

    result = _check(package, offline_standard, records=False)

    descriptions = " ".join(error["description"] for error in result["validation_errors"])
    assert "'ocid' is missing" in descriptions
    assert "Date is not in the correct format" in descriptions
    assert "releases/tag" in result["additional_closed_codelist_values"]
