"""PolNeAR attribution gold set: brat standoff reader and the quotes/attributions scorer.

Each PolNeAR article (``polnear/<split>/text/NAME.txt``) has one or more annotations
(``polnear/<split>/attributions/NAME_<annotator>.ann``) made of Source, Cue and Content
text-bound spans joined by Attribution events. Content and Source spans may be
discontinuous (``start end;start end``), as when a quote is split by its cue.

Scoring (data README): a predicted quote or claim is *found* when its content span
overlaps a gold content span by at least half, and its speaker is right when the
resolved speaker covers the gold source head. Because Tacitus reports a quote split
by its cue as one quote per fragment, a prediction is matched fragment-wise: it is
correct when at least half of it lies inside a gold content, and a gold content is
found when the correct predictions inside it cover at least half of its characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from spacy.tokens import Doc

from tacitus.evaluation.registry import EvalContext, Metrics, gold_set
from tacitus.evaluation.scoring import overlap, prf, ratio

Span = tuple[int, int]

#: Quote marks that open or close a direct quotation in the gold content.
QUOTE_MARKS = "\"“”‘’'«»"
#: Pronouns whose antecedent must be found before a speaker can be judged.
PRONOUNS = frozenset(
    {"he", "she", "they", "it", "him", "her", "them", "his", "hers", "their", "its", "who"}
)
#: First- and second-person sources: the writer or the reader, never named in the text.
UNNAMED_PRONOUNS = frozenset({"i", "me", "my", "we", "us", "our", "you", "your"})
_WORD = re.compile(r"[\w'’-]+")


@dataclass
class GoldAttribution:
    """One gold attribution relation: its content, cue and (optional) source spans."""

    content: list[Span]
    cue: list[Span] = field(default_factory=list)
    source: list[Span] = field(default_factory=list)

    @property
    def content_chars(self) -> int:
        return sum(end - start for start, end in self.content)


class SourceHead(NamedTuple):
    """The word a resolved speaker must cover; `named` is False when it stands in for a
    gold pronoun (approximate, see `resolved_heads`)."""

    word: str
    named: bool


@dataclass
class GoldArticle:
    name: str
    text: str
    attributions: list[GoldAttribution]


def parse_spans(field_text: str) -> list[Span]:
    """'12 20;25 30' -> [(12, 20), (25, 30)]."""
    spans = []
    for piece in field_text.split(";"):
        start, end = piece.split()
        spans.append((int(start), int(end)))
    return spans


def parse_ann(ann_text: str) -> list[GoldAttribution]:
    """The attribution relations of one brat standoff file."""
    spans: dict[str, tuple[str, list[Span]]] = {}
    events: list[list[tuple[str, str]]] = []
    for line in ann_text.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        ident, body = parts[0], parts[1]
        if ident.startswith("T"):
            label, _, offsets = body.partition(" ")
            spans[ident] = (label, parse_spans(offsets))
        elif ident.startswith("E"):
            events.append([tuple(arg.split(":", 1)) for arg in body.split() if ":" in arg])
    attributions = []
    for arguments in events:
        roles: dict[str, list[Span]] = {"Content": [], "Cue": [], "Source": []}
        for role, ref in arguments[1:]:
            role = role.rstrip("0123456789")
            if role in roles and ref in spans:
                roles[role].extend(spans[ref][1])
        if roles["Content"]:
            attributions.append(
                GoldAttribution(sorted(roles["Content"]), roles["Cue"], roles["Source"])
            )
    return attributions


def read_split(data_dir: Path, limit: int | None = None) -> Iterator[GoldArticle]:
    """The articles of one split, each with the first annotator's file (sorted by name)."""
    texts = sorted((data_dir / "text").glob("*.txt"))
    annotations = sorted((data_dir / "attributions").glob("*.ann"))
    by_article: dict[str, Path] = {}
    for ann in annotations:
        by_article.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    count = 0
    for text_path in texts:
        ann = by_article.get(text_path.stem)
        if ann is None:
            continue
        if limit is not None and count >= limit:
            return
        count += 1
        text = text_path.read_text(encoding="utf-8")
        yield GoldArticle(text_path.stem, text, parse_ann(ann.read_text(encoding="utf-8")))


def is_direct(text: str, content: list[Span]) -> bool:
    """Gold content in quote marks: it opens and closes with a quote mark (marks just
    outside the span count, annotators differ on including them)."""
    start, end = content[0][0], content[-1][1]
    head = text[max(0, start - 1) : start + 1]
    tail = text[max(0, end - 2) : end + 1].rstrip(".,;:!? \n")
    return any(mark in head for mark in QUOTE_MARKS) and bool(tail) and tail[-1] in QUOTE_MARKS


def source_head(doc: Doc, source: list[Span]) -> str | None:
    """The syntactic head (spaCy's root) of a gold source's first fragment, before any comma."""
    if not source:
        return None
    span = doc.char_span(source[0][0], source[0][1], alignment_mode="expand")
    if span is None or not len(span):
        return None
    comma = next((t.i for t in span if t.text == ","), None)
    if comma is not None and comma > span.start:
        span = doc[span.start : comma]
    root = span.root
    if root.pos_ == "ADP":  # "by host Bill Maher"
        root = next((c for c in root.children if c.dep_ == "pobj"), root)
    return root.lower_


@dataclass
class Prediction:
    span: Span
    speaker: str | None


@dataclass
class Tally:
    """Running counts of one scored family (direct quotes or all attributions)."""

    predicted: int = 0
    correct_predictions: int = 0
    gold: int = 0
    found: int = 0
    judged_speakers: int = 0
    right_speakers: int = 0
    judged_named: int = 0
    right_named: int = 0

    def metrics(self, prefix: str) -> Metrics:
        scores = prf(self.correct_predictions, self.predicted, self.found, self.gold)
        return {
            f"{prefix}_precision": scores["precision"],
            f"{prefix}_recall": scores["recall"],
            f"{prefix}_f1": scores["f1"],
            f"{prefix}_source_accuracy": ratio(self.right_speakers, self.judged_speakers),
            f"{prefix}_source_accuracy_named": ratio(self.right_named, self.judged_named),
            f"{prefix}_gold": self.gold,
            f"{prefix}_predicted": self.predicted,
        }


def _inside(prediction: Span, gold: GoldAttribution) -> int:
    return sum(overlap(prediction, fragment) for fragment in gold.content)


def _speaker_covers(speaker: str | None, head: str) -> bool:
    if not speaker:
        return False
    return head in {re.sub(r"['’]s$", "", w.lower()) for w in _WORD.findall(speaker)}


def resolved_heads(article: GoldArticle, doc: Doc) -> list[SourceHead | None]:
    """Each gold source head; a third-person pronoun is replaced by the head of the nearest
    earlier named gold source (an approximation of the coreference PolNeAR lacks), and a
    first- or second-person one is left unjudged (the writer or reader has no name)."""
    ordered = sorted(
        range(len(article.attributions)),
        key=lambda i: (article.attributions[i].source or [(10**9, 0)])[0][0],
    )
    heads: list[SourceHead | None] = [None] * len(article.attributions)
    last_named: str | None = None
    for index in ordered:
        word = source_head(doc, article.attributions[index].source)
        if word is None or word in UNNAMED_PRONOUNS:
            continue
        if word in PRONOUNS:
            heads[index] = SourceHead(last_named, False) if last_named else None
        else:
            heads[index] = SourceHead(word, True)
            last_named = word
    return heads


def score_article(
    tally: Tally,
    article: GoldArticle,
    golds: list[GoldAttribution],
    heads: list[SourceHead | None],
    predictions: list[Prediction],
) -> None:
    """Add one article's matches to `tally` (fragment-wise half-overlap, see module doc)."""
    tally.predicted += len(predictions)
    tally.gold += len(golds)
    inside_of: dict[int, list[Prediction]] = {i: [] for i in range(len(golds))}
    for prediction in predictions:
        length = max(1, prediction.span[1] - prediction.span[0])
        best = max(
            range(len(golds)), key=lambda i: _inside(prediction.span, golds[i]), default=None
        )
        if best is not None and 2 * _inside(prediction.span, golds[best]) >= length:
            tally.correct_predictions += 1
            inside_of[best].append(prediction)
    for index, gold in enumerate(golds):
        matched = inside_of[index]
        covered = sum(_inside(p.span, gold) for p in matched)
        if not matched or 2 * covered < gold.content_chars:
            continue
        tally.found += 1
        head = heads[index]
        if head is None:
            continue
        speaker = max(matched, key=lambda p: _inside(p.span, gold)).speaker
        right = _speaker_covers(speaker, head.word)
        tally.judged_speakers += 1
        tally.right_speakers += right
        tally.judged_named += head.named
        tally.right_named += right and head.named


@gold_set(
    "polnear",
    "PolNeAR dev: quote and claim content P/R/F1 (half overlap) and source accuracy",
)
def score(ctx: EvalContext) -> Metrics:
    from tacitus.nlp.extensions import list_extension
    from tacitus.nlp.pipeline import annotate

    split = ctx.path("polnear/dev")
    articles = list(read_split(split, ctx.limit))
    direct, everything = Tally(), Tally()
    docs = annotate(ctx.nlp, ((article.text, None) for article in articles))
    for article, doc in zip(articles, docs, strict=True):
        heads = resolved_heads(article, doc)
        quotes = list_extension(doc, "quotes")
        claims = list_extension(doc, "attributions")
        direct_gold = [
            (g, h)
            for g, h in zip(article.attributions, heads, strict=True)
            if is_direct(article.text, g.content)
        ]
        score_article(
            direct,
            article,
            [g for g, _ in direct_gold],
            [h for _, h in direct_gold],
            [
                Prediction((q["start"], q["end"]), q["speaker"])
                for q in quotes
                if q["kind"] == "direct"
            ],
        )
        score_article(
            everything,
            article,
            article.attributions,
            heads,
            [Prediction((c["start"], c["end"]), c["source"]) for c in claims],
        )
    return {"articles": len(articles), **direct.metrics("direct"), **everything.metrics("all")}
