"""Fast paths (line splitting, reflow, the tokenizer) agree with the rules they replace.

Each fast function is checked against a plain reference implementation of
the rule it replaces, on arbitrary Unicode (hypothesis, fixed seed).
"""

from __future__ import annotations

import re
import sys
import unicodedata

import spacy
from hypothesis import given, seed, settings
from hypothesis import strategies as st

from kg.ingest.lines import _DROP_CATEGORIES as DROP
from kg.ingest.lines import INVISIBLE, _content_pieces
from kg.ingest.readers import _control_ratio
from kg.ingest.reflow import _shouting
from kg.nlp.tokenizer import _TOKEN, FastTokenizer

TEXT = st.text(
    alphabet=st.one_of(
        st.characters(),
        st.sampled_from(" \t\u00a0\u00ad\u200b\ufeff\u2028aA1-#*."),
    ),
    max_size=80,
)


def reference_pieces(raw: str, start: int, end: int) -> tuple[list, int]:
    """The rule, one character at a time (the implementation before the fast path)."""
    runs: list[tuple[int, int, bool]] = []
    ws_count, run_start, saw_ws = 0, -1, False
    for i in range(start, end):
        ch = raw[i]
        if ch.isspace():
            kind = "ws"
            ws_count += 1
        elif unicodedata.category(ch) in DROP:
            kind = "drop"
        else:
            kind = "keep"
        if kind == "keep":
            if run_start < 0:
                run_start = i
            continue
        if run_start >= 0:
            runs.append((run_start, i, saw_ws))
            run_start, saw_ws = -1, False
        if kind == "ws":
            saw_ws = True
    if run_start >= 0:
        runs.append((run_start, end, saw_ws))
    pieces: list = []
    for k, (s, e, ws_before) in enumerate(runs):
        if k and ws_before:
            prev = pieces[-1]
            if isinstance(prev, tuple) and raw[prev[1] : s] == " ":
                pieces[-1] = (prev[0], e)
                continue
            pieces.append(" ")
        pieces.append((s, e))
    return pieces, ws_count


def test_the_invisible_class_is_exactly_the_dropped_categories() -> None:
    pattern = re.compile(f"[{INVISIBLE}]")
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        dropped = unicodedata.category(ch) in DROP
        assert bool(pattern.match(ch)) == dropped, f"U+{code:04X}"


@seed(13)
@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_content_pieces_match_the_character_rule(raw: str) -> None:
    fast, fast_ws = _content_pieces(raw, 0, len(raw))
    slow, slow_ws = reference_pieces(raw, 0, len(raw))
    assert fast == slow
    if not fast:  # the whitespace count only matters for a line without text
        assert fast_ws == slow_ws


@seed(13)
@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_shouting_and_control_ratio_match_their_rules(text: str) -> None:
    letters = [c for c in text if c.isalpha()]
    assert _shouting(text) == (
        len(letters) >= 6 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)
    )
    bad = sum(1 for c in text if (ord(c) < 32 and c not in "\n\r\t\x0c") or 0x7F <= ord(c) < 0xA0)
    assert _control_ratio(text) == (bad / len(text) if text else 0.0)


TOKENIZER = FastTokenizer(spacy.blank("nl").vocab)


def reference_tokens(text: str) -> list[tuple[str, bool]]:
    """The tokenizer's rule as a loop over token matches and the gaps between them."""
    words: list[str] = []
    spaces: list[bool] = []

    def gap(ws: str) -> None:
        if words and not spaces[-1] and ws.startswith(" "):
            spaces[-1] = True
            ws = ws[1:]
        if ws:
            words.append(ws)
            spaces.append(False)

    position = 0
    for match in _TOKEN.finditer(text):
        if match.start() > position:
            gap(text[position : match.start()])
        words.append(match.group())
        spaces.append(False)
        position = match.end()
    if position < len(text):
        gap(text[position:])
    return list(zip(words, spaces, strict=True))


@seed(13)
@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(" \t\n\r\u00a0\u2028ab'’sS-./&_É1"), max_size=60))
def test_the_tokenizer_splits_as_its_rule_says(text: str) -> None:
    doc = TOKENIZER(text)
    assert [(t.text, bool(t.whitespace_)) for t in doc] == reference_tokens(text)
    assert doc.text == text
