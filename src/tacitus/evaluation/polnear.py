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

The gold source head is the name closing the source's noun phrase ("Tulsa police Chief
Chuck Jordan"), else spaCy's root; a noun phrase in apposition names the same source
("Scott Pruitt, the attorney general,": pruitt or general). A third-person pronoun
source is judged against its nearest earlier antecedent of the right class and gender
(see `resolved_heads`): on a hand-checked sample of 25 such pronouns in dev and train,
22 antecedents were right. Where an annotator swapped source and cue ('"...," said
Hester' with "said" as the source), the cue is taken for the source.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from tacitus.evaluation.registry import EvalContext, Metrics, gold_set
from tacitus.evaluation.scoring import overlap, prf, ratio
from tacitus.nlp.speech_cues import (
    PRONOUN_GENDER,
    fullest_person_names,
    honorific_genders,
    is_person_noun,
    person_gender,
)

Span = tuple[int, int]

#: Quote marks that open or close a direct quotation in the gold content.
QUOTE_MARKS = "\"“”‘’'«»"
#: Pronouns whose antecedent must be found before a speaker can be judged.
PRONOUNS = frozenset(
    {
        "he",
        "she",
        "they",
        "it",
        "him",
        "her",
        "them",
        "his",
        "hers",
        "their",
        "its",
        "who",
        "that",
        "which",
    }
)
#: First- and second-person sources: the writer or the reader, never named in the text.
UNNAMED_PRONOUNS = frozenset({"i", "me", "my", "we", "us", "our", "you", "your"})
_WORD = re.compile(r"[\w'’-]+")
#: Marks that end a source's head phrase: an apposition, parenthesis or aside follows.
_APPOSITION_MARKS = frozenset({",", "(", "—", "–", "--", ";"})
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
    """The word a resolved speaker must cover; `named` is False when it stands in for a
    gold pronoun (approximate, see `resolved_heads`). `alias` is the head of the source's
    apposition, which names the same person ("The minister, Mr. Guajardo Villarreal,")."""

    word: str
    named: bool
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


def _source_span(doc: Doc, source: list[Span]) -> SpacySpan | None:
    if not source:
        return None
    span = doc.char_span(source[0][0], source[0][1], alignment_mode="expand")
    return span if span is not None and len(span) else None


def source_head(doc: Doc, source: list[Span]) -> Token | None:
    """The head word of a gold source's first fragment, before any apposition: a name
    that closes its noun phrase ("Tulsa police Chief Chuck Jordan", "Sen. Claire McCaskill
    (D-Mo.)"), else spaCy's root ("Obama's former campaign strategist", "a spokeswoman
    for Hillary Clinton")."""
    span = _source_span(doc, source)
    if span is None:
        return None
    end = next((t.i for t in span[1:] if t.text in _APPOSITION_MARKS), span.end)
    return _phrase_head(doc[span.start : end])


def source_alias(doc: Doc, source: list[Span]) -> Token | None:
    """The head of a noun phrase in apposition after a comma ("Scott Pruitt, the attorney
    general," -> general); None for a clause ("Joseph, who has ...") or a party tag."""
    span = _source_span(doc, source)
    if span is None:
        return None
    comma = next((t.i for t in span[1:] if t.text == ","), None)
    if comma is None:
        return None
    end = next((t.i for t in doc[comma + 1 : span.end] if t.text in _APPOSITION_MARKS), span.end)
    if end <= comma + 1:
        return None
    head = _phrase_head(doc[comma + 1 : end])
    is_name = head.pos_ == "PROPN" and not _PARTY_TAG.match(head.text)
    return head if head.pos_ == "NOUN" or head.ent_type_ == "PERSON" or is_name else None


def _phrase_head(span: SpacySpan) -> Token:
    name = _closing_name(span)
    if name is not None:
        return name
    root = span.root
    if root.pos_ == "ADP":  # "by host Bill Maher"
        root = next((c for c in root.children if c.dep_ == "pobj"), root)
    return root


def _closing_name(span: SpacySpan) -> Token | None:
    """The last word of a PERSON name that ends the noun phrase `span` (or its first
    conjunct): nothing nominal follows it and it hangs from no preposition ("Clinton
    spokesman Brian Fallon", not "Clinton's campaign" or "an attorney for Pagliano")."""
    for entity in span.ents:
        if entity.label_ != "PERSON":
            continue
        words = [t for t in entity if not t.is_punct and t.tag_ != "POS"]
        words = [t for t in words if t.lower_ not in _NAME_SUFFIXES] or words
        if not words:
            continue
        last = words[-1]
        after = span.doc[entity.end : span.end]
        coordinated = next((t.i for t in after if t.dep_ == "cc"), span.end)
        if last.dep_ == "conj" or any(
            t.pos_ in ("NOUN", "PROPN") or t.tag_ == "POS" for t in after if t.i < coordinated
        ):
            continue
        if any(a.pos_ == "ADP" and span.start <= a.i < span.end for a in last.ancestors):
            continue
        return last
    return None


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


def _word_key(word: str) -> str:
    """Case, apostrophe style, a possessive and final dots do not matter ("O’Neill's")."""
    return re.sub(r"'s$", "", word.lower().replace("’", "'")).strip(".")


def _speaker_covers(speaker: str | None, head: str) -> bool:
    """The head is one of the speaker's words, or of their hyphenated parts ("Holtz-Eakin")."""
    if not speaker:
        return False
    words = {_word_key(w) for w in _WORD.findall(speaker)}
    words |= {part for word in words for part in word.split("-")}
    return _word_key(head) in words


#: Pronouns by the class of antecedent they take.
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers"})
GROUP_PRONOUNS = frozenset({"they", "them", "their", "it", "its"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})
_GROUP_LABELS = frozenset({"ORG", "NORP", "GPE"})


@dataclass
class Antecedent:
    position: int
    word: str
    person: bool
    group: bool
    gender: str | None
    alias: str | None = None


def _antecedents(
    doc: Doc, named: dict[Token, str | None], reported: list[Span]
) -> list[Antecedent]:
    """What a pronoun source may refer to, in text order: the named gold sources and the
    people (PERSON entities, or surnames of a full PERSON name) that are subjects of a main
    clause outside reported content ("Trump has record low support. He ...")."""
    tokens = {t.i: t for t in named}
    aliases = {t.i: alias for t, alias in named.items()}
    fullest, honorifics = fullest_person_names(doc), honorific_genders(doc)
    for token in doc:
        is_person = token.ent_type_ == "PERSON" or (
            token.pos_ == "PROPN" and len(fullest.get(token.lower_, "").split()) > 1
        )
        is_person_subject = token.dep_ in ("nsubj", "nsubjpass") and is_person
        in_main_clause = token.head.dep_ in ("ROOT", "conj") and not any(
            start <= token.idx < end for start, end in reported
        )
        if is_person_subject and in_main_clause:
            tokens.setdefault(token.i, token)
    return [
        _antecedent(t, fullest, honorifics, aliases.get(t.i)) for _, t in sorted(tokens.items())
    ]


def _antecedent(
    token: Token, fullest: dict[str, str], honorifics: dict[str, str], alias: str | None
) -> Antecedent:
    """A candidate antecedent with its class and gender, read from its own name
    ("Ivanka Trump"), else from the article's fullest name ending with it."""
    _, gender = person_gender(token, fullest, honorifics)
    person = (
        gender is not None
        or is_person_noun(token)
        or token.ent_type_ == "PERSON"
        or (token.pos_ == "PROPN" and token.ent_type_ not in _GROUP_LABELS)
    )
    group = not person and (
        token.ent_type_ in _GROUP_LABELS or token.tag_ in ("NNS", "NNPS") or token.pos_ == "NOUN"
    )
    return Antecedent(token.idx, token.lower_, person, group, gender, alias)


def _antecedent_of(pronoun: Token, antecedents: list[Antecedent]) -> Antecedent | None:
    """The nearest earlier antecedent of the pronoun's class (and gender, when known);
    a relative pronoun's is the noun its clause modifies ("Joseph, who has ...")."""
    word = pronoun.lower_
    if word in RELATIVE_PRONOUNS:
        clause = pronoun.head
        if clause.dep_ != "relcl":
            return None
        return Antecedent(clause.head.idx, clause.head.lower_, True, True, None)
    gender = PRONOUN_GENDER.get(word)
    for antecedent in reversed(antecedents):
        if antecedent.position >= pronoun.idx:
            continue
        if word in PERSON_PRONOUNS and not antecedent.person:
            continue
        if word in GROUP_PRONOUNS and not antecedent.group:
            continue
        if gender is not None and antecedent.gender not in (None, gender):
            continue
        return antecedent
    return None


def _gold_head(doc: Doc, attribution: GoldAttribution) -> Token | None:
    """The source head; when an annotator swapped source and cue ("said" as the source of
    '"...," said Hester'), the head of the cue."""
    head = source_head(doc, attribution.source)
    if head is not None and head.pos_ in ("VERB", "AUX"):
        cue = source_head(doc, attribution.cue)
        if cue is not None and cue.pos_ in ("PROPN", "NOUN"):
            return cue
    return head


def resolved_heads(article: GoldArticle, doc: Doc) -> list[SourceHead | None]:
    """Each gold source head; a third-person pronoun is replaced by its nearest earlier
    compatible antecedent (an approximation of the coreference PolNeAR lacks: a person for
    he/she, of the gender its honorifics give, a group for they/it), and a first- or
    second-person one is left unjudged (the writer or reader has no name)."""
    tokens = [_gold_head(doc, attribution) for attribution in article.attributions]
    named: dict[Token, str | None] = {}
    for attribution, token in zip(article.attributions, tokens, strict=True):
        if token is not None and token.lower_ not in PRONOUNS | UNNAMED_PRONOUNS:
            alias = source_alias(doc, attribution.source)
            named[token] = alias.lower_ if alias is not None else None
    reported = [
        fragment for attribution in article.attributions for fragment in attribution.content
    ]
    antecedents = _antecedents(doc, named, reported)
    heads: list[SourceHead | None] = []
    for token in tokens:
        if token is None or token.lower_ in UNNAMED_PRONOUNS:
            heads.append(None)
        elif token.lower_ in PRONOUNS:
            found = _antecedent_of(token, antecedents)
            heads.append(SourceHead(found.word, False, found.alias) if found else None)
        else:
            heads.append(SourceHead(token.lower_, True, named.get(token)))
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
        right = _speaker_covers(speaker, head.word) or (
            head.alias is not None and _speaker_covers(speaker, head.alias)
        )
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
