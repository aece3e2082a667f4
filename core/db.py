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


def _connection_lost() -> bool:
    try:
        return connection.connection is None or not connection.is_usable()
    except Exception:  # noqa: BLE001 - a connection that cannot even be asked is lost
        return True


def retry_if_connection_lost(transaction: Callable[[], T]) -> T:
    """Run a whole transaction; if the connection was lost under it, run it once more on a new one.

    Only outside any enclosing transaction, and only when the connection is really gone (an error
    from a healthy connection is raised as usual). A transaction that failed before its commit left
    nothing behind, so running it again is safe. If the connection dies *during* the commit nobody
    can know whether it landed; the transaction must then be one whose second run is harmless, as
    casting a ballot is: the same choices are written again.
    """
    try:
        return transaction()
    except (OperationalError, InterfaceError):
        if connection.in_atomic_block or not _connection_lost():
            raise
        logger.warning("Database connection lost mid-request; running the transaction again", exc_info=True)
        connection.close()
        return transaction()
