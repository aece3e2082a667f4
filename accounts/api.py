"""The API's permission and token authentication."""

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.permissions import BasePermission


class TokenAuthentication(authentication.TokenAuthentication):
    """DRF's token authentication, fetching the resident's profile in the same query.

    API writes need it straight after (the ward for eligibility, the language of the receipt), so a
    vote costs one query fewer.
    """

    def authenticate_credentials(self, key):
        model = self.get_model()
        try:
            token = model.objects.select_related("user", "user__profile").get(key=key)
        except model.DoesNotExist:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        return (token.user, token)


class HasPermission(BasePermission):
    """Checks `view.permission_required` (a rules permission name) for the request's user.

    Anonymous callers are refused with 401/403 by DRF according to the authentication in use.
    Object-level checks pass the object to the same permission, so one rule serves both.
    """

    def has_permission(self, request, view) -> bool:
        return request.user.has_perm(view.permission_required)

    def has_object_permission(self, request, view, obj) -> bool:
        return request.user.has_perm(view.permission_required, obj)
