"""Text for a terminal that cannot act on it: every user string is printed inert.

Annotator names, labels, ids and file names come from files Bayan does not trust. Printed
raw, an ESC starts a terminal escape (clear the screen, set the title, move the cursor), a
newline or carriage return forges a line of our output, a bidi override reverses what
follows it, and a lone surrogate (from a file name that is not UTF-8) cannot be encoded at
all. Here each such character is written out as a visible escape (`\\x1b`, `\\u202e`).
Backslashes stay as they are: Windows paths must read as typed, and an escape that was
already text is as harmless as it looks.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import arabic_reshaper
from bidi import get_display

# C0 controls and DEL, C1 controls, the line and paragraph separators, the bidi
# embeddings, overrides and isolates, and lone surrogates.
_ACTIVE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# The same without C0: json.dumps escapes those inside strings itself, and outside strings
# the only ones are the newlines and spaces of its layout.
_ACTIVE_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def inert(text: str) -> str:
    """`text` with every character that acts on a terminal written out as an escape."""
    return _ACTIVE.sub(_shown, text)


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def inert_json(text: str) -> str:
    """JSON text (from json.dumps) that decodes to the same value and prints inert.

    json.dumps escapes C0 controls itself; the others can only occur inside strings, where
    `\\uXXXX` means the same character, so the result is still the same JSON.
    """
    return _ACTIVE_IN_JSON.sub(_json_escape, text)


def visual_order(text: str) -> str:
    """Arabic joined into its letter forms and laid out right to left, for a terminal that
    cannot do either itself (most cannot: they print logical order, letters unjoined).

    This is what arabic-reshaper and python-bidi are in the project for; the result is for
    the eye only (its offsets are not the text's), so nothing else ever gets it.
    """
    return str(get_display(arabic_reshaper.reshape(text)))


def lays_out_bidi(environ: Mapping[str, str]) -> bool:
    """Whether the terminal in `environ` shapes and orders bidirectional text itself.

    Known to: mlterm, Konsole, and VTE 0.58 or later (GNOME Terminal, Tilix and others),
    which shape Arabic and order bidi paragraphs by default.
    """
    if environ.get("MLTERM") or environ.get("KONSOLE_VERSION"):
        return True
    vte = environ.get("VTE_VERSION", "")
    return vte.isdigit() and int(vte) >= 5800
