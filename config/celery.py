"""The Celery app. With no REDIS_URL the settings make every task run eagerly, in-process."""

import os

from celery import Celery
from celery.signals import celeryd_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("coop_commissioning")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@celeryd_init.connect
def _worker_waits_for_redis(conf, **kwargs) -> None:
    """A web request must not wait for Redis (settings.REDIS_TIMEOUT); a worker must.

    If a worker's acknowledgement of a finished task timed out while Redis was frozen, kombu would
    keep counting that task against the prefetch limit for good, and after two such timeouts the
    worker would take no more tasks. So a worker's reads wait for Redis (a frozen Redis holds it
    until it thaws; a dead one breaks the connection and the worker reconnects).
    """
    options = {**conf.broker_transport_options, "socket_timeout": None}
    conf.broker_transport_options = options
    conf.CELERY_BROKER_TRANSPORT_OPTIONS = options  # Celery 5.6 reads the settings' own name first
