"""The production settings, plus the benchmark's bare views. DRF's rate limits stay on, as deployed,
unless `bench/ballots.py --no-throttle` asks to measure the code without them."""

import os

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.bench_urls"
if os.environ.get("BENCH_NO_THROTTLE") == "1":
    REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}  # noqa: F405
