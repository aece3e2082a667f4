from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def permission_required(perm: str) -> Callable:
    """Guard a page with a rules permission: strangers are sent to sign in, others refused with 403.

    Django's and django-rules' decorators send a signed-in user without the permission back to the
    login page, which hides the refusal; a resident who follows an officer's link should be told no.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.user.has_perm(perm):
                return view(request, *args, **kwargs)
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied

        wrapped.permission_required = perm
        return wrapped

    return decorator
