"""Issue 11, point 6: a Content-Security-Policy without 'unsafe-inline', and Permissions-Policy, on every page."""

import re

import pytest
from django.urls import reverse

PAGES = ["home", "cycle_list", "cooperative_list", "decision_log", "account_login", "account_signup", "api-docs"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_every_page_has_a_strict_csp_and_a_permissions_policy(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "camera=()" in response.headers["Permissions-Policy"]


@pytest.mark.django_db
def test_inline_scripts_and_styles_carry_the_nonce_of_their_response(client):
    for name in ("home", "api-docs"):
        response = client.get(reverse(name))
        html = response.content.decode()
        nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]).group(1)
        inline = re.findall(r"<(script|style)(?![^>]*\bsrc=)([^>]*)>", html)
        assert inline, name
        assert all(f'nonce="{nonce}"' in attributes for _tag, attributes in inline), (name, inline)


@pytest.mark.django_db
def test_api_responses_have_the_policy_too(client):
    response = client.get(reverse("api-ward-list"))

    assert "Content-Security-Policy" in response.headers
    assert "Permissions-Policy" in response.headers


def test_no_template_has_inline_event_handlers_or_style_attributes():
    """An onclick= or style= in a page template would be blocked by the policy (emails and PDFs are exempt)."""
    from pathlib import Path

    from django.conf import settings

    offenders = []
    for path in (Path(settings.BASE_DIR) / "templates").rglob("*.html"):
        relative = path.relative_to(settings.BASE_DIR / "templates").as_posix()
        # Emails and the PDFs WeasyPrint renders are never served as pages, so no CSP applies to them.
        if relative.startswith("notifications/email/") or relative in {
            "reports/report_pdf.html",
            "verification/letters.html",
            "commissioning/results_pdf.html",
            "commissioning/ballot_paper_pdf.html",
            "includes/pdf_fonts.html",
        }:
            continue
        text = path.read_text()
        if re.search(r"\son[a-z]+=|\sstyle=\"|<style>|<script>", text):
            offenders.append(relative)
    assert offenders == []
