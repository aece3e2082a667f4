"""Questions are public; anyone signed in may ask; officers moderate and answer."""

import rules

from accounts.rules import is_signed_in, is_staff_officer

rules.add_perm("questions.view_questions", rules.always_allow)
rules.add_perm("questions.ask_question", is_signed_in)
rules.add_perm("questions.answer_questions", is_staff_officer)
