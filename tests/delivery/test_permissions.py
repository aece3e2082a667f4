import pytest
from django.urls import reverse

from delivery import urls
from tests.matrix import OFFICERS, PUBLIC, ROLES, check_page, user_for

PAGES = {
    "commission_delivery": ("get", PUBLIC, 200),
    "milestones_manage": ("get", OFFICERS, 200),
}


def test_every_delivery_url_has_a_row_in_the_matrix():
    assert {p.name for p in urls.urlpatterns} == set(PAGES)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_access_follows_role(request, client_for, approved, role, name):
    method, allowed, status = PAGES[name]

    check_page(
        client_for(user_for(request, role)),
        method=method,
        url=reverse(name, args=[approved.pk]),
        role=role,
        allowed=allowed,
        status=status,
    )


@pytest.mark.django_db
def test_an_officer_plans_and_reports_a_milestone_through_the_page(client_for, officer, approved, client):
    staff = client_for(officer)
    url = reverse("milestones_manage", args=[approved.pk])
    staff.post(url, {"action": "plan", "plan-title": "Club opens", "plan-planned_on": "2026-01-09"})
    milestone = approved.milestones.get()

    response = staff.post(
        url,
        {
            "action": f"report-{milestone.pk}",
            f"m{milestone.pk}-met": "yes",
            f"m{milestone.pk}-actual_on": "2026-01-09",
            f"m{milestone.pk}-note": "Opened.",
            f"m{milestone.pk}-spend_cash": "1000",
        },
    )

    assert response.status_code == 302
    page = client.get(reverse("commission_delivery", args=[approved.pk])).content.decode()
    assert "Club opens" in page and "Met" in page and "1,000.00" in page
