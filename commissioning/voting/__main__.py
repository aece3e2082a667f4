"""`python -m commissioning.voting FILE.pb --rule mes`: count without Django."""

import sys

from .cli import main

sys.exit(main())
