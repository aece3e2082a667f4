import rules

rules.add_perm("outcomes.view_outcomes", rules.always_allow)
