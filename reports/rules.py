import rules

from accounts.rules import is_decision_maker, is_staff_officer

rules.add_perm("reports.request_report", is_staff_officer)
rules.add_perm("reports.view_reports", is_staff_officer | is_decision_maker)
