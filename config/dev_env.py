"""Writes the development `.env` that `make` reads: a random secret key, once per checkout.

Run by the Makefile before any other command (`python config/dev_env.py .env`); it imports
nothing from the project, so it works before the database exists. `make run` serves with DEBUG
off, where the site refuses a key that was published or is shorter than 50 characters
(config/settings.py): a `.env` from an older checkout keeps its other lines, but such a key is
replaced by a new random one.
"""

from __future__ import annotations

import secrets
import sys
from pathlib import Path

# The key that the repository once published in its tracked .env.
PUBLISHED_KEY = "xmBTyQgIr0mMFupxmjlH50wmGVIzN55AoD4Tsd0iQ9ZDuMRuCXnv7JKT0Psh_Fjuijs"
MIN_LENGTH = 50
HEADER = (
    "# Development settings written by make; not tracked by git. `make run` serves the site\n"
    "# as its users see it (DEBUG off); `DEBUG=1 make run` shows Django's debug pages.\n"
)


def usable(key: str) -> bool:
    return len(key) >= MIN_LENGTH and key != PUBLISHED_KEY


def ensure_env(path: Path) -> str:
    """Creates or repairs the file; returns what was done, or "" when nothing was needed."""
    new_key = f"SECRET_KEY={secrets.token_urlsafe(50)}"
    if not path.exists():
        # No collected static files in a checkout: WhiteNoise serves them from the sources.
        path.write_text(f"{HEADER}{new_key}\nSTATIC_MANIFEST=0\n", encoding="utf-8")
        return f"Wrote {path} (development settings, a new random secret key)."
    lines = path.read_text(encoding="utf-8").splitlines()
    keys = [line for line in lines if line.startswith("SECRET_KEY=")]
    if keys and all(usable(line.removeprefix("SECRET_KEY=").strip()) for line in keys):
        return ""
    kept = [line for line in lines if not line.startswith("SECRET_KEY=")]
    path.write_text("\n".join([*kept, new_key]) + "\n", encoding="utf-8")
    return f"Gave {path} a new random secret key (the one it held is refused without DEBUG)."


if __name__ == "__main__":
    done = ensure_env(Path(sys.argv[1] if len(sys.argv) > 1 else ".env"))
    if done:
        print(done)
