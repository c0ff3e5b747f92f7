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

The gold is read from the annotation and the article's text alone, never through
Tacitus's own language code or a parse, so that the scorer's errors cannot agree with the
product's. The gold source head is the last word of the source's noun phrase before an
apposition, a preposition, a relative clause or a second conjunct ("Tulsa police Chief
Chuck Jordan": jordan; "a spokeswoman for Hillary Clinton": spokeswoman); a noun phrase
in apposition names the same source ("Scott Pruitt, the attorney general,": pruitt or
general). PolNeAR has no coreference: a third-person pronoun source stands for the
nearest earlier gold source of the article, for "he" or "she" one named by a proper name
(capitalised, no pronoun, never written in lower case in the article, no article before
it), a relative pronoun ("Mr. Kamin, who emphasized") for the noun before it, and a
first- or second-person source is not judged (see `resolved_heads`). Read by hand on 9
articles drawn at random (5 dev, 4 train), 30 of 38 pronoun sources so resolved were
right; most misses are people the gold never marks as a source ("Scott bristles at
the suggestion ... he said"). Where an annotator swapped source and cue ('"...," said
Hester' with "said" as the source), the cue is taken for the source.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, NamedTuple

from tacitus.evaluation.registry import EvalContext, Metrics, gold_set
from tacitus.evaluation.scoring import overlap, prf, ratio

Span = tuple[int, int]

#: Quote marks that open or close a direct quotation in the gold content.
QUOTE_MARKS = "\"“”‘’'«»"
#: Third-person personal and possessive pronouns: the source is named somewhere before.
PRONOUNS = frozenset(
    {"he", "him", "his", "she", "her", "hers", "they", "them", "their", "theirs", "it", "its"}
)
#: The pronouns of a person, who is named before a pronoun takes them up.
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers"})
#: Relative pronouns: the source is the noun the relative clause follows.
RELATIVE_PRONOUNS = frozenset({"who", "whom", "whose", "which", "that"})
#: First- and second-person sources: the writer or the reader, never named in the text.
UNNAMED_PRONOUNS = frozenset(
    {"i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours"}
)
_ALL_PRONOUNS = PRONOUNS | RELATIVE_PRONOUNS | UNNAMED_PRONOUNS
#: Titles whose "of" does not end the phrase: a name follows ("Secretary of State John Kerry").
_TITLES_WITH_OF = frozenset({"secretary", "director", "minister", "speaker", "chairman", "chair"})
_ARTICLES = frozenset({"the", "a", "an"})
#: Words that follow a noun phrase's head: a preposition, a relative pronoun or a conjunction.
_AFTER_HEAD = frozenset(
    {"of", "for", "from", "at", "in", "on", "with", "by", "to", "about", "under", "over"}
    | RELATIVE_PRONOUNS
    | {"and", "or", "&"}
)
_WORD = re.compile(r"[\w'’-]+")
_LAST_WORD = re.compile(r"[\w'’.&-]+$")
#: What may stand between a relative pronoun and its noun: spaces, a comma or a dash.
_BEFORE_RELATIVE = " \t\n,—–-"
#: Marks that end a source's head phrase: an apposition, parenthesis or aside follows.
_APPOSITION_MARK = re.compile(r",|\(|—|–|--|;")
#: Punctuation around a word that is not part of it ("boards’", "(D-Mo.)").
_EDGE_PUNCTUATION = "\"“”‘’'«»,:;!?()[]"
#: A party and state tag after a name ("Tim Kaine, D-Va."), not a name of its own.
_PARTY_TAG = re.compile(r"^[A-Z]{1,2}$|^[DRI]-")
#: Words after a surname that are not the surname ("Martin Luther King Jr.").
_NAME_SUFFIXES = frozenset({"jr.", "jr", "sr.", "sr", "ii", "iii"})


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
    """The word a resolved speaker must cover; `from_pronoun` is True when it stands in
    for a gold pronoun (approximate, see `resolved_heads`). `alias` is the head of the
    source's apposition, which names the same person ("The minister, Mr. Guajardo
    Villarreal,")."""

    word: str
    from_pronoun: bool
    alias: str | None = None


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


@dataclass
class Prediction:
    span: Span
    speaker: str | None


@dataclass
class Tally:
    """Running counts of one scored family (direct quotes or all attributions); the
    `_named` counts judge only the speakers whose gold source is written out, not a pronoun."""

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


def _word_key(word: str) -> str:
    """Case, apostrophe style, a possessive and final dots do not matter ("O’Neill's")."""
    return re.sub(r"'s$", "", word.lower().replace("’", "'")).strip(".")


def _speaker_covers(speaker: str | None, head: str) -> bool:
    """The head is one of the speaker's words or of their hyphenated parts, or its own
    hyphenated parts all are ("Holtz-Eakin" for "Douglas Holtz Eakin")."""
    if not speaker:
        return False
    words = {_word_key(w) for w in _WORD.findall(speaker)}
    words |= {part for word in words for part in word.split("-")}
    key = _word_key(head)
    return key in words or all(part in words for part in key.split("-"))


def head_word(phrase: str) -> str | None:
    """The head of an English noun phrase, which ends it: its last word before a
    preposition, a relative clause or a second conjunct ("Tulsa police Chief Chuck Jordan",
    "a spokeswoman for Hillary Clinton", "Mr. Grassley and Mr. Leahy"), a leading
    preposition ("by host Bill Maher") and a name suffix ("Martin Luther King Jr.") skipped."""
    words = [word.strip(_EDGE_PUNCTUATION) for word in phrase.split()]
    words = [word for word in words if word]
    while words and words[0].lower() in _AFTER_HEAD:
        words = words[1:]
    ends = [i for i, word in enumerate(words) if word.lower() in _AFTER_HEAD]
    ends = [i for i in ends if not _in_title(words, i)]
    words = words[: ends[0]] if ends else words
    while len(words) > 1 and words[-1].lower() in _NAME_SUFFIXES:
        words.pop()
    return words[-1] if words else None


def _in_title(words: list[str], index: int) -> bool:
    """The preposition at `index` belongs to a capitalised title before a name ("Secretary of
    State John F. Kerry"), not to a description ("the former secretary of State")."""
    title = words[index - 1] if index > 0 else ""
    is_title = title.lower() in _TITLES_WITH_OF and title[:1].isupper()
    name_follows = len(words) > index + 2 and all(w[:1].isupper() for w in words[-2:])
    return is_title and words[index].lower() == "of" and name_follows


def _alias_word(after_comma: str) -> str | None:
    """The head of a noun phrase in apposition ("Scott Pruitt, the attorney general of
    Oklahoma," -> general); None for a relative clause ("Joseph, who has ..."), an age
    ("Rawlings, 59,") or a party tag ("Tim Kaine, D-Va.")."""
    phrase = _APPOSITION_MARK.split(after_comma, maxsplit=1)[0]
    first = phrase.split()[:1]
    if not first or first[0].lower() in RELATIVE_PRONOUNS:
        return None
    word = head_word(phrase)
    if word is None or not word[0].isalpha() or _PARTY_TAG.match(word):
        return None
    return word


def is_named(word: str, text: str) -> bool:
    """A proper name: capitalised, not a pronoun, and never written in lower case in the
    article (a capital that only opens a sentence, "Sources said", is no name)."""
    key = _word_key(word)
    if not word[:1].isupper() or key in _ALL_PRONOUNS:
        return False
    return re.search(rf"(?<![\w'’-]){re.escape(key)}(?![\w'’-])", text) is None


@dataclass
class GoldSource:
    """A gold source: where it starts, its text, its head word and apposition, and the
    kind of pronoun its head is (None for a noun)."""

    position: int
    text: str
    word: str
    alias: str | None
    pronoun: Literal["third", "relative", "unnamed"] | None


def _source_text(text: str, attribution: GoldAttribution) -> tuple[int, str] | None:
    """The first source fragment; where an annotator swapped source and cue, the cue: the
    source is then "according to", or one lower-case word that is no pronoun followed by a
    cue opening with a capital ('"...," said Hester' with "said" as the source)."""
    if not attribution.source:
        return None
    start, end = attribution.source[0]
    source = text[start:end].strip()
    if not attribution.cue:
        return start, source
    cue_start, cue_end = attribution.cue[0]
    cue = text[cue_start:cue_end].strip()
    is_verb = " " not in source and source[:1].islower() and source.lower() not in _ALL_PRONOUNS
    if (is_verb and cue[:1].isupper() and cue_start > start) or source.lower() == "according to":
        return cue_start, cue
    return start, source


def gold_source(text: str, attribution: GoldAttribution) -> GoldSource | None:
    """The source of a gold attribution, read from its text alone (see `head_word`)."""
    found = _source_text(text, attribution)
    if found is None:
        return None
    start, source = found
    if source.lower() in RELATIVE_PRONOUNS:
        return GoldSource(start, source, source, None, "relative")
    before_apposition, comma, rest = source.partition(",")
    phrase = _APPOSITION_MARK.split(before_apposition, maxsplit=1)[0]
    word = head_word(phrase)
    if word is None:
        return None
    key = _word_key(word)
    pronoun = "third" if key in PRONOUNS else "unnamed" if key in UNNAMED_PRONOUNS else None
    return GoldSource(start, source, word, _alias_word(rest) if comma else None, pronoun)


def _relative_antecedent(text: str, position: int) -> SourceHead | None:
    """The noun a relative pronoun follows ("Mr. Kamin, who emphasized"), with the name that
    noun stands in apposition to ("William Oberndorf, a California investor who": investor
    or oberndorf)."""
    before = text[:position].rstrip(_BEFORE_RELATIVE)
    word = _last_word(before)
    if word is None:
        return None
    comma = before.rfind(",")
    apposition = before[comma + 1 :]
    name = None
    if (
        comma >= 0
        and _opens_with_article(apposition)
        and not any(m in apposition for m in '\n;"“”')
    ):
        name = _last_word(before[:comma].rstrip(_BEFORE_RELATIVE))
    return SourceHead(_word_key(word), True, _word_key(name) if name else None)


def _opens_with_article(phrase: str) -> bool:
    words = phrase.split()
    return bool(words) and words[0].lower() in _ARTICLES


def _last_word(text: str) -> str | None:
    match = _LAST_WORD.search(text)
    word = match.group().strip(_EDGE_PUNCTUATION) if match else ""
    return word or None


def resolved_heads(article: GoldArticle) -> list[SourceHead | None]:
    """Each gold source head, read from the gold alone. PolNeAR has no coreference, so a
    third-person pronoun stands for the nearest earlier source of the same article written
    out: for "he" or "she" one named as a person is (`_names_a_person`: people are named
    before a pronoun takes them up, "Donald Trump ... The Republican nominee ... He said"),
    for "it" or "they" any (organisations, groups and documents often are not named: "The
    city ... It says"). A relative pronoun stands for the noun before it; a first- or
    second-person source is left unjudged (the writer or reader has no name). Gender and
    number are not checked: the gold alone does not give them."""
    sources = [gold_source(article.text, attribution) for attribution in article.attributions]
    written = sorted((s for s in sources if s and not s.pronoun), key=lambda s: s.position)
    named = [s for s in written if _names_a_person(s, article.text)]
    heads: list[SourceHead | None] = []
    for source in sources:
        if source is None or source.pronoun == "unnamed":
            heads.append(None)
        elif source.pronoun == "relative":
            heads.append(_relative_antecedent(article.text, source.position))
        elif source.pronoun == "third":
            candidates = named if _word_key(source.word) in PERSON_PRONOUNS else written
            earlier = [other for other in candidates if other.position < source.position]
            heads.append(_head_of(earlier[-1], from_pronoun=True) if earlier else None)
        else:
            heads.append(_head_of(source, from_pronoun=False))
    return heads


def _head_of(source: GoldSource, from_pronoun: bool) -> SourceHead:
    alias = _word_key(source.alias) if source.alias else None
    return SourceHead(_word_key(source.word), from_pronoun, alias)


def _names_a_person(source: GoldSource, text: str) -> bool:
    """The source is named as a person is: by a proper name in its apposition ("The minister
    of the economy, Mr. Guajardo Villarreal,") or in its head without an article before it
    (a name with one is a body or a party member: "The Post", "The South Carolina
    Republican")."""
    if source.alias is not None and is_named(source.alias, text):
        return True
    return is_named(source.word, text) and not _opens_with_article(source.text)


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
        right = _speaker_covers(speaker, head.word) or (
            head.alias is not None and _speaker_covers(speaker, head.alias)
        )
        tally.judged_speakers += 1
        tally.right_speakers += right
        tally.judged_named += not head.from_pronoun
        tally.right_named += right and not head.from_pronoun


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
        heads = resolved_heads(article)
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
