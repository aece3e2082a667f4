"""Switch Celery between running tasks in-process (the tests' default) and sending them to a broker."""


def tasks_run_in_process(value: bool) -> None:
    from config.celery import app

    # Celery 5.6 looks up the settings' own name (CELERY_TASK_ALWAYS_EAGER) before the plain one, so
    # both are set; 5.7 reads either.
    app.conf.task_always_eager = value
    app.conf.CELERY_TASK_ALWAYS_EAGER = value
