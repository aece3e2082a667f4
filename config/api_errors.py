"""How the API answers a refusal or a failure: one exception handler, and JSON 404/500 pages under /api/."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.errors import DomainError


def exception_handler(exc, context):
    """A service's DomainError is a 400 with its readable message, code and problems; the rest as DRF does."""
    if isinstance(exc, DomainError):
        return Response(
            {"detail": exc.message, "code": exc.code, "problems": exc.details}, status=status.HTTP_400_BAD_REQUEST
        )
    return drf_exception_handler(exc, context)


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def page_not_found(request, exception):
    """Django's 404 page, or for the API a JSON body like every other API answer."""
    if _is_api(request):
        return JsonResponse({"detail": _("Not found."), "code": "not_found"}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    """Django's 500 page, or for the API a JSON body a client can read (the error itself is logged)."""
    if _is_api(request):
        return JsonResponse(
            {"detail": _("Something went wrong on our side. Please try again."), "code": "server_error"}, status=500
        )
    return defaults.server_error(request)
