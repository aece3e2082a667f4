"""How the API answers a refusal: one exception handler, so no view repeats it."""

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
