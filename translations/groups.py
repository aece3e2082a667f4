"""The Translators group, made (with its permission) after every `migrate`, like Django's own permissions.

A signal rather than a data migration: a test database flushed between tests, or a group deleted in
the admin, gets it back at the next migrate.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from translations.models import TRANSLATORS_GROUP, Correction


def translators_group() -> Group:
    """The group, with the permission to correct translations (made if missing)."""
    content_type = ContentType.objects.get_for_model(Correction)
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type,
        codename="correct_translations",
        defaults={"name": "Can correct translations in the browser"},
    )
    group, _created = Group.objects.get_or_create(name=TRANSLATORS_GROUP)
    group.permissions.add(permission)
    return group


def ensure_translators_group(using: str = "default", **_kwargs) -> None:
    """post_migrate: the group exists once the tables do."""
    if using == "default":
        translators_group()
