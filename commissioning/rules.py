"""Who may do what with cycles, priorities and commissions. Declared once, used by pages and API."""

import rules

from accounts.rules import is_decision_maker, is_staff_officer

rules.add_perm("commissioning.view_cycle_list", rules.always_allow)
rules.add_perm("commissioning.view_cycle_admin_list", is_staff_officer)
rules.add_perm("commissioning.view_commissions", is_staff_officer | is_decision_maker)
rules.add_perm("commissioning.view_decision_queue", is_decision_maker)
