"""How the API answers a refusal or a failure: one exception handler, one body (core.api.ErrorSerializer),
and JSON 404/500 pages under /api/.

Every error, from a service's DomainError to a throttle, a body the parser could not read, an
unknown address or a crash, answers `{"detail", "code", "problems"}`, so a client handles them all
the same way.
"""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.errors import DomainError


def _flatten(detail, path: str = "") -> list[str]:
    """DRF's nested validation errors as one list of "field.path: message" lines."""
    if isinstance(detail, dict):
        return [line for key, value in detail.items() for line in _flatten(value, f"{path}.{key}" if path else key)]
    if isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            return [f"{path}: {item}" if path and path != "non_field_errors" else str(item) for item in detail]
        return [line for i, item in enumerate(detail) for line in _flatten(item, f"{path}.{i}" if path else str(i))]
    return [f"{path}: {detail}" if path else str(detail)]


def exception_handler(exc, context):
    if isinstance(exc, DomainError):
        return Response(
            {"detail": exc.message, "code": exc.code, "problems": exc.details}, status=status.HTTP_400_BAD_REQUEST
        )
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        problems = _flatten(exc.detail)
        response.data = {
            "detail": problems[0] if len(problems) == 1 else _("The request has problems: see the list."),
            "code": "invalid",
            "problems": problems,
        }
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else response.data.get("detail", "")
        code = getattr(detail, "code", None) or getattr(exc, "default_code", "error")
        response.data = {"detail": str(detail), "code": str(code), "problems": [str(detail)]}
    return response


def not_found(request, exception=None):
    """Django's 404 for an address under /api/ that matches no endpoint, in the API's error body."""
    return _error(_("Not found."), "not_found", 404)


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def _error(detail: str, code: str, status_code: int) -> JsonResponse:
    return JsonResponse({"detail": detail, "code": code, "problems": [detail]}, status=status_code)


def page_not_found(request, exception):
    """Django's 404 page, or for the API a JSON body like every other API answer."""
    if _is_api(request):
        return not_found(request, exception)
    return defaults.page_not_found(request, exception)


def server_error(request):
    """Django's 500 page, or for the API a JSON body a client can read (the error itself is logged)."""
    if _is_api(request):
        return _error(_("Something went wrong on our side. Please try again."), "server_error", 500)
    return defaults.server_error(request)
