"""The HTML embed: a ``<script type="application/ld+json">`` element that no text can break.

Inside the JSON, ``<``, ``>`` and ``&`` (and the JavaScript line separators U+2028/U+2029) are
written as ``\\uXXXX`` escapes, so a headline containing ``</script>`` or ``<!--`` cannot end the
element or start a comment; a JSON parser reads back exactly the same data.

>>> html = to_html_script({"headline": "a </script><script>alert(1)</script>"})
>>> "</script><script>" in html
False
>>> import json
>>> json.loads(extract_json(html))["headline"]
'a </script><script>alert(1)</script>'
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["to_html_script", "extract_json"]

_UNSAFE = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def _escape(json_text: str) -> str:
    # Each of these characters can only stand inside a JSON string here, where \\uXXXX means the
    # same character, so the replacement never changes the data.
    for char, escaped in _UNSAFE.items():
        if char in json_text:
            json_text = json_text.replace(char, escaped)
    return json_text


def to_html_script(document: dict[str, Any], json_text: str | None = None) -> str:
    """A script element holding ``document`` (or its already-serialised ``json_text``)."""
    if json_text is None:
        json_text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)
    return f'<script type="application/ld+json">\n{_escape(json_text.rstrip())}\n</script>\n'


_SCRIPT = re.compile(r'<script type="application/ld\+json">\n(.*)\n</script>\n?\Z', re.DOTALL)


def extract_json(html: str) -> str:
    """The JSON text inside a script element written by :func:`to_html_script`."""
    match = _SCRIPT.match(html)
    if not match:
        raise ValueError("not a newsgraph JSON-LD script element")
    return match.group(1)
