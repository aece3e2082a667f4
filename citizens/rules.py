import rules

from accounts.rules import is_signed_in, is_staff_officer

rules.add_perm("citizens.view_public_directory", rules.always_allow)
rules.add_perm("citizens.edit_own_profile", is_signed_in)
rules.add_perm("citizens.apply_for_membership", is_signed_in)
rules.add_perm("citizens.decide_membership", is_staff_officer)
rules.add_perm("citizens.edit_ward_figures", is_staff_officer)
rules.add_perm("citizens.choose_language", rules.always_allow)
rules.add_perm("citizens.view_roster", is_staff_officer)
rules.add_perm("citizens.manage_board", is_staff_officer)
