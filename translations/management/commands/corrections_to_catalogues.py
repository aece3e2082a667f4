from django.conf import settings
from django.core.management.base import BaseCommand

from translations.export import corrections_to_catalogues


class Command(BaseCommand):
    help = "Write the translators' corrections into locale/<language>/LC_MESSAGES/django.po and compile them."

    def add_arguments(self, parser):
        codes = [code for code, _name in settings.LANGUAGES]
        parser.add_argument("languages", nargs="*", choices=codes, help="languages (all if none given)")

    def handle(self, *args, languages, **options):
        written = corrections_to_catalogues(languages or [code for code, _name in settings.LANGUAGES])
        for language, count in written.items():
            self.stdout.write(f"{language}: {count} corrections written")
