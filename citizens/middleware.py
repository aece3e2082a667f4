"""Pages in the language a signed-in person chose, on any device they sign in from."""

from django.conf import settings
from django.utils import translation


class PreferredLanguageMiddleware:
    """After authentication: with no language cookie yet, use the language kept on the person's profile.

    The cookie (set by the language links) wins, so a choice made on this device is honoured at once;
    the profile covers a new device or a cleared browser, and the cookie is set from it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = None
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES and request.user.is_authenticated:
            profile = getattr(request.user, "profile", None)
            if profile is not None and profile.preferred_language in dict(settings.LANGUAGES):
                chosen = profile.preferred_language
                translation.activate(chosen)
                request.LANGUAGE_CODE = chosen
        response = self.get_response(request)
        if chosen:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                chosen,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                httponly=True,
            )
        return response
