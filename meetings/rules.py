"""Meetings are public; clerks run them.

A clerk is not a fifth role: officers and administrators clerk, and anyone else an administrator
adds to the group named "Clerks" (a committee services officer, a co-op's secretary) may too.
"""

import rules

from accounts.rules import is_staff_officer

CLERKS_GROUP = "Clerks"
is_clerk = is_staff_officer | rules.is_group_member(CLERKS_GROUP)

rules.add_perm("meetings.view_meetings", rules.always_allow)
rules.add_perm("meetings.clerk_meetings", is_clerk)
