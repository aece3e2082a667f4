"""Everything the platform holds about one person, gathered from every app (UK GDPR, right of access).

One function builds a JSON-ready dict; the page and the download both show it, so they cannot differ.
What is held is named in words; identity keys (hashes) are not given back: they are not the person's
details but a scrambled form that proves nothing to them, and the details they typed were never kept.
"""

from typing import Any

from citizens import selectors as citizen_selectors
from commissioning import selectors as cycle_selectors
from commissioning.models import Follow
from governance.models import ScrutinyComment
from notifications.models import Notification
from verification import selectors as verification_selectors


def _when(value) -> str | None:
    return value.isoformat() if value else None


def data_held_about(user) -> dict[str, Any]:
    profile = citizen_selectors.profile_for(user)
    return {
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "role": user.role,
            "joined": _when(user.date_joined),
            "last_signed_in": _when(user.last_login),
        },
        "profile": {
            "ward": profile.ward.name if profile and profile.ward else None,
            "year_of_birth": profile.year_of_birth if profile else None,
            "preferred_language": profile.preferred_language if profile else None,
            "accessibility_needs": profile.accessibility_needs if profile else "",
        },
        "verifications": [
            {
                "method": v.method,
                "verified": _when(v.verified_at),
                "ward": v.ward.name if v.ward else None,
                "document_seen": v.document or None,
                "checked_by_an_officer": v.verified_by_id is not None,
                "current": v.superseded_at is None,
            }
            for v in verification_selectors.verifications_of(user)
        ],
        "memberships": [
            {
                "cooperative": m.cooperative.name,
                "status": m.status,
                "member_number": m.member_number,
                "applied": _when(m.applied_at),
                "joined": _when(m.joined_at),
            }
            for m in citizen_selectors.memberships_of(user)
        ],
        "ballots": [
            {
                "cycle": b.cycle.title,
                "receipt_code": b.receipt_code,
                "first_cast": _when(b.cast_at),
                "last_changed": _when(b.updated_at),
                "choices": [c.priority.title for c in b.choices.select_related("priority").order_by("rank", "pk")],
            }
            for b in cycle_selectors.ballots_of(user)
        ],
        "proposals": [
            {"cycle": p.cycle.title, "title": p.title, "status": p.status, "submitted": _when(p.created_at)}
            for p in cycle_selectors.proposals_of(user)
        ],
        "follows": [f.cycle.title for f in Follow.objects.filter(user=user).select_related("cycle")],
        "comments": [
            {"commission": c.commission.title, "comment": c.body, "status": c.status, "written": _when(c.created_at)}
            for c in ScrutinyComment.objects.filter(author=user).select_related("commission").order_by("created_at")
        ],
        "notices": [
            {"subject": n.subject, "sent": _when(n.created_at), "read": _when(n.read_at)}
            for n in Notification.objects.filter(recipient=user).order_by("-created_at")
        ],
    }
