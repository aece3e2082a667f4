import rules

from accounts.rules import is_signed_in

rules.add_perm("dashboards.view_dashboard", is_signed_in)
rules.add_perm("dashboards.view_accessibility_statement", rules.always_allow)
