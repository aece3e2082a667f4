import rules

from accounts.rules import is_signed_in

rules.add_perm("dashboards.view_dashboard", is_signed_in)
rules.add_perm("dashboards.view_own_data", is_signed_in)
rules.add_perm("dashboards.close_own_account", is_signed_in)
rules.add_perm("dashboards.view_privacy_notice", rules.always_allow)
rules.add_perm("dashboards.view_accessibility_statement", rules.always_allow)
