"""Calls started at the same moment on real threads, each with its own database connection."""

import threading

from django.db import connection


def at_once(calls) -> tuple[list, list[Exception]]:
    """Run every call in its own thread, all released together; what they returned and raised."""
    start = threading.Barrier(len(calls))
    results: list = []
    errors: list[Exception] = []

    def run(call) -> None:
        try:
            start.wait()
            results.append(call())
        except Exception as error:  # noqa: BLE001 - reported by the assertions
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results, errors
