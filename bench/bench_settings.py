from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.bench_urls"
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}  # noqa: F405
