from django.http import HttpRequest

from accounts.roles import Role


def roles(request: HttpRequest) -> dict:
    """Expose the role names to templates so they never compare against string literals."""
    return {"Role": Role}
