"""A fast, language-neutral tokenizer for our rule components.

Our components work on characters (regex rules, char offsets) and on the
PhraseMatcher of the gazetteer, which needs only words and punctuation split
the same way in the patterns and in the texts. spaCy's rule-based Dutch
tokenizer, with its prefix, suffix and infix searches, cost more than all our
components together; this one is a single regular expression: a token is a
word (letters and digits, with inner hyphens, periods, ampersands or slashes,
and apostrophes other than in "'s": "VS-sancties", "o.a", "2019/1896",
"O'Sullivan", but "Russia" "'" "s") or one other character.
Whitespace is kept exactly, so ``doc.text`` is the input text and every
character offset stays valid.

>>> import spacy
>>> nlp = spacy.blank("nl")
>>> nlp.tokenizer = FastTokenizer(nlp.vocab)
>>> doc = nlp("De JBZ-Raad (13 en 14 oktober)  sprak,\\nkort.")
>>> [t.text for t in doc]
['De', 'JBZ-Raad', '(', '13', 'en', '14', 'oktober', ')', ' ', 'sprak', ',', '\\n', 'kort', '.']
>>> doc.text == "De JBZ-Raad (13 en 14 oktober)  sprak,\\nkort."
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc
from spacy.vocab import Vocab

# Inner hyphens, periods, ampersands and slashes join; an apostrophe joins
# ("O'Sullivan") except before the clitics 's and 't ("Russia's", "'t").
_TOKEN = re.compile(r"[^\W_]+(?:[-.&/][^\W_]+|['’](?![stST]\b)[^\W_]+)*|\S")


class FastTokenizer:
    """Callable like a spaCy tokenizer: text in, Doc out, text kept exactly."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        position = 0
        for match in _TOKEN.finditer(text):
            start = match.start()
            if start > position:
                _whitespace(text[position:start], words, spaces)
            words.append(match.group())
            spaces.append(False)
            position = match.end()
        if position < len(text):
            _whitespace(text[position:], words, spaces)
        return Doc(self.vocab, words=words, spaces=spaces)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        """Tokenize many texts, as spaCy's ``Tokenizer.pipe``."""
        for text in texts:
            yield self(text)

    # spaCy calls these when a pipeline is saved or loaded; there is no state to keep.
    def to_bytes(self, **_: object) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **__: object) -> FastTokenizer:
        return self

    def to_disk(self, _path: object, **__: object) -> None:
        return None

    def from_disk(self, _path: object, **__: object) -> FastTokenizer:
        return self


def _whitespace(gap: str, words: list[str], spaces: list[bool]) -> None:
    """One plain space after a token is its trailing space; other whitespace is a token."""
    if words and not spaces[-1] and gap.startswith(" "):
        spaces[-1] = True
        gap = gap[1:]
    if gap:
        words.append(gap)
        spaces.append(False)
