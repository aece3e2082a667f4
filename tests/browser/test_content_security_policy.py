"""Issue 11, point 6: the pages work under the Content-Security-Policy, Swagger UI included."""

import pytest


def _watch_csp_violations(page) -> list[str]:
    violations: list[str] = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return violations


@pytest.mark.django_db(transaction=True)
def test_swagger_ui_renders_the_api_under_the_csp(new_page):
    page = new_page()
    violations = _watch_csp_violations(page)

    response = page.goto("/api/v1/docs/")
    page.locator(".swagger-ui .opblock").first.wait_for()

    policy = response.headers["content-security-policy"]
    assert "unsafe-inline" not in policy
    assert page.get_by_text("Co-op Commissioning API").first.is_visible()
    assert page.locator(".swagger-ui .opblock").count() > 20  # every operation listed
    assert violations == []


@pytest.mark.django_db(transaction=True)
def test_pages_run_their_scripts_under_the_csp(new_page):
    page = new_page()
    violations = _watch_csp_violations(page)

    page.goto("/")

    # base.html's one inline script (with the nonce) marks the body for GOV.UK Frontend's JavaScript.
    assert "js-enabled" in page.evaluate("document.body.className")
    assert violations == []
