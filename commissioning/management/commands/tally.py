"""`python manage.py tally FILE.pb --rule mes [--json]`: a thin wrapper over the voting CLI."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from commissioning.voting.cli import add_arguments, count_file, error_message
from commissioning.voting.pabulib import PabulibFormatError


class Command(BaseCommand):
    help = "Count a Pabulib (.pb) ballot file and print the funded priorities with reasons."

    def add_arguments(self, parser: CommandParser) -> None:
        add_arguments(parser)

    def handle(self, *args: object, **options: object) -> None:
        path = str(options["file"])
        try:
            output = count_file(path, str(options["rule"]), bool(options["json"]))
        except (PabulibFormatError, OSError, ValueError) as exc:
            raise CommandError(error_message(path, exc)) from exc
        self.stdout.write(output)
