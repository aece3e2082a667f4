import rules

from accounts.rules import is_staff_officer

rules.add_perm("outcomes.view_outcomes", rules.always_allow)
rules.add_perm("outcomes.record_indicator_values", is_staff_officer)
