import rules

from accounts.rules import is_signed_in

rules.add_perm("notifications.view_own", is_signed_in)
rules.add_perm("notifications.unsubscribe_by_link", rules.always_allow)
