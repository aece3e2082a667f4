"""Who may correct translations: whoever holds the `correct_translations` permission, which the
Translators group carries (an administrator adds a person to the group on their page in the admin),
and superusers. Not a role: a community translator is usually a resident as well."""

import rules


@rules.predicate
def is_translator(user) -> bool:
    # Django's own permission check: the group's permissions, any given directly, and superusers.
    return bool(
        user and user.is_authenticated and user.is_active and user.has_perm("translations.correct_translations")
    )


rules.add_perm("translations.correct", is_translator)
