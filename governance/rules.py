"""Who may do what in the governance of a cycle. Declared once; pages and API use the same names.

Domain rules (the duty to involve, declarations, who drafted what) are the services' to refuse,
because the refusal must explain itself; these decide who may reach a page or endpoint at all.
"""

import rules

from accounts.rules import is_administrator, is_councillor, is_decision_maker, is_resident, is_staff_officer

# The public record: timelines, involvement logs, commissions under scrutiny, the decision log.
rules.add_perm("governance.view_public_record", rules.always_allow)
# Officers run the cycle: stages, involvement, evidence, evaluation, commissions.
rules.add_perm("governance.manage_cycle", is_staff_officer)
rules.add_perm("governance.moderate_comments", is_staff_officer)
rules.add_perm("governance.view_audit_trail", is_staff_officer)


@rules.predicate
def is_board_member(user) -> bool:
    """Holds a seat on a co-operative's board today: boards decide their co-operative's own commissions."""
    from citizens.selectors import holds_board_seat

    return bool(user and user.is_authenticated and user.is_active and holds_board_seat(user))


# Councillors decide, and a co-operative's board decides its own cycles' commissions. (Whether this
# person may vote on this commission is the service's to say.)
rules.add_perm("governance.decide_commissions", is_decision_maker | is_board_member)
# A co-operative board's approval above its threshold needs a councillor's sign-off.
rules.add_perm("governance.sign_off_commissions", is_decision_maker)
# Scrutiny: residents and councillors comment on commissions awaiting decision.
rules.add_perm("governance.comment_on_commissions", is_resident | is_councillor | is_administrator)
# Administrators may override the duty to involve with a recorded reason. Officers may be granted it
# through a group holding the model permission governance.override_duty_to_involve (see docs/governance.md);
# Django's ModelBackend answers for them.
rules.add_perm("governance.override_duty_to_involve", is_administrator)
