"""Every commissioning page and endpoint × every role. Built from the URL conf, so a new URL needs a row."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from commissioning import api_urls, urls
from commissioning.models import PaperBatch, PaperEntry, Priority
from tests.factories import CycleFactory, PriorityFactory
from tests.matrix import OFFICERS, ROLES, SIGNED_IN, check_endpoint, check_page, user_for
from tests.matrix import PUBLIC as EVERYONE

# The proposer; an administrator (a superuser) passes every permission check, and the service then
# refuses their change ("Only the person who proposed this priority can change it").
PROPOSER = {"resident", "administrator"}

# name: (method, which object the URL needs, who may use it, the status an allowed user gets)
PAGES = {
    "cycle_list": ("get", None, EVERYONE, 200),
    "cycle_detail": ("get", "open", EVERYONE, 200),
    "priority_propose": ("get", "open", SIGNED_IN, 200),
    "ballot": ("get", "open", SIGNED_IN, 200),
    "ballot_done": ("get", "open", SIGNED_IN, 302),  # nobody has voted yet: back to the ballot
    "results": ("get", "closed", EVERYONE, 200),
    "ballot_file": ("get", "closed", EVERYONE, 200),
    "cycle_follow": ("post", "open", SIGNED_IN, 302),
    "my_proposals": ("get", None, SIGNED_IN, 200),
    "priority_revise": ("get", "proposal", PROPOSER, 200),
    "officer_cycle_list": ("get", None, OFFICERS, 200),
    "moderation_queue": ("get", "open", OFFICERS, 200),
    "cycle_start": ("get", None, OFFICERS, 200),
    "cycle_manage": ("get", "open", OFFICERS, 200),
    "cycle_setup": ("get", "draft_step", OFFICERS, 200),
    "cycle_check": ("get", "draft", OFFICERS, 200),
    "cycle_extend": ("get", "open", OFFICERS, 200),
    "cycle_close_voting": ("get", "open", OFFICERS, 200),
    "cycle_publish_results": ("post", "closed", OFFICERS, 302),
    "cycle_archive": ("post", "draft", OFFICERS, 302),
    "results_print": ("get", "closed", EVERYONE, 200),
    "offline_ballots": ("get", "open", OFFICERS, 200),
    "assisted_ballot": ("get", "open", OFFICERS, 200),
    "ballot_papers": ("get", "open", OFFICERS, 200),
    "paper_batch": ("get", "batch", OFFICERS, 200),
    "paper_batch_check": ("post", "batch", OFFICERS, 302),
    "paper_entry_discard": ("post", "entry", OFFICERS, 302),
}
# Writes are sent empty: an allowed caller gets past the permission and is refused by validation (400).
ENDPOINTS = {
    "api-cycle-list": ("get", None, EVERYONE, 200),
    "api-cycle-detail": ("get", "open_id", EVERYONE, 200),
    "api-cycle-priorities": ("get", "open_id", EVERYONE, 200),
    "api-cycle-participation": ("get", "open_id", EVERYONE, 200),
    "api-cycle-ballot": ("post", "open_id", SIGNED_IN, 400),
    "api-cycle-results": ("get", "closed_id", EVERYONE, 200),
}


def test_every_commissioning_url_has_a_row_in_the_matrix():
    assert {p.name for p in urls.urlpatterns} == set(PAGES)
    assert {p.name for p in api_urls.urlpatterns} == set(ENDPOINTS)


@pytest.fixture
def objects(resident, officer):
    open_cycle = CycleFactory(created_by=officer)
    PriorityFactory(cycle=open_cycle, status=Priority.Status.ACCEPTED)
    closed = CycleFactory(
        created_by=officer,
        voting_opens_at=timezone.now() - timedelta(days=8),
        voting_closes_at=timezone.now() - timedelta(days=1),
    )
    PriorityFactory(cycle=closed, status=Priority.Status.ACCEPTED)
    taking_proposals = CycleFactory(
        created_by=officer,
        proposals_open_at=timezone.now() - timedelta(days=1),
        proposals_close_at=timezone.now() + timedelta(days=5),
        voting_opens_at=timezone.now() + timedelta(days=6),
        voting_closes_at=timezone.now() + timedelta(days=9),
    )
    proposal = PriorityFactory(
        cycle=taking_proposals, proposer=resident, status=Priority.Status.CHANGES_REQUESTED, moderation_reason="Cost?"
    )
    batch = PaperBatch.objects.create(
        cycle=open_cycle, label="Library", check_method=PaperBatch.Check.DOUBLE_ENTRY, created_by=officer
    )
    entry = PaperEntry.objects.create(
        batch=batch, cycle=open_cycle, serial=1, entry_number=1, voter=resident, entered_by=officer
    )
    draft = CycleFactory(created_by=officer, is_published=False)
    return {
        "batch": batch.pk,
        "entry": entry.pk,
        "draft": draft.slug,
        "open": open_cycle.slug,
        "closed": closed.slug,
        "open_id": open_cycle.pk,
        "closed_id": closed.pk,
        "proposal": proposal.pk,
    }


def _url(name, needs, objects):
    if needs is None:
        return reverse(name)
    if needs == "draft_step":
        return reverse(name, kwargs={"slug": objects["draft"], "step": "budget"})
    key = "slug" if needs in ("open", "closed", "draft") else "pk"
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
