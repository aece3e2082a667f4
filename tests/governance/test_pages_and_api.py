"""What officers, councillors and the public see, on the pages and through the API."""

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from commissioning.models import Stage
from core.models import AuditEvent
from governance import services
from governance.models import Commission, Decision, InvolvementActivity, ScrutinyComment
from tests.factories import CommissionFactory, InvolvementActivityFactory


def _declare_and_vote(user, commission, choice="approve"):
    services.interest_declare(user=user, commission_id=commission.pk, has_interest=False)
    services.commission_vote(user=user, commission_id=commission.pk, choice=choice, reasons="Residents chose it.")


@pytest.mark.django_db
def test_officer_is_told_why_the_stage_cannot_close(client_for, officer, cycle):
    response = client_for(officer).post(reverse("cycle_governance", args=[cycle.slug]), {"override_reason": ""})

    assert response.status_code == 400
    assert "The Analyse stage cannot be closed until at least one involvement activity is logged" in (
        response.content.decode()
    )
    cycle.refresh_from_db()
    assert cycle.stage == Stage.ANALYSE


@pytest.mark.django_db
def test_officer_logs_involvement_with_equality_counts_from_the_page(client_for, officer, cycle):
    response = client_for(officer).post(
        reverse("involvement_new", args=[cycle.slug]),
        {
            "stage": "analyse",
            "purpose": "design",
            "method": "youth_forum",
            "held_on": timezone.localdate().isoformat(),
            "participant_count": "31",
            "summary": "The youth forum reviewed the evidence.",
            "residents_said": "Nowhere to go after 6pm.",
            "what_changed": "Evening provision added to the plan.",
            "equality_counts": "Age band, 11 to 15, 12\nDisability, Disabled, 4",
        },
    )

    assert response.status_code == 302
    activity = InvolvementActivity.objects.get()
    assert activity.equality_counts.count() == 2
    public = client_for(None).get(reverse("involvement_log", args=[cycle.slug])).content.decode()
    assert "Nowhere to go after 6pm." in public and "Evening provision added to the plan." in public
    assert "11 to 15 — 12" in public


@pytest.mark.django_db
def test_a_bad_monitoring_line_is_explained(client_for, officer, cycle):
    response = client_for(officer).post(
        reverse("involvement_new", args=[cycle.slug]),
        {
            "stage": "analyse",
            "purpose": "design",
            "method": "survey",
            "held_on": timezone.localdate().isoformat(),
            "participant_count": "3",
            "summary": "A survey.",
            "equality_counts": "Age band, 16 to 24, -2",
        },
    )

    assert "Line 1: the number cannot be negative." in response.content.decode()
    assert not InvolvementActivity.objects.exists()


@pytest.mark.django_db
def test_cycle_page_shows_the_public_timeline_with_an_override_reason(client, administrator, cycle):
    services.cycle_advance(user=administrator, cycle_id=cycle.pk, override_reason="Evidence from the 2025 panel.")

    content = client.get(reverse("cycle_detail", args=[cycle.slug])).content.decode()

    assert "How this cycle is run" in content
    assert "Reason given: Evidence from the 2025 panel." in content
    assert "Cycle moved on without logged involvement (override, with reason)" in content


@pytest.mark.django_db
def test_submit_page_refuses_an_incomplete_equality_assessment(client_for, officer, councillors, cycle):
    commission = CommissionFactory(cycle=cycle, drafted_by=officer)
    commission.deciders.set(councillors)

    response = client_for(officer).post(reverse("commission_manage", args=[commission.pk]))

    assert response.status_code == 400
    assert "The equality impact assessment is not complete." in response.content.decode()
    commission.refresh_from_db()
    assert commission.status == Commission.Status.DRAFT


@pytest.mark.django_db
def test_conflicted_councillor_sees_they_cannot_vote(client_for, submitted_commission, councillors):
    ife = councillors[2]
    client = client_for(ife)
    client.post(
        reverse("commission_decide", args=[submitted_commission.pk]),
        {"action": "declare", "declare-has_interest": "yes", "declare-description": "Trustee of the provider."},
    )

    response = client.post(
        reverse("commission_decide", args=[submitted_commission.pk]),
        {"action": "vote", "vote-choice": "approve", "vote-reasons": "Good."},
    )

    assert "You declared an interest in this commission, so you cannot vote on it." in response.content.decode()
    assert not submitted_commission.votes.exists()


@pytest.mark.django_db
def test_decision_log_shows_votes_declarations_and_published_comments(
    client, submitted_commission, councillors, resident, officer
):
    comment = services.comment_add(user=resident, commission_id=submitted_commission.pk, body="Open on Saturdays too.")
    services.comment_add(user=resident, commission_id=submitted_commission.pk, body="Hidden remark.")
    services.comment_moderate(user=officer, comment_id=comment.pk, publish=True)
    for councillor in councillors[:2]:
        _declare_and_vote(councillor, submitted_commission)
    decision = Decision.objects.get()

    log = client.get(reverse("decision_log")).content.decode()
    detail = client.get(reverse("decision_detail", args=[decision.pk])).content.decode()

    assert "Late-night youth club" in log and "Approved" in log
    assert str(councillors[1]) in detail and "Residents chose it." in detail and "No interest" in detail
    assert "Open on Saturdays too." in detail and "Hidden remark." not in detail


@pytest.mark.django_db
def test_resident_comments_and_an_officer_publishes(client_for, submitted_commission, resident, officer):
    client_for(resident).post(reverse("commission_comment", args=[submitted_commission.pk]), {"body": "Great idea."})
    comment = ScrutinyComment.objects.get()
    assert comment.status == ScrutinyComment.Status.PENDING

    client_for(officer).post(reverse("comment_queue"), {"comment": comment.pk, "action": "publish"})

    page = client_for(None).get(reverse("commission_public", args=[submitted_commission.pk])).content.decode()
    assert "Great idea." in page


@pytest.mark.django_db
def test_audit_trail_page_lists_changes_for_officers(client_for, officer, cycle):
    InvolvementActivityFactory(cycle=cycle)
    services.cycle_advance(user=officer, cycle_id=cycle.pk)

    content = client_for(officer).get(reverse("audit_trail")).content.decode()

    assert "Cycle moved to its next stage" in content and "analyse → plan" in content


# --- API --------------------------------------------------------------------------------------


def _api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.django_db
def test_api_refuses_advancing_without_involvement(officer, cycle):
    response = _api(officer).post(reverse("api-cycle-advance", args=[cycle.pk]), {}, format="json")

    assert response.status_code == 400
    assert response.json()["code"] == "duty_to_involve"


@pytest.mark.django_db
def test_api_full_flow_to_a_published_decision(officer, councillors, cycle):
    client = _api(officer)
    for _stage in ("analyse", "plan"):
        cycle.refresh_from_db()
        logged = client.post(
            reverse("api-involvement-record", args=[cycle.pk]),
            {
                "stage": cycle.stage,
                "purpose": "design",
                "method": "survey",
                "held_on": timezone.localdate().isoformat(),
                "participant_count": 40,
                "summary": "Survey.",
                "equality_counts": [{"characteristic": "sex", "group": "Female", "count": 22}],
            },
            format="json",
        )
        assert logged.status_code == 201, logged.content
        assert client.post(reverse("api-cycle-advance", args=[cycle.pk]), {}, format="json").status_code == 200
    drafted = client.post(
        reverse("api-commission-draft"),
        {
            "cycle": cycle.pk,
            "title": "Late-night youth club",
            "description": "Fridays until 10pm.",
            "provider_type": "cooperative",
            "value": "60000",
            "deciders": [c.pk for c in councillors],
            "resources": [{"kind": "cash", "amount": "60000"}, {"kind": "influence", "description": "Police liaison."}],
        },
        format="json",
    )
    assert drafted.status_code == 201, drafted.content
    pk = drafted.json()["id"]
    refused = client.post(reverse("api-commission-submit", args=[pk]), format="json")
    assert refused.json()["code"] == "equality_incomplete"
    impacts = [
        {"characteristic": c, "impact": "positive", "evidence": "Panel."} for c in services.ProtectedCharacteristic
    ]
    assert (
        client.put(reverse("api-commission-equality", args=[pk]), {"impacts": impacts}, format="json").status_code
        == 200
    )
    assert client.post(reverse("api-commission-submit", args=[pk]), format="json").status_code == 200
    for councillor in councillors[:2]:
        c = _api(councillor)
        assert (
            c.post(reverse("api-commission-declare", args=[pk]), {"has_interest": False}, format="json").status_code
            == 201
        )
        voted = c.post(
            reverse("api-commission-vote", args=[pk]), {"choice": "approve", "reasons": "Yes."}, format="json"
        )
        assert voted.status_code == 201

    assert voted.json()["commission_status"] == "approved"
    log = APIClient().get(reverse("api-decision-log")).json()
    assert log["results"][0]["result"] == "approved" and len(log["results"][0]["votes"]) == 2
    assert AuditEvent.objects.filter(action="commission.approved", is_public=True).exists()


@pytest.mark.django_db
def test_api_cannot_change_a_decision(administrator, submitted_commission, councillors):
    for councillor in councillors[:2]:
        _declare_and_vote(councillor, submitted_commission)
    decision = Decision.objects.get()
    url = reverse("api-decision-detail", args=[decision.pk])

    assert _api(administrator).patch(url, {"result": "rejected"}, format="json").status_code == 405
    assert _api(administrator).delete(url).status_code == 405
    assert Decision.objects.get().result == "approved"


@pytest.mark.django_db
def test_admin_shows_decisions_read_only(client_for, administrator, submitted_commission, councillors):
    for councillor in councillors[:2]:
        _declare_and_vote(councillor, submitted_commission)
    decision = Decision.objects.get()
    client = client_for(administrator)

    response = client.post(f"/admin/governance/decision/{decision.pk}/change/", {"result": "rejected"})

    assert response.status_code == 403
    assert Decision.objects.get().result == "approved"
