import rules

from accounts.rules import is_signed_in, is_staff_officer

rules.add_perm("verification.verify_self", is_signed_in)
rules.add_perm("verification.verify_in_person", is_staff_officer)
rules.add_perm("verification.upload_register", is_staff_officer)
rules.add_perm("verification.make_codes", is_staff_officer)
rules.add_perm("verification.review_conflicts", is_staff_officer)
rules.add_perm("verification.register_without_email", is_staff_officer)
