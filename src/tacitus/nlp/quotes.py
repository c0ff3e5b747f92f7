"""The `tacitus_quotes` component: who said what, and on whose authority each claim rests.

It fills ``doc._.quotes`` (schema v1 Quote) and ``doc._.attributions`` (schema v1
Attribution) in four steps, on spaCy's parse (a parser is required):

1. Quotation marks are paired within paragraphs (`pair_quote_marks`), robust to
   straight, curly, nested and unbalanced marks.
2. Each quotation is classed as *direct* (it opens a clause: "'...,' Lavrov declared",
   'He said: "..."', a headline's 'Trump: "..."'), *partial* (embedded in a sentence
   whose speech verb governs it: called the resolution a "provocation") or a scare
   quote (dropped: so-called "moderate" rebels, "rebel" groups). A frameless direct
   quote continues the quote just before it (split by its cue, or spanning paragraphs),
   else belongs to the subject of the sentence leading into it.
3. Cue verbs (``resources/quotes/cues.yaml``) outside direct quotes give indirect quotes
   (verbs of saying with a clausal complement) and attributed claims (also verbs of
   belief, evidence and stance, and their objects); "according to X" sources a claim to X.
4. Speakers are resolved in text order: a name to the actor whose mention covers it (its
   name and id) or the fullest PERSON name of the article ("Lavrov" -> "Sergei Lavrov"),
   "he"/"she" to the last person named as a subject or speaker, a description as written.

Every quote with a speaker phrase is also an attribution of its content.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Token

from tacitus import settings
from tacitus.nlp.extensions import list_extension
from tacitus.nlp.speech_cues import (
    GROUP_ENTITY_LABELS,
    PRONOUN_CLASSES,
    PRONOUN_GENDER,
    SUBJECT_DEPS,
    Cues,
    clause_chars,
    complement_of,
    fullest_person_names,
    honorific_genders,
    is_person_noun,
    load_cues,
    mention_gender,
    object_of,
    person_gender,
    phrase_of,
    span_chars,
    subject_of,
)

CharSpan = tuple[int, int]

# --- quotation marks --------------------------------------------------------------------

_DOUBLE_MARK = re.compile(r"``|''|[\"“”„«»]")
_SINGLE_OPEN = re.compile(r"(?:^|(?<=[\s(\[—–-]))‘")
_SINGLE_CLOSE = re.compile(r"’(?!\w)")
_PARAGRAPH = re.compile(r"[^\n]+")
_OPENING = frozenset({"“", "„", "«", "``"})
_STRAIGHT = frozenset({'"', "''", "``"})
_CLOSING = frozenset({"”", "»"})
_OPEN_CONTEXT = frozenset(" \t\n([{—–-/")
_CLOSE_CONTEXT = frozenset(" \t\n)]}.,;:!?—–-/")
_QUOTE_CHARS = frozenset("\"“”„«»‘’'`")
_DASHES = frozenset("-―—–")


@dataclass(frozen=True)
class QuotedSpan:
    """A paired quotation: marks included in [start, end), its words in [inner_start, inner_end)."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    unclosed: bool = False


def _direction(text: str, start: int, end: int) -> str:
    """'open', 'close' or 'either' for the quote mark at text[start:end]."""
    mark = text[start:end]
    if mark in _OPENING:
        return "open"
    if mark in _CLOSING:
        return "close"
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    opens = before in _OPEN_CONTEXT and not after.isspace()
    closes = after in _CLOSE_CONTEXT and not before.isspace()
    if opens != closes:
        return "open" if opens else "close"
    return "either"


def _quoted(
    text: str, start: int, end: int, inner_start: int, inner_end: int, unclosed: bool = False
) -> QuotedSpan | None:
    while inner_start < inner_end and text[inner_start].isspace():
        inner_start += 1
    while inner_end > inner_start and text[inner_end - 1].isspace():
        inner_end -= 1
    if inner_end <= inner_start:
        return None
    return QuotedSpan(start, end, inner_start, inner_end, unclosed)


def _style(mark: str) -> str:
    return "straight" if mark in _STRAIGHT else "curly"


def _pair_double(text: str, first: int, last: int) -> list[QuotedSpan]:
    """Top-level double-mark quotations of the paragraph text[first:last].

    Marks of the other style nest ("He wrote: "the 'so-called' rebels"" in either style).
    An opening mark met by another opening mark of its style is unbalanced and dropped,
    so a stray mark never pairs across sentences; an unclosed mark opening the paragraph
    is the news convention for a quote continued in the next paragraph: it runs to the end.
    """
    pairs: list[QuotedSpan | None] = []
    stack: list[tuple[int, int, str]] = []  # (mark start, mark end, style)
    for match in _DOUBLE_MARK.finditer(text, first, last):
        style = _style(match.group())
        direction = _direction(text, match.start(), match.end())
        depth = next((d for d in range(len(stack) - 1, -1, -1) if stack[d][2] == style), None)
        if depth is not None and (
            direction == "close" or (direction == "either" and depth == len(stack) - 1)
        ):
            start, end, _ = stack[depth]
            del stack[depth:]
            pairs.append(_quoted(text, start, match.end(), end, match.start()))
        elif direction != "close":
            if depth is not None and depth == len(stack) - 1:
                stack.pop()
            stack.append((match.start(), match.end(), style))
    if stack and stack[0][0] == first:
        pairs.append(_quoted(text, first, last, stack[0][1], last, unclosed=True))
    spans = [span for span in pairs if span is not None]
    return [
        s
        for s in spans
        if not any(o is not s and o.start <= s.start and s.end <= o.end for o in spans)
    ]


def _pair_single(text: str, first: int, last: int, taken: list[QuotedSpan]) -> list[QuotedSpan]:
    """Single curly quotations (‘...’) outside double ones; ’ inside a word is an apostrophe."""
    spans: list[QuotedSpan] = []
    for opening in _SINGLE_OPEN.finditer(text, first, last):
        if any(span.start <= opening.start() < span.end for span in taken + spans):
            continue
        limit = min(last, opening.end() + settings.QUOTES_MAX_SINGLE_QUOTE_CHARS)
        closing = _SINGLE_CLOSE.search(text, opening.end(), limit)
        if closing is None or "‘" in text[opening.end() : closing.start()]:
            continue
        span = _quoted(text, opening.start(), closing.end(), opening.end(), closing.start())
        if span is not None:
            spans.append(span)
    return spans


def pair_quote_marks(text: str) -> list[QuotedSpan]:
    """All top-level quotations of `text` in text order; never raises on unbalanced marks."""
    spans: list[QuotedSpan] = []
    for paragraph in _PARAGRAPH.finditer(text):
        line = paragraph.group()
        first = paragraph.start() + len(line) - len(line.lstrip())
        doubles = _pair_double(text, first, paragraph.end())
        spans.extend(doubles)
        if "‘" in line:
            spans.extend(_pair_single(text, first, paragraph.end(), doubles))
    spans.sort(key=lambda span: span.start)
    return spans


# --- findings ---------------------------------------------------------------------------


@dataclass
class Speaker:
    position: int
    name: str
    actor: str | None
    kind: str  # person | group | any
    gender: str | None = None  # m | f, for people whose name or honorific tells


@dataclass
class Finding:
    """One reported content with its cue and the head of its speaker or source phrase."""

    start: int
    end: int
    kind: str  # direct | partial | indirect | claim
    cue: Token | None = None
    cue_text: str | None = None
    speaker_head: Token | None = None
    speaker: str | None = None
    actor: str | None = None
    continued: bool = False  # an unclosed quote continued in the next paragraph
    source_phrase: str | None = None  # the speaker phrase as written ("we", "a source")


@dataclass
class ArticleContext:
    """Per-document lookups: token offsets, quotations, names and actors."""

    doc: Doc
    text: str  # doc.text, which spaCy joins anew on every access
    cues: Cues
    quotes: list[QuotedSpan]
    token_starts: list[int] = field(default_factory=list)
    fullest_names: dict[str, str] = field(default_factory=dict)
    honorifics: dict[str, str] = field(default_factory=dict)
    actors: list[dict] = field(default_factory=list)
    person_subjects: list[Speaker] = field(default_factory=list)
    person_subject_starts: list[int] = field(default_factory=list)

    def token_at(self, char: int) -> Token:
        return self.doc[max(0, bisect_right(self.token_starts, char) - 1)]

    def in_quote(self, char: int) -> bool:
        return any(q.inner_start <= char < q.inner_end for q in self.quotes)


# --- frames of direct quotes ------------------------------------------------------------

_SENTENCE_END = frozenset({".", "!", "?"})
_CLAUSE_END_INSIDE = frozenset(",!?—–-:;")
_IMPERSONAL = frozenset({"it", "this", "that", "there", "what", "which", "i", "we", "you"})
_NAME_BOUNDARIES = frozenset({"-", "—", "–", "|"})
_CLAUSE_OPENERS = frozenset({"", ".", "!", "?", ":", ",", "—", "–", "(", ";"})


def _is_quote_mark(token: Token) -> bool:
    """A quotation mark, not the apostrophe of "Obama's"."""
    return token.text[0] in _QUOTE_CHARS and token.tag_ != "POS" and not token.text[1:2].isalpha()


def _frame_after(ctx: ArticleContext, quote: QuotedSpan) -> list[Token]:
    """Tokens from the closing mark to the end of its sentence, stopping at a new quote."""
    doc, tokens = ctx.doc, []
    index = ctx.token_at(quote.end).i
    if doc[index].idx < quote.end:
        index += 1
    while index < len(doc) and len(tokens) < settings.QUOTES_MAX_FRAME_TOKENS:
        token = doc[index]
        if "\n" in token.text or token.text in _SENTENCE_END or _is_quote_mark(token):
            break
        tokens.append(token)
        index += 1
    return tokens


def _frame_before(ctx: ArticleContext, quote: QuotedSpan, across_lines: bool) -> list[Token]:
    """Tokens from the start of the sentence to the opening mark (the previous paragraph's
    last sentence when that ends with a colon)."""
    doc, tokens = ctx.doc, []
    index = ctx.token_at(quote.start).i - 1
    while index >= 0 and len(tokens) < settings.QUOTES_MAX_FRAME_TOKENS:
        token = doc[index]
        if token.is_space and "\n" in token.text:
            if not across_lines or tokens:
                break
        elif token.text in _SENTENCE_END or _is_quote_mark(token):
            break
        else:
            tokens.append(token)
        index -= 1
    tokens.reverse()
    return tokens


def _is_cue(token: Token, cues: Cues) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in cues.all_verbs


def _is_frame_cue(token: Token, cues: Cues) -> bool:
    """A cue verb, or the "according" of "according to X"."""
    return _is_cue(token, cues) or token.lower_ == "according"


def _cue_text(cue: Token) -> str:
    if cue.lower_ == "according":
        return "according to"
    return cue.text[0] if cue.text[0] in _DASHES else cue.text  # "-Michelle" -> "-"


#: Names in these roles are not the speaker ("Trump's", "told Blitzer", "with CNN's Blitzer").
_NOT_SPEAKER_DEPS = frozenset({"poss", "dobj", "dative", "pobj", "npadvmod"})
#: Names of times are never speakers ('"...," Trump tweeted Sunday').
_NOT_SPEAKER_ENTITIES = frozenset({"DATE", "TIME"})


def _person_among_subjects(cue: Token, subject: Token) -> Token:
    """Of several subjects the parser gives a cue (a title split from its name: "said Army
    Capt. Christian Pardo"), the person named."""
    if subject.ent_type_ == "PERSON":
        return subject
    people = [c for c in cue.children if c.dep_ in SUBJECT_DEPS and c.ent_type_ == "PERSON"]
    return people[-1] if people else subject


def _speaker_in_frame(cue: Token, frame: list[Token], quote: QuotedSpan) -> Token | None:
    """The subject of the cue (the X of "according to X"), or the nearest name or pronoun
    of the frame ("said Caddell")."""
    subject = _according_source(cue) if cue.lower_ == "according" else subject_of(cue)
    if subject is not None and not quote.start <= subject.idx < quote.end:
        return _person_among_subjects(cue, subject)
    if cue.dep_ == "acl" and cue.tag_ == "VBG" and cue.head.pos_ == "PROPN":
        return cue.head  # "footage of Hillary Clinton asking, '...'"
    # The parser may take a subject inside the quote for the cue's, then another in the frame.
    framed = next((c for c in cue.children if c.dep_ in SUBJECT_DEPS and c in frame), None)
    if framed is not None:
        return framed
    for token in sorted(frame, key=lambda t: abs(t.i - cue.i)):
        if token.tag_ == "WP" and token.head.dep_ == "relcl":  # "said the woman, who ..."
            token = token.head.head
        is_subject_noun = token.pos_ == "NOUN" and token.dep_ in SUBJECT_DEPS
        if token not in frame or not (token.pos_ in ("PROPN", "PRON") or is_subject_noun):
            continue
        if token.dep_ not in _NOT_SPEAKER_DEPS and token.ent_type_ not in _NOT_SPEAKER_ENTITIES:
            while token.dep_ in ("compound", "flat", "amod") and token.head in frame:
                token = token.head
            return token
    return None


def _direct_frame(
    ctx: ArticleContext, quote: QuotedSpan, opens_clause: bool
) -> tuple[Token, Token | None] | None:
    """(cue, speaker head) framing a direct quote, after it or before it."""
    byline = _dash_byline(ctx, quote)
    if byline is not None:
        return byline
    text = ctx.text
    inner = text[quote.inner_start : quote.inner_end].rstrip("\"'’” ")
    inner_last = inner[-1] if inner else ""
    after = _frame_after(ctx, quote)
    continues = bool(after) and (
        inner_last in _CLAUSE_END_INSIDE
        or after[0].text in (",", "—", "–")
        or (inner_last == "." and after[0].text[:1].islower())
        or (len(after) <= settings.QUOTES_MAX_TRAILING_FRAME and _ends_sentence(after[-1]))
    )
    if continues:
        cue = next((t for t in after if _is_frame_cue(t, ctx.cues)), None)
        if cue is not None and (
            cue.i - after[0].i < settings.QUOTES_MAX_CUE_DISTANCE or _subject_opens(cue, after)
        ):
            return cue, _speaker_in_frame(cue, after, quote)
        framing_verb = _framing_verb(after)
        if framing_verb is not None:
            return framing_verb
    if not opens_clause:
        return None
    lead = text[: quote.start].rstrip()
    before = _frame_before(ctx, quote, across_lines=lead.endswith(":"))
    named = _name_colon_frame(before)
    if named is not None:
        return named
    for token in reversed(before):
        if _is_frame_cue(token, ctx.cues):
            return token, _speaker_in_frame(token, before, quote)
        if token.pos_ == "VERB" and token.dep_ not in SUBJECT_DEPS:
            introducing = _introducing_verb(token, before)
            if introducing is not None:
                return introducing
    return None


_DASH_BYLINE = re.compile(
    r"""[ \t\u00a0]* (?:\n[ \t\u00a0]*){0,2}   # the rest of the line, or the next paragraph
    ([―—–]|--?) [ \t\u00a0]*                # a dash
    ([^\s,][^\n,]*?) [ \t\u00a0.]*            # the name
    (?:,[^\n]*)?$                            # ", Philadelphia."
    """,
    re.M | re.X,
)


def _dash_byline(ctx: ArticleContext, quote: QuotedSpan) -> tuple[Token, Token] | None:
    """A name after a dash ending the quote's line, or alone on the next line, is its
    speaker, as under an epigraph or in a collection of reactions ('"...." ― Krystal
    Correa', '-Michelle Marks, Philadelphia.')."""
    match = _DASH_BYLINE.match(ctx.text, quote.end)
    if match is None:
        return None
    words = match.group(2).split()
    if not 0 < len(words) <= settings.QUOTES_MAX_COLON_NAME:
        return None
    if not all(word[:1].isupper() for word in words):
        return None
    return ctx.token_at(match.start(1)), ctx.token_at(match.end(2) - 1)


def _subject_opens(cue: Token, after: list[Token]) -> bool:
    """The cue's subject comes first in the frame, however long its apposition: '"...,"
    Leonard E. Burman, director of the Tax Policy Center and a professor at ..., said'."""
    subject = subject_of(cue)
    opening = after[: settings.QUOTES_MAX_COLON_NAME + 1]
    return subject is not None and subject in opening and _is_name_or_pronoun(subject)


def _introducing_verb(verb: Token, before: list[Token]) -> tuple[Token, Token] | None:
    """The verb right before a quote after a colon or comma, whatever it is, when its
    subject is a name or pronoun (Trump leaned in and boomed: "...")."""
    if before[-1].text not in (":", ","):
        return None
    subject = subject_of(verb)
    if subject is not None and subject in before and _is_name_or_pronoun(subject):
        return verb, subject
    return None


def _ends_sentence(token: Token) -> bool:
    """The token is followed by a full stop, not a colon introducing another quote."""
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return following is None or following.text in _SENTENCE_END


def _framing_verb(after: list[Token]) -> tuple[Token, Token] | None:
    """Any verb right after a quote with a named or pronoun subject ("...," Trump barked),
    not one of a subordinate clause ("...," when Clinton blasted him)."""
    for token in after[: settings.QUOTES_MAX_FRAMING_VERB_DISTANCE]:
        if token.pos_ == "SCONJ" or token.tag_ in ("WRB", "IN"):
            return None
        if token.pos_ != "VERB" or token.dep_ in SUBJECT_DEPS:
            continue
        subject = subject_of(token)
        if subject is not None and subject in after and _is_nominal(subject):
            return token, subject
        return None
    return None


def _is_nominal(token: Token) -> bool:
    return token.pos_ in ("NOUN", "PROPN", "PRON") or _is_name_or_pronoun(token)


def _is_name_or_pronoun(token: Token) -> bool:
    """Tagging is unreliable on names in quote frames ("Trump" as a verb): trust case too."""
    return token.pos_ in ("PROPN", "PRON") or token.text[:1].isupper()


def _name_colon_frame(before: list[Token]) -> tuple[Token, Token | None] | None:
    """A headline's "Trump: '...'": a short name and a colon, no verb."""
    if not before or before[-1].text != ":":
        return None
    lead = before[:-1]
    boundary = max((i for i, t in enumerate(lead) if t.text in _NAME_BOUNDARIES), default=-1)
    name = lead[boundary + 1 :]
    if not name or len(name) > settings.QUOTES_MAX_COLON_NAME:
        return None
    if any(t.pos_ in ("VERB", "AUX") and not t.text[:1].isupper() for t in name):
        return None
    names = [t for t in name if t.text[:1].isupper() and not t.is_punct]
    return (before[-1], names[-1]) if names else None


def _opens_clause(ctx: ArticleContext, quote: QuotedSpan) -> bool:
    """The quote starts a paragraph, a sentence or follows a colon, comma or cue verb."""
    text = ctx.text
    lead = text[: quote.start].rstrip()
    if not lead or "\n" in text[len(lead) : quote.start] or lead[-1] in _CLAUSE_OPENERS:
        return True
    previous = ctx.token_at(len(lead) - 1)
    return (
        _is_cue(previous, ctx.cues)
        and text[previous.idx - 1 : previous.idx] != "-"
        and text[quote.inner_start].isupper()
    )


def _after_scare_marker(ctx: ArticleContext, quote: QuotedSpan) -> bool:
    """So-called "moderate" rebels, a group dubbed "the Caliphate"."""
    lead = ctx.text[max(0, quote.start - 20) : quote.start].rstrip().lower()
    return any(lead.endswith(marker) for marker in ctx.cues.scare_markers)


def _is_scare_quote(ctx: ArticleContext, quote: QuotedSpan, inner: list[Token]) -> bool:
    """A word or two used at a distance, modifying a noun outside the quote: "rebel" groups."""
    words = [t for t in inner if not t.is_punct]
    if len(words) > settings.QUOTES_SCARE_MAX_WORDS:
        return False
    last = words[-1] if words else None
    return (
        last is not None
        and last.dep_ in ("amod", "compound", "nmod")
        and not (quote.inner_start <= last.head.idx < quote.inner_end)
    )


def _governing_cue(ctx: ArticleContext, inner: list[Token], quote: QuotedSpan) -> Token | None:
    """The speech verb a partial quote depends on, else one in its sentence."""
    if not inner:
        return None
    token = inner[0]
    for _ in range(12):
        if _is_cue(token, ctx.cues) and not quote.inner_start <= token.idx < quote.inner_end:
            return token
        if token.head is token:
            break
        token = token.head
    for candidate in inner[0].sent:
        is_speech = candidate.lemma_.lower() in ctx.cues.speech
        if is_speech and _is_cue(candidate, ctx.cues) and not ctx.in_quote(candidate.idx):
            return candidate
    return None


def _inner_tokens(ctx: ArticleContext, quote: QuotedSpan) -> list[Token]:
    first = ctx.token_at(quote.inner_start).i
    last = ctx.token_at(quote.inner_end - 1).i
    return list(ctx.doc[first : last + 1])


def quote_findings(ctx: ArticleContext) -> list[Finding]:
    """Direct and partial quotes from the paired quotation marks."""
    findings: list[Finding] = []
    for quote in ctx.quotes:
        if _after_scare_marker(ctx, quote):
            continue
        inner = _inner_tokens(ctx, quote)
        opens = _opens_clause(ctx, quote)
        frame = _direct_frame(ctx, quote, opens)
        words = sum(1 for t in inner if not t.is_punct)
        ends_sentence = ctx.text[quote.inner_end - 1] in ".!?,"
        if opens and (frame or words >= settings.QUOTES_MIN_DIRECT_WORDS or ends_sentence):
            cue, speaker = frame if frame else (None, None)
            findings.append(
                Finding(
                    quote.inner_start,
                    quote.inner_end,
                    "direct",
                    cue,
                    _cue_text(cue) if cue else None,
                    speaker,
                    continued=quote.unclosed,
                )
            )
            continue
        if _is_scare_quote(ctx, quote, inner):
            continue
        cue = _governing_cue(ctx, inner, quote)
        if cue is not None:
            findings.append(
                Finding(
                    quote.inner_start, quote.inner_end, "partial", cue, cue.text, subject_of(cue)
                )
            )
    return findings


# --- indirect speech and attributed claims ----------------------------------------------


def _overlaps_direct(span: CharSpan, directs: list[Finding]) -> bool:
    return any(span[0] < d.end and d.start < span[1] for d in directs)


def clause_findings(ctx: ArticleContext, directs: list[Finding]) -> list[Finding]:
    """Indirect quotes and claims: cue verbs with a clausal complement, "according to X"."""
    findings: list[Finding] = []
    for token in ctx.doc:
        if token.lower_ == "according":
            finding = _according_to(token)
        elif _is_cue(token, ctx.cues) and not ctx.in_quote(token.idx):
            finding = _reported_clause(ctx, token)
        else:
            continue
        if finding is not None and not _overlaps_direct((finding.start, finding.end), directs):
            findings.append(finding)
    return findings


def _reported_clause(ctx: ArticleContext, verb: Token) -> Finding | None:
    """A cue verb's clausal complement (an indirect quote for verbs of saying), else the
    object of a verb of saying, evidence or stance (a claim: "endorsed the plan")."""
    lemma = verb.lemma_.lower()
    complement = complement_of(verb)
    if complement is not None:
        kind = "indirect" if lemma in ctx.cues.speech else "claim"
    elif lemma in ctx.cues.object_verbs:
        complement, kind = object_of(verb), "claim"
    if complement is None:
        return None
    start, end = clause_chars(complement)
    return Finding(start, end, kind, verb, verb.text, subject_of(verb))


def _according_source(according: Token) -> Token | None:
    to = next((c for c in according.children if c.lower_ == "to"), None)
    return next((c for c in to.children if c.dep_ == "pobj"), None) if to else None


def _according_to(according: Token) -> Finding | None:
    """'Y, according to X' / 'According to X, Y': claim Y sourced to X."""
    source = _according_source(according)
    if source is None or according.head is according:
        return None
    head, doc = according.head, according.doc
    if according.left_edge.i <= head.left_edge.i:
        first, last = according.right_edge.i + 1, head.right_edge.i
    else:
        first, last = head.left_edge.i, according.left_edge.i - 1
    while first < last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    while last > first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    if first >= last:
        return None
    start, end = span_chars(doc[first], doc[last])
    return Finding(start, end, "claim", according, "according to", source)


# --- speakers ---------------------------------------------------------------------------


def _covering_actor(ctx: ArticleContext, head: Token) -> dict | None:
    start, end = head.idx, head.idx + len(head.text)
    for actor in ctx.actors:
        for mention_start, mention_end in actor.get("mentions", []):
            if mention_start <= start and end <= mention_end:
                return actor
    return None


def _speaker_kind(head: Token, is_known_person: bool) -> str:
    if is_known_person or head.ent_type_ == "PERSON" or is_person_noun(head):
        return "person"
    if head.ent_type_ in GROUP_ENTITY_LABELS or head.tag_ in ("NNS", "NNPS"):
        return "group"
    return "any"


def _fits(speaker: Speaker, kind: str, gender: str | None) -> bool:
    """The speaker may be what a pronoun of this kind and gender refers to: he and she
    only people ("his campaign" or "the move" never), it and they also the undetermined."""
    if gender is not None:
        return speaker.kind == kind and speaker.gender in (None, gender)
    return speaker.kind in (kind, "any")


def _resolve_pronoun(ctx: ArticleContext, head: Token, history: list[Speaker]) -> Speaker | None:
    """The last compatible speaker before the pronoun (a person of its gender, when known,
    for he/she); for he/she also any such person named as a subject since ("Trump also
    said ... '...,' he tweeted")."""
    kind, gender = PRONOUN_CLASSES[head.lower_], PRONOUN_GENDER.get(head.lower_)
    speaker = next((s for s in reversed(history) if _fits(s, kind, gender)), None)
    if kind != "person":
        return speaker
    index = bisect_right(ctx.person_subject_starts, head.idx) - 1
    while index >= 0 and not _fits(ctx.person_subjects[index], kind, gender):
        index -= 1
    subject = ctx.person_subjects[index] if index >= 0 else None
    if subject is not None and (speaker is None or subject.position > speaker.position):
        return subject
    return speaker


def person_subjects(ctx: ArticleContext) -> list[Speaker]:
    """People named as subjects outside quotations, in text order."""
    subjects = []
    for token in ctx.doc:
        if token.dep_ not in SUBJECT_DEPS or not token.text[:1].isupper():
            continue
        if token.head.dep_ not in ("ROOT", "conj") or ctx.in_quote(token.idx):
            continue
        fullest = ctx.fullest_names.get(token.lower_)
        is_name = token.tag_ == "NNP" and token.ent_type_ not in GROUP_ENTITY_LABELS
        if fullest is None and token.ent_type_ != "PERSON" and not is_name:
            continue
        actor = _covering_actor(ctx, token)
        name = _proper_name(ctx, token, actor) or _as_written(token)
        subjects.append(_person(ctx, token, name, actor))
    return subjects


def _as_written(head: Token) -> str:
    """The phrase headed by `head`, without a byline's dash glued to it ("-Michelle")."""
    return phrase_of(head).text.lstrip("".join(_DASHES))


def _person(ctx: ArticleContext, head: Token, name: str, actor: dict | None) -> Speaker:
    """A person speaker, with the gender "he" or "she" must agree with when it is known."""
    mention, gender = person_gender(head, ctx.fullest_names, ctx.honorifics)
    if gender is None and name != mention:
        gender = mention_gender(name, ctx.fullest_names, ctx.honorifics)
    return Speaker(head.idx, name, actor["id"] if actor else None, "person", gender)


def _proper_name(ctx: ArticleContext, head: Token, actor: dict | None) -> str | None:
    """The name a proper-noun head goes by: the fuller of the covering actor's name, when
    it contains the head word, and the article's fullest PERSON name ending with it
    ("Lavrov" -> "Sergei Lavrov"); an actor named otherwise names only a non-person
    ("Pentagon" -> the actor's name, but never "Tusk" -> "European Union")."""
    fullest = ctx.fullest_names.get(head.lower_) if head.text[:1].isupper() else None
    if actor is None:
        return fullest
    actor_words = [_POSSESSIVE.sub("", w) for w in actor["name"].lower().split()]
    if head.lower_ in actor_words:
        if fullest is None or len(actor_words) > len(fullest.split()):
            return actor["name"]
        return fullest
    if fullest is not None or head.ent_type_ == "PERSON":
        return fullest
    return actor["name"]


def _named_apposition(head: Token) -> Token:
    """The name a description is followed by ("the economist Jared Bernstein" ->
    Bernstein), else the head itself."""
    if head.pos_ != "NOUN":
        return head
    return next((c for c in head.rights if c.dep_ == "appos" and c.ent_type_ == "PERSON"), head)


def resolve_speaker(ctx: ArticleContext, head: Token, history: list[Speaker]) -> Speaker | None:
    """Name, actor id and kind of the speaker whose phrase is headed by `head`: a name is
    given as the covering actor's name or the article's fullest PERSON name, a description
    ("a source linked to the opposition") as written, linked to its actor when there is one."""
    if head.tag_ in ("WP", "WDT") and head.head.dep_ == "relcl":
        head = head.head.head  # "the group, which said ...": the group
    if head.pos_ == "PRON":
        return _resolve_pronoun(ctx, head, history) if head.lower_ in PRONOUN_CLASSES else None
    head = _named_apposition(head)
    actor = _covering_actor(ctx, head)
    actor_id = actor["id"] if actor is not None else None
    fullest = ctx.fullest_names.get(head.lower_) if head.text[:1].isupper() else None
    kind = _speaker_kind(head, fullest is not None)
    if head.pos_ == "PROPN" or head.ent_type_ or fullest is not None:
        name = _proper_name(ctx, head, actor)
        if name is not None:
            if kind == "person":
                return _person(ctx, head, name, actor)
            return Speaker(head.idx, name, actor_id, kind)
    if kind == "person":
        return _person(ctx, head, _as_written(head), actor)
    return Speaker(head.idx, _as_written(head), actor_id, kind)


def resolve_speakers(ctx: ArticleContext, findings: list[Finding]) -> None:
    """Resolve every finding's speaker in text order, pronouns to the last compatible one
    named outside reported content ("McLenney said Clinton doesn't show ...": McLenney)."""
    history: list[Speaker] = []
    for finding in sorted(findings, key=_speaker_position):
        if finding.speaker_head is None or finding.speaker_head.ent_type_ in _NOT_SPEAKER_ENTITIES:
            continue  # a time stamp the parser took for a subject ("12:15 p.m. Trump says")
        finding.source_phrase = _as_written(finding.speaker_head)
        speaker = resolve_speaker(ctx, finding.speaker_head, history)
        if speaker is None:
            continue
        finding.speaker, finding.actor = speaker.name, speaker.actor
        reported = finding.cue is not None and _reported_by_another(ctx, finding.cue)
        if finding.speaker_head.pos_ != "PRON" and not reported:
            history.append(speaker)


def _reported_by_another(ctx: ArticleContext, cue: Token) -> bool:
    """The cue lies in the clause another cue before it reports ("McLenney said [Clinton
    doesn't show ...]"): its speaker is talked about, not the topic speaker."""
    if ctx.in_quote(cue.idx):
        return False
    token = cue
    for _ in range(6):
        reporting = token.head
        if reporting is token:
            return False
        if (
            token.dep_ in ("ccomp", "xcomp")
            and reporting.i < cue.i
            and _is_cue(reporting, ctx.cues)
            and not ctx.in_quote(reporting.idx)
        ):
            return True
        token = reporting
    return False


def _speaker_position(finding: Finding) -> int:
    return finding.speaker_head.idx if finding.speaker_head is not None else finding.start


def inherit_speakers(ctx: ArticleContext, directs: list[Finding]) -> None:
    """A frameless direct quote takes the speaker of the quote it continues: the one just
    before it ("'A,' Lavrov declared. 'B.'"), when little more than that quote's frame lies
    between them, or, for a paragraph left unclosed, the quote of the next paragraph."""
    ordered = sorted(directs, key=lambda f: f.start)
    for current, following in reversed(list(zip(ordered, ordered[1:], strict=False))):
        if current.continued and current.cue is None and _close(ctx, current, following):
            _take_speaker(current, following)
    for previous, current in zip(ordered, ordered[1:], strict=False):
        if current.cue is None and current.speaker is None and _close(ctx, previous, current):
            _take_speaker(current, previous)
    for finding in ordered:
        if finding.cue is None and finding.speaker is None:
            _speaker_of_lead_sentence(ctx, finding)


def _speaker_of_lead_sentence(ctx: ArticleContext, finding: Finding) -> None:
    """A frameless quote right after a sentence about someone, in the same paragraph,
    is theirs ("The judge then turned to me. 'Mr. D'Souza?'")."""
    text = ctx.text
    lead = text[: finding.start].rstrip("\"“”‘’'«»` \t")
    if not lead or lead[-1] not in _SENTENCE_END or "\n" in text[len(lead) : finding.start]:
        return
    sentence = ctx.token_at(len(lead) - 1).sent
    subject = subject_of(sentence.root)
    if subject is None or subject.lower_ in _IMPERSONAL or ctx.in_quote(subject.idx):
        return
    if subject.ent_type_ and subject.ent_type_ not in ("PERSON", "ORG", "NORP"):
        return
    speaker = resolve_speaker(ctx, subject, [])
    if speaker is not None:
        finding.speaker, finding.actor = speaker.name, speaker.actor


_POSSESSIVE = re.compile(r"['’]s$")
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’']*\s")
_ABBREVIATION = re.compile(r"\b(?:[A-Z]|Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Col|Lt|St|Jr|Sr|Rev|Prof)\.")


def _close(ctx: ArticleContext, first: Finding, second: Finding) -> bool:
    """Nothing but the first quote's frame sentence lies between the two quotes."""
    gap = ctx.text[first.end : second.start]
    if len(gap) > settings.QUOTES_MAX_CONTINUATION_GAP:
        return False
    return len(_SENTENCE_BREAK.findall(_ABBREVIATION.sub("", gap))) <= 1


def _take_speaker(finding: Finding, model: Finding) -> None:
    finding.speaker, finding.actor, finding.cue_text = model.speaker, model.actor, model.cue_text


# --- the component ----------------------------------------------------------------------


def _quote_dict(text: str, finding: Finding) -> dict:
    return {
        "text": text[finding.start : finding.end],
        "start": finding.start,
        "end": finding.end,
        "speaker": finding.speaker,
        "speaker_actor": finding.actor,
        "cue": finding.cue_text,
        "kind": finding.kind,
    }


def _attribution_dict(text: str, finding: Finding) -> dict:
    return {
        "claim": text[finding.start : finding.end],
        "start": finding.start,
        "end": finding.end,
        "source": finding.speaker or finding.source_phrase,
        "source_actor": finding.actor,
        "cue": finding.cue_text,
    }


class QuoteExtractor:
    """Fills doc._.quotes and doc._.attributions (see the module docstring)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.cues = load_cues()

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        ctx = ArticleContext(
            doc=doc,
            text=text,
            cues=self.cues,
            quotes=pair_quote_marks(text),
            token_starts=[token.idx for token in doc],
            fullest_names=fullest_person_names(doc),
            honorifics=honorific_genders(doc),
            actors=list_extension(doc, "actors"),
        )
        ctx.person_subjects = person_subjects(ctx)
        ctx.person_subject_starts = [s.position for s in ctx.person_subjects]
        marked = quote_findings(ctx) if len(doc) else []
        directs = [f for f in marked if f.kind == "direct"]
        clauses = clause_findings(ctx, directs) if len(doc) else []
        findings = sorted(marked + clauses, key=lambda f: (f.start, f.end))
        resolve_speakers(ctx, findings)
        inherit_speakers(ctx, directs)
        doc._.quotes = [_quote_dict(text, f) for f in findings if f.kind != "claim"]
        doc._.attributions = _attributions(text, findings)
        return doc


def _attributions(text: str, findings: list[Finding]) -> list[dict]:
    """One attribution per sourced content span."""
    seen: set[CharSpan] = set()
    attributions = []
    for finding in findings:
        if (finding.speaker or finding.source_phrase) is None or finding.cue_text is None:
            continue
        if (finding.start, finding.end) in seen:
            continue
        seen.add((finding.start, finding.end))
        attributions.append(_attribution_dict(text, finding))
    return attributions


@Language.factory("tacitus_quotes", default_config={})
def make_quotes(nlp: Language, name: str) -> QuoteExtractor:
    return QuoteExtractor(nlp, name)
