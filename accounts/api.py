"""The one DRF permission: the view names a django-rules permission, the user must hold it."""

from rest_framework.permissions import BasePermission


class HasPermission(BasePermission):
    """Checks `view.permission_required` (a rules permission name) for the request's user.

    Anonymous callers are refused with 401/403 by DRF according to the authentication in use.
    Object-level checks pass the object to the same permission, so one rule serves both.
    """

    def has_permission(self, request, view) -> bool:
        return request.user.has_perm(view.permission_required)

    def has_object_permission(self, request, view, obj) -> bool:
        return request.user.has_perm(view.permission_required, obj)
