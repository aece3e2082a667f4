"""Test settings: the real settings, with only what tests need changed."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-that-is-long-enough-for-django-checks-0123456789")

from config.settings import *  # noqa: F403
from config.settings import STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ACCOUNT_RATE_LIMITS = {}
SECURE_SSL_REDIRECT = False
# Each test starts with an empty cache: allauth keeps rate limits and email cool-downs there.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Each test empties the cache, which in production means Redis restarted: processes then reread the
# translators' corrections once a minute. Here that would add a query to whichever test came next.
TRANSLATION_CORRECTIONS_RECHECK_SECONDS = 0
