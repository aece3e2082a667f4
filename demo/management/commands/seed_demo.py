import logging

from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from demo.seed import DEMO_PASSWORD, DEMO_USERS, seed_demo
from demo.verification import BINDING_CYCLE, VERIFIED_RESIDENTS, rosa_register_details
from demo.year import BOARD_USERS


class Command(BaseCommand):
    help = "Create the demo borough, outcomes, co-operative, open cycle and one user per role. Safe to re-run."

    def handle(self, *args, **options) -> None:
        # The demo's own events (receipts, a commission to decide, results) stay as in-app notices:
        # emailing them would print a page of email bodies over the accounts people need to sign in.
        logging.getLogger("celery").setLevel(logging.WARNING)
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            report = seed_demo()
        if report.created:
            self.stdout.write(self.style.SUCCESS(f"Demo data: created {len(report.created)} objects."))
        else:
            self.stdout.write("Demo data already present: nothing created.")
        for email, _name, role in DEMO_USERS:
            self.stdout.write(f"  {role:<14} {email}  password: {DEMO_PASSWORD}")
        email, _name = BOARD_USERS[0]
        self.stdout.write(f"  {'board member':<14} {email}  password: {DEMO_PASSWORD}  (youth trust board)")
        for email, _name, method, *_details in VERIFIED_RESIDENTS:
            self.stdout.write(f"  {'resident':<14} {email}  password: {DEMO_PASSWORD}  (verified: {method})")
        surname, born, postcode = rosa_register_details()
        self.stdout.write(
            f"Binding vote for verified residents: /cycles/{BINDING_CYCLE}/ . The resident above is not verified;"
            f" to verify her against the demo register enter {surname}, {born:%d/%m/%Y}, {postcode}."
        )
