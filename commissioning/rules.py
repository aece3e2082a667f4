"""Who may do what with cycles, priorities and commissions. Declared once, used by pages and API.

Eligibility for a particular cycle (ward, co-operative membership) is checked by the services,
because the refusal must explain itself; these rules decide who may reach the page at all.
"""

import rules

from accounts.rules import is_signed_in, is_staff_officer


@rules.predicate
def is_proposer(user, priority) -> bool:
    return priority is not None and priority.proposer_id == user.pk


rules.add_perm("commissioning.view_cycle_list", rules.always_allow)
rules.add_perm("commissioning.view_results", rules.always_allow)
rules.add_perm("commissioning.propose_priority", is_signed_in)
rules.add_perm("commissioning.view_own_proposals", is_signed_in)
rules.add_perm("commissioning.revise_priority", is_signed_in & is_proposer)
rules.add_perm("commissioning.cast_ballot", is_signed_in)
rules.add_perm("commissioning.follow_cycle", is_signed_in)
rules.add_perm("commissioning.moderate_priorities", is_staff_officer)
rules.add_perm("commissioning.view_cycle_admin_list", is_staff_officer)
rules.add_perm("commissioning.run_cycles", is_staff_officer)
rules.add_perm("commissioning.enter_offline_ballots", is_staff_officer)
rules.add_perm("commissioning.print_ballot_papers", is_staff_officer)
