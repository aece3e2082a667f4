"""Every governance page and endpoint × every role. Built from the URL conf, so a new URL needs a row."""

import pytest
from django.urls import reverse

from governance import api_urls, urls
from governance.models import Decision
from tests.matrix import OFFICERS, PUBLIC, ROLES, check_endpoint, check_page, user_for

DECIDERS = {"councillor", "administrator"}
COMMENTERS = {"resident", "councillor", "administrator"}

# name: (method, which object the URL needs, who may use it, the status an allowed user gets)
PAGES = {
    "involvement_log": ("get", "slug", PUBLIC, 200),
    "commission_public_list": ("get", None, PUBLIC, 200),
    "commission_public": ("get", "commission", PUBLIC, 200),
    "commission_comment": ("post", "commission", COMMENTERS, 302),
    "decision_log": ("get", None, PUBLIC, 200),
    "decision_detail": ("get", "decision", PUBLIC, 200),
    "evidence_document": ("get", "evidence", PUBLIC, 200),
    "governance_cycles": ("get", None, OFFICERS, 200),
    "cycle_governance": ("get", "slug", OFFICERS, 200),
    "involvement_new": ("get", "slug", OFFICERS, 200),
    "evidence_new": ("get", "slug", OFFICERS, 200),
    "evaluation_new": ("get", "slug", OFFICERS, 200),
    "commission_new": ("get", "slug", OFFICERS, 200),
    "commission_manage": ("get", "commission", OFFICERS, 200),
    "commission_edit": ("get", "commission", OFFICERS, 200),
    "equality_assessment": ("get", "commission", OFFICERS, 200),
    "comment_queue": ("get", None, OFFICERS, 200),
    "audit_trail": ("get", None, OFFICERS, 200),
    "councillor_commissions": ("get", None, DECIDERS, 200),
    "commission_decide": ("get", "commission", DECIDERS, 200),
    "commission_sign_off": ("get", "commission", DECIDERS, 200),
}
# Writes are sent empty: an allowed caller gets past the permission and is refused by validation (400).
ENDPOINTS = {
    "api-involvement-list": ("get", "cycle", PUBLIC, 200),
    "api-involvement-record": ("post", "cycle", OFFICERS, 400),
    "api-cycle-timeline": ("get", "cycle", PUBLIC, 200),
    "api-cycle-advance": ("post", "cycle", OFFICERS, 400),
    "api-commission-list": ("get", None, PUBLIC, 200),
    "api-decision-queue": ("get", None, DECIDERS, 200),
    "api-commission-draft": ("post", None, OFFICERS, 400),
    "api-commission-detail": ("get", "commission", PUBLIC, 200),
    "api-commission-equality": ("put", "commission", OFFICERS, 400),
    "api-commission-submit": ("post", "commission", OFFICERS, 400),
    "api-commission-declare": ("post", "commission", DECIDERS, 400),
    "api-commission-vote": ("post", "commission", DECIDERS, 400),
    "api-commission-comment": ("post", "commission", COMMENTERS, 400),
    "api-decision-log": ("get", None, PUBLIC, 200),
    "api-decision-detail": ("get", "decision", PUBLIC, 200),
    "api-audit-trail": ("get", None, OFFICERS, 200),
}


def test_every_governance_url_has_a_row_in_the_matrix():
    assert {p.name for p in urls.urlpatterns} == set(PAGES)
    assert {p.name for p in api_urls.urlpatterns} == set(ENDPOINTS)


@pytest.fixture
def objects(submitted_commission, councillor, administrator, officer, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from governance.models import EvidenceItem

    settings.MEDIA_ROOT = tmp_path
    submitted_commission.deciders.add(administrator)
    decided = submitted_commission.__class__.objects.create(
        cycle=submitted_commission.cycle,
        title="Decided already",
        description="x",
        provider_type="cooperative",
        value=1,
        drafted_by=submitted_commission.drafted_by,
        status="approved",
    )
    decision = Decision.objects.create(
        commission=decided, decision_round=1, result="approved", quorum=2, explanation="Two of two approved."
    )
    cycle = submitted_commission.cycle
    evidence = EvidenceItem.objects.create(
        cycle=cycle,
        title="Health needs assessment",
        summary="What the data says.",
        document=SimpleUploadedFile("needs.txt", b"Needs."),
        added_by=officer,
    )
    return {
        "slug": cycle.slug,
        "cycle": cycle.pk,
        "commission": submitted_commission.pk,
        "decision": decision.pk,
        "evidence": evidence.pk,
    }


def _url(name, needs, objects):
    if needs is None:
        return reverse(name)
    key = "slug" if needs == "slug" else "pk"
    return reverse(name, kwargs={key: objects[needs]})


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_access_follows_role(request, client_for, objects, role, name):
    method, needs, allowed, status = PAGES[name]
    check_page(
        client_for(user_for(request, role)),
        method=method,
        url=_url(name, needs, objects),
        role=role,
        allowed=allowed,
        status=status,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(ENDPOINTS))
def test_endpoint_access_follows_role(request, objects, role, name):
    method, needs, allowed, status = ENDPOINTS[name]
    url = _url(name, needs, objects)
    check_endpoint(user_for(request, role), method=method, url=url, role=role, allowed=allowed, status=status)
