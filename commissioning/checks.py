"""Start-up checks for what the commissioning app needs from its surroundings."""

import sqlite3

from django.core import checks
from django.db import connections

# INSERT … ON CONFLICT … RETURNING, with which a ballot is written in one statement.
SQLITE_NEEDED = (3, 35, 0)


@checks.register(checks.Tags.database)
def sqlite_new_enough(app_configs=None, databases=None, **kwargs) -> list[checks.CheckMessage]:
    uses_sqlite = any(connections[alias].vendor == "sqlite" for alias in databases or ())
    if not uses_sqlite or sqlite3.sqlite_version_info >= SQLITE_NEEDED:
        return []
    return [
        checks.Error(
            f"SQLite {sqlite3.sqlite_version} is too old: casting ballots needs SQLite "
            f"{'.'.join(map(str, SQLITE_NEEDED))} or newer (INSERT … RETURNING).",
            hint="Use a newer Python build, or PostgreSQL through DATABASE_URL.",
            id="commissioning.E001",
        )
    ]
