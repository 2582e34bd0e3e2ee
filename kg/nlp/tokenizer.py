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
#: A token with the one plain space that may follow it, or a run of other whitespace.
_PIECE = re.compile(rf"({_TOKEN.pattern})( ?)|(\s+)")


class FastTokenizer:
    """Callable like a spaCy tokenizer: text in, Doc out, text kept exactly."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        # One regex pass gives every piece: a token and its trailing space, or other
        # whitespace kept as a token (a gap after a token that starts with a space
        # gives that space to the token, the rest is a token of its own).
        pieces = _PIECE.findall(text)
        words = [token or gap for token, _, gap in pieces]
        spaces = [bool(space) for _, space, _ in pieces]
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
