from django.core.management.base import BaseCommand

from demo.seed import DEMO_PASSWORD, DEMO_USERS, seed_demo


class Command(BaseCommand):
    help = "Create the demo borough, outcomes, co-operative, open cycle and one user per role. Safe to re-run."

    def handle(self, *args, **options) -> None:
        report = seed_demo()
        if report.created:
            self.stdout.write(self.style.SUCCESS(f"Demo data: created {len(report.created)} objects."))
        else:
            self.stdout.write("Demo data already present: nothing created.")
        for email, _name, role in DEMO_USERS:
            self.stdout.write(f"  {role:<14} {email}  password: {DEMO_PASSWORD}")
