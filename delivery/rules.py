import rules

from accounts.rules import is_staff_officer

rules.add_perm("delivery.view_delivery", rules.always_allow)
rules.add_perm("delivery.manage_delivery", is_staff_officer)
