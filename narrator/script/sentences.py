"""Split text into sentences: NLTK Punkt with the project's own parameters, plus rules."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

from .blocks import split_blocks
from .punkt_params import punkt_module, punkt_parameters
from .sentence_rules import closing_cuts, forced_cuts, is_vetoed, mask

if TYPE_CHECKING:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _tokenizer() -> PunktSentenceTokenizer:
    """Punkt built from shipped parameters; never a downloaded model (nltk loads lazily)."""
    return punkt_module().PunktSentenceTokenizer(punkt_parameters())


def split_sentences(text: str) -> list[str]:
    """The sentences of text, in order, each stripped and on one line."""
    sentences: list[str] = []
    for block in split_blocks(text):
        sentences.extend(_split_block(block))
    return sentences


def _split_block(block: str) -> list[str]:
    """The sentences of one block of running text."""
    masked = mask(block)
    punkt = ({start for start, _ in _tokenizer().span_tokenize(masked)} | closing_cuts(masked)) - {0}
    forced = forced_cuts(block)
    cuts = _keep_cuts(block, sorted(punkt - forced), forced)
    edges = [0, *cuts, len(block)]
    pieces = (block[a:b].strip() for a, b in pairwise(edges))
    return [_SPACES.sub(" ", p) if "\n" in p else p for p in pieces if p]


def _keep_cuts(block: str, candidates: list[int], forced: set[int]) -> list[int]:
    """Punkt's breaks minus the vetoed ones, plus the forced ones."""
    kept = sorted(forced)
    every = sorted(forced.union(candidates))
    for cut in candidates:
        at = bisect.bisect_left(kept, cut)
        previous = kept[at - 1] if at else 0
        after = bisect.bisect_right(every, cut)
        following = every[after] if after < len(every) else len(block)
        if not is_vetoed(block, previous, cut, following):
            bisect.insort(kept, cut)
    return kept
