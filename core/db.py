"""Surviving a database connection lost mid-request (a restart, a failover, an idle-connection reaper).

CONN_HEALTH_CHECKS replaces a dead connection before a request's first query; this covers one that
dies between two queries of the same request.
"""

import logging
from collections.abc import Callable
from typing import TypeVar

from django.db import InterfaceError, OperationalError, connection

logger = logging.getLogger(__name__)

T = TypeVar("T")


# SQLSTATE classes of a connection that is gone: 08 connection exception, 57 operator intervention
# (pg_terminate_backend, a shutdown). An error with no SQLSTATE never reached the server.
LOST_CONNECTION_CLASSES = {"08", "57"}


def connection_lost(error: Exception) -> bool:
    """True if the error says the connection went away, not that the statement was refused."""
    if isinstance(error, InterfaceError):
        return True
    code = getattr(error.__cause__, "pgcode", None)
    return code is None or code[:2] in LOST_CONNECTION_CLASSES


def retry_if_connection_lost(transaction: Callable[[], T]) -> T:
    """Run a whole transaction; if the connection was lost under it, run it once more on a new one.

    Only outside any enclosing transaction, and only when the error says the connection went away
    (a refused statement, a deadlock say, is raised as usual). A transaction that failed before its
    commit left nothing behind, so running it again is safe. If the connection dies *during* the
    commit nobody can know whether it landed; the transaction must then be one whose second run is
    harmless, as casting a ballot is: the same choices are written again.
    """
    try:
        return transaction()
    except (OperationalError, InterfaceError) as error:
        if connection.in_atomic_block or not connection_lost(error):
            raise
        logger.warning("Database connection lost mid-request; running it again on a new one", exc_info=True)
        connection.close()
        return transaction()
