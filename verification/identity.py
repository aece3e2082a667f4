"""Keyed hashes of what identifies a resident, and voting codes. No Django models: plain functions.

A register entry, the details an officer reads from a document and the details a resident types are
reduced to one key: HMAC-SHA256 under `VERIFICATION_SECRET` of the normalised surname, date of birth
and postcode. The same person gives the same key whichever way they are checked, so one identity
can verify one account; without the secret the key cannot be reversed by trying every name and date.
"""

import hmac
import re
import secrets
import unicodedata
from datetime import date
from hashlib import sha256

# No 0/O, 1/I/L, 5/S or 2/Z: a code read from a letter and typed by hand should not be mistyped.
CODE_ALPHABET = "346789ABCDEFGHJKMNPQRTUVWXY"
CODE_LENGTH = 12
PERSON_PREFIX = "person:"
CODE_PREFIX = "code:"


def normalise_surname(surname: str) -> str:
    """Case, accents, spaces, hyphens and apostrophes do not matter: O'Brien, OBRIEN and o brien agree."""
    decomposed = unicodedata.normalize("NFKD", surname)
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[^a-z]", "", letters.casefold())


def normalise_postcode(postcode: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", postcode.upper())


def _keyed(secret: str, message: str) -> str:
    return hmac.new(secret.encode(), message.encode(), sha256).hexdigest()


def person_key(*, secret: str, surname: str, date_of_birth: date, postcode: str) -> str:
    """The identity key of a person at an address. Empty parts are refused: they would match too much."""
    name, code = normalise_surname(surname), normalise_postcode(postcode)
    if not name or not code:
        raise ValueError("surname and postcode are needed")
    return PERSON_PREFIX + _keyed(secret, f"{name}|{date_of_birth.isoformat()}|{code}")


def normalise_code(code: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", code.upper())


def code_key(*, secret: str, code: str) -> str:
    """How a voting code is kept: only this keyed hash, never the code itself."""
    return CODE_PREFIX + _keyed(secret, "code|" + normalise_code(code))


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def code_for_letter(code: str) -> str:
    """Grouped in fours, as printed: 4CXM-TR9P-KH7W."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))
