"""Build narrator/script/data/news_lowercase_words.txt: Punkt-style orthographic statistics from news.

Run on demand: `python benchmarks/build_news_words.py`. Reads the article bodies of the shared
corpus (../shared/corpora/articles/ground-truth.json: real news pages, MIT licence, from the
Scrapinghub article-extraction benchmark) and keeps the words seen lowercase inside sentences at
least twice and never capitalized there. Capitalized after a sentence-final initialism ("moved to
the U.K. Prices rose"), such a word starts a new sentence, as Punkt's orthographic heuristic says;
words news capitalizes mid-sentence ("the U.S. Government", "Senate") are left out. Only the word
list ships; nothing is read at run time from the corpus.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._common import REPO, corpora
from narrator.script import split_sentences

OUT = REPO / "narrator" / "script" / "data" / "news_lowercase_words.txt"
_WORD = re.compile(r"[A-Za-z][a-z]+(?:-[a-z]+)*")


def main() -> int:
    """Count lowercase and capitalized inner words; write the lowercase-only ones."""
    root = corpora()
    if root is None:
        print("shared corpora not found (set NARRATOR_CORPORA)")
        return 1
    bodies = json.loads((root / "articles" / "ground-truth.json").read_text(encoding="utf-8"))
    lower, capital = Counter(), Counter()
    for item in bodies.values():
        for paragraph in item["articleBody"].split("\n"):
            for sentence in split_sentences(paragraph):
                for word in _WORD.findall(sentence)[1:]:  # the first word of a sentence tells nothing
                    (lower if word.islower() else capital)[word.lower()] += 1
    words = sorted(w for w, n in lower.items() if n >= 2 and not capital[w] and len(w) >= 3)
    header = (
        "# Words news writes lowercase inside sentences (>= 2 times, never capitalized there); built by\n"
        "# benchmarks/build_news_words.py from the shared corpus's article bodies (MIT licence).\n"
    )
    OUT.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
