from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VerificationConfig(AppConfig):
    name = "verification"
    verbose_name = _("Verified residents")

    def ready(self) -> None:
        from citizens.ward_locks import register_ward_lock
        from core.audit import describe_actions
        from verification.services import ward_lock

        register_ward_lock(ward_lock)
        describe_actions(
            {
                "verification.register": _("Verified against the council's register"),
                "verification.code": _("Verified with a voting code"),
                "verification.in_person": _("Verified in person by an officer"),
                "account.registered_without_email": _("Registered in person by an officer, without an email address"),
                "verification.conflict": _("Tried to verify with an identity already used"),
                "verification.conflict_reviewed": _("Identity conflict reviewed"),
                "register.uploaded": _("Register extract uploaded"),
                "register.deleted": _("Register extract deleted at the end of its retention period"),
                "codes.generated": _("Voting codes made"),
            }
        )
