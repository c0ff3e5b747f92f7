"""The `tacitus_quotes` component: who said what, and on whose authority each claim rests.

It fills ``doc._.quotes`` (schema v1 Quote) and ``doc._.attributions`` (schema v1
Attribution) in four steps, on spaCy's parse (a parser is required):

1. Quotation marks are paired within paragraphs (`pair_quote_marks`), robust to
   straight, curly, nested and unbalanced marks.
2. Each quotation is classed as *direct* (it opens a clause: "'...,' Lavrov declared",
   'He said: "..."', a headline's 'Trump: "..."', or it is the whole clause a cue before
   it reports: police said "we arrested 12 people"), *partial* (three words or more
   embedded in a sentence whose speech verb governs it: called the resolution "a
   dangerous provocation"), a title (his book "The Long Road", the song "Freedom",
   Operation "Desert Shield": dropped, `resources/quotes/titles.yaml`) or a scare quote.
   Following PARC, one or two quoted words inside a sentence are never a quote: a scare
   quote (so-called "moderate" rebels) has no source, and words a cue verb governs
   (called the plan a "disaster") are part of the content it reports, kept as an
   attribution of the cue's subject only. A frameless direct quote continues the quote
   just before it (split by its cue, or spanning paragraphs), else belongs to the
   subject of the sentence leading into it.
3. Cue verbs (``resources/quotes/cues.yaml``) outside direct quotes give indirect quotes
   (verbs of saying with a clausal complement) and attributed claims (also verbs of
   belief, evidence and stance, and their objects); "according to X" sources a claim to X.
4. Speakers are resolved in text order: a name to the actor whose mention covers it (its
   name and id) or the fullest PERSON name of the article ("Lavrov" -> "Sergei Lavrov",
   hyphenated names kept whole: "Jean-Pierre Lacroix"), a description as written.
   "He"/"she" take up the subject of the sentence before (a name, a census surname the
   tagger missed, or a role noun: "The minister rose. '...,' she said"; a definite role
   noun refers back to the person the article gave that title), else the last person
   of their gender named as a subject or speaker.

Every quote with a speaker phrase is also an attribution of its content.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Token

from tacitus import settings
from tacitus.nlp.extensions import list_extension, text_of
from tacitus.nlp.speech_cues import (
    COMPLEMENT_DEPS,
    GROUP_ENTITY_LABELS,
    PRONOUN_CLASSES,
    PRONOUN_GENDER,
    SUBJECT_DEPS,
    Cues,
    TitleWords,
    census_surnames,
    clause_chars,
    complement_of,
    fullest_person_names,
    honorific_genders,
    is_person_noun,
    load_cues,
    load_title_words,
    mention_gender,
    object_of,
    person_gender,
    person_nouns,
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
    titles: TitleWords
    quotes: list[QuotedSpan]
    token_starts: list[int] = field(default_factory=list)
    title_quotes: frozenset[QuotedSpan] = frozenset()
    role_holders: dict[str, list[tuple[Token, frozenset[str]]]] = field(default_factory=dict)
    fullest_names: dict[str, str] = field(default_factory=dict)
    honorifics: dict[str, str] = field(default_factory=dict)
    actors: list[dict] = field(default_factory=list)
    person_subjects: list[Speaker] = field(default_factory=list)
    person_subject_starts: list[int] = field(default_factory=list)
    quoted: list[CharSpan] = field(init=False)  # the quotations' words, merged, in order
    quoted_starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        merged: list[CharSpan] = []
        for quote in sorted(self.quotes, key=lambda q: q.inner_start):
            if merged and quote.inner_start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], quote.inner_end))
            else:
                merged.append((quote.inner_start, quote.inner_end))
        self.quoted, self.quoted_starts = merged, [start for start, _ in merged]

    def token_at(self, char: int) -> Token:
        return self.doc[max(0, bisect_right(self.token_starts, char) - 1)]

    def in_quote(self, char: int) -> bool:
        index = bisect_right(self.quoted_starts, char) - 1
        return index >= 0 and char < self.quoted[index][1]


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


def _is_time(token: Token) -> bool:
    """A time stamp or date, never a speaker; an age the tagger takes for a date is a
    person ('"...," said the 46-year-old')."""
    if token.ent_type_ not in _NOT_SPEAKER_ENTITIES:
        return False
    return not (
        token.lower_ == "old" and token.i > 0 and token.nbor(-1).lower_ in ("-", "year", "years")
    )


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
    # With no subject, an inverted frame's object is the speaker the parser misread
    # ('"Who will pay?" asked Osei').
    inverted = bool(frame) and frame[0].idx >= quote.end and cue.i - frame[0].i <= 1
    for token in sorted(frame, key=lambda t: abs(t.i - cue.i)):
        if token.tag_ == "WP" and token.head.dep_ == "relcl":  # "said the woman, who ..."
            token = token.head.head
        is_subject_noun = token.pos_ == "NOUN" and token.dep_ in SUBJECT_DEPS
        if token not in frame or not (token.pos_ in ("PROPN", "PRON") or is_subject_noun):
            continue
        misread = inverted and token.dep_ == "dobj" and token.head == cue
        speaker_dep = token.dep_ not in _NOT_SPEAKER_DEPS or misread
        if speaker_dep and not _is_time(token):
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


_OPERATION = re.compile(r"Operation\s+[A-Z0-9]")
_TITLE_WORD = re.compile(r"[\w'’-]+")
#: Words a title leaves in lower case ("Voices from the Camp").
_TITLE_SMALL_WORDS = frozenset(
    {"a", "an", "the", "and", "or", "nor", "but", "of", "in", "on", "at", "to", "for", "by"}
    | {"with", "from", "as", "into", "vs", "via", "de", "la", "le", "el", "al"}
)


def _title_cased(inner: str) -> bool:
    """Written as a title: every word capitalised but short function words ("The Long
    Road", "Rise Up, My People", "13th"), no sentence ending inside."""
    words = _TITLE_WORD.findall(inner)
    if not words or _SENTENCE_BREAK.search(_ABBREVIATION.sub("", inner)):
        return False
    if not (words[0][0].isupper() or words[0][0].isdigit()):
        return False
    return all(
        w[0].isupper() or not w[0].isalpha() or w.lower() in _TITLE_SMALL_WORDS for w in words
    )


def _ends_with_word(lead: str, word: str) -> bool:
    return lead.endswith(word) and not lead[-len(word) - 1 : -len(word)].isalnum()


def _is_title(ctx: ArticleContext, quote: QuotedSpan) -> bool:
    """The title of a work, programme or operation, which no one is quoted saying: a
    title-cased quotation right after a title noun (his book "The Long Road", the BBC
    programme "Newsnight", his memoir, "Soldiers of the Desert"), after a title noun and
    a linking word (a film called "X"), after a naming word (a report titled "X"), or an
    operation's name ("Operation Iron Wall")."""
    inner = ctx.text[quote.inner_start : quote.inner_end]
    lead = ctx.text[max(0, quote.start - 24) : quote.start].rstrip(" \t,").lower()
    if any(_ends_with_word(lead, word) for word in ctx.titles.naming_words):
        return True
    if not _title_cased(inner):
        return False
    if _OPERATION.match(inner):
        return True
    doc, index = ctx.doc, ctx.token_at(quote.start).i - 1
    if index >= 0 and doc[index].text == ",":
        index -= 1
    if index > 0 and doc[index].lower_ in ctx.titles.linking_words:
        index -= 1
    if index < 0:
        return False
    noun = doc[index]
    return noun.pos_ in ("NOUN", "PROPN") and noun.lemma_.lower() in ctx.titles.title_nouns


def _reporting_cue(ctx: ArticleContext, inner: list[Token]) -> Token | None:
    """The cue verb before a quotation that is the whole clause it reports, opening with
    it: police said "we arrested 12 people", told reporters "the town is calm", said in
    a statement "...". The quoted clause is direct speech (PARC), whatever its case."""
    words = [t for t in inner if not t.is_punct and not t.is_space]
    if not words:
        return None
    first = words[0]
    for token in words:
        cue = token.head
        if token.dep_ not in COMPLEMENT_DEPS or cue.i >= first.i or not _is_cue(cue, ctx.cues):
            continue
        if ctx.in_quote(cue.idx):
            return None
        edge = token.left_edge
        while edge.i < first.i and (edge.is_punct or edge.is_space):
            edge = edge.nbor(1)
        return cue if edge.i == first.i else None
    return None


def _cue_above(ctx: ArticleContext, inner: list[Token], quote: QuotedSpan) -> Token | None:
    """The cue verb a quotation depends on in the parse ("called the plan a 'disaster'")."""
    if not inner:
        return None
    token = inner[0]
    for _ in range(12):
        if _is_cue(token, ctx.cues) and not quote.inner_start <= token.idx < quote.inner_end:
            return token
        if token.head == token:
            return None
        token = token.head
    return None


def _governing_cue(ctx: ArticleContext, inner: list[Token], quote: QuotedSpan) -> Token | None:
    """The speech verb a partial quote depends on, else one in its sentence."""
    cue = _cue_above(ctx, inner, quote)
    if cue is not None or not inner:
        return cue
    for candidate in inner[0].sent:
        is_speech = candidate.lemma_.lower() in ctx.cues.speech
        if is_speech and _is_cue(candidate, ctx.cues) and not ctx.in_quote(candidate.idx):
            return candidate
    return None


def _quoted_words_claim(
    ctx: ArticleContext, inner: list[Token], quote: QuotedSpan
) -> Finding | None:
    """A word or two in quotation marks is no quote: a scare quote has no source, and
    quoted words a cue verb governs ('called the plan a "disaster"') are part of the
    content it reports (PARC's mixed quotation). Those words are still a claim of the
    cue's subject, an attribution without a quote."""
    cue = _cue_above(ctx, inner, quote)
    subject = subject_of(cue) if cue is not None else None
    if subject is None or quote.start <= subject.idx < quote.end:
        return None
    return Finding(quote.inner_start, quote.inner_end, "claim", cue, cue.text, subject)


def _inner_tokens(ctx: ArticleContext, quote: QuotedSpan) -> list[Token]:
    first = ctx.token_at(quote.inner_start).i
    last = ctx.token_at(quote.inner_end - 1).i
    return list(ctx.doc[first : last + 1])


def _subject_before_cue(ctx: ArticleContext, cue: Token) -> Token | None:
    """The nearest subject of a verb outside quotations earlier in the cue's sentence, for a
    cue the parse left without one, or with one inside another quote, as when it hangs
    from a word of that quote ('Ruiz dismissed the claims as "..." and, when pressed,
    insisting, "..."')."""
    doc = ctx.doc
    for index in range(cue.i - 1, max(-1, cue.i - settings.QUOTES_MAX_FRAME_TOKENS * 2), -1):
        token = doc[index]
        if ctx.in_quote(token.idx):
            continue
        if "\n" in token.text or token.text in _SENTENCE_END:
            return None
        if (
            token.dep_ in SUBJECT_DEPS
            and _is_nominal(token)
            and token.lower_ not in _IMPERSONAL
            and not ctx.in_quote(token.head.idx)
            and not _in_reported_clause(ctx, token)
        ):
            return token
    return None


def _with_speaker_outside_quotes(
    ctx: ArticleContext, frame: tuple[Token, Token | None] | None
) -> tuple[Token, Token | None] | None:
    """The frame, its speaker sought before its cue when it has none outside quotations."""
    if frame is None or frame[0].pos_ not in ("VERB", "AUX"):
        return frame
    cue, speaker = frame
    if speaker is None or ctx.in_quote(speaker.idx):
        return cue, _subject_before_cue(ctx, cue)
    return frame


def _opening_and_frame(
    ctx: ArticleContext, quote: QuotedSpan, inner: list[Token]
) -> tuple[bool, tuple[Token, Token | None] | None]:
    """Whether the quotation opens a clause, and the (cue, speaker head) of its frame."""
    if _opens_clause(ctx, quote):
        return True, _direct_frame(ctx, quote, True)
    reporting = _reporting_cue(ctx, inner)
    if reporting is None:
        return False, _direct_frame(ctx, quote, False)
    before = _frame_before(ctx, quote, across_lines=False)
    return True, (reporting, _speaker_in_frame(reporting, before, quote))


def quote_findings(ctx: ArticleContext) -> list[Finding]:
    """Direct and partial quotes from the paired quotation marks."""
    findings: list[Finding] = []
    for quote in ctx.quotes:
        if _after_scare_marker(ctx, quote) or quote in ctx.title_quotes:
            continue
        inner = _inner_tokens(ctx, quote)
        opens, frame = _opening_and_frame(ctx, quote, inner)
        frame = _with_speaker_outside_quotes(ctx, frame)
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
        if words <= settings.QUOTES_SCARE_MAX_WORDS:
            claim = _quoted_words_claim(ctx, inner, quote)
            findings.extend([claim] if claim is not None else [])
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
        if finding is None or _overlaps_direct((finding.start, finding.end), directs):
            continue
        if not _opens_with_title(ctx, finding):
            findings.append(finding)
    return findings


def _opens_with_title(ctx: ArticleContext, finding: Finding) -> bool:
    """The reported "clause" is a title the parser read as one ("sang the anthem 'Rise Up,
    My People'")."""
    return any(q.start <= finding.start < q.inner_end for q in ctx.title_quotes)


def _with_whole_quotations(ctx: ArticleContext, start: int, end: int) -> CharSpan:
    """[start, end) widened to the closing mark of a quotation opened inside it, which the
    trimming of a clause's trailing punctuation cuts off ('denied the camp was a "prison"')."""
    for quote in ctx.quotes:
        if start <= quote.start < end < quote.end:
            end = quote.end
    return start, end


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
    start, end = _with_whole_quotations(ctx, *clause_chars(complement))
    return Finding(start, end, kind, verb, verb.text, subject_of(verb))


def _according_source(according: Token) -> Token | None:
    to = next((c for c in according.children if c.lower_ == "to"), None)
    return next((c for c in to.children if c.dep_ == "pobj"), None) if to else None


def _according_to(according: Token) -> Finding | None:
    """'Y, according to X' / 'According to X, Y': claim Y sourced to X."""
    source = _according_source(according)
    if source is None or according.head == according:
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
    """For he/she first the person the sentence before names as its subject
    (`_local_antecedent`); else the last compatible speaker before the pronoun (a person of
    its gender, when known, for he/she), or for he/she any such person named as a subject
    since ("Trump also said ... '...,' he tweeted"); else, for he/she, whoever the sentence
    before names at all ("Lindqvist was not there. '...,' she said")."""
    kind, gender = PRONOUN_CLASSES[head.lower_], PRONOUN_GENDER.get(head.lower_)
    if kind == "person":
        local = _local_antecedent(ctx, head, gender, last_resort=False)
        if local is not None:
            return local
    speaker = next((s for s in reversed(history) if _fits(s, kind, gender)), None)
    if kind != "person":
        return speaker
    index = bisect_right(ctx.person_subject_starts, head.idx) - 1
    while index >= 0 and not _fits(ctx.person_subjects[index], kind, gender):
        index -= 1
    subject = ctx.person_subjects[index] if index >= 0 else None
    if subject is not None and (speaker is None or subject.position > speaker.position):
        return subject
    return speaker or _local_antecedent(ctx, head, gender, last_resort=True)


def _antecedent_window(ctx: ArticleContext, pronoun: Token) -> list[Token]:
    """Words outside quotations before `pronoun` in its sentence and in the nearest
    sentence before it that has any (a quote's own sentence holds none)."""
    doc, sentence = ctx.doc, pronoun.sent
    window = [t for t in doc[sentence.start : pronoun.i] if not ctx.in_quote(t.idx)]
    start = sentence.start
    while start > 0:
        earlier = doc[start - 1].sent
        outside = [t for t in earlier if not ctx.in_quote(t.idx)]
        if any(t.is_alpha for t in outside):
            return outside + window
        start = earlier.start
    return window


def _local_antecedent(
    ctx: ArticleContext, pronoun: Token, gender: str | None, last_resort: bool
) -> Speaker | None:
    """The person "he" or "she" takes up from its own sentence or the one before
    (centering): the nearest subject of a main clause that may be them, a name, a surname
    of the census or a role noun ("The minister rose. '...,' she said"). A definite role
    noun ("the president") refers back to whoever the article gave that title, else to
    the person the caller finds before. A subject that is itself a pronoun of this
    gender continues an earlier reference, which the caller resolves.

    As a `last_resort` also a definite role noun itself, any lone capitalised subject,
    and the nearest person named elsewhere in the window but in what someone is reported
    to say ("The committee heard from Haddad. '...,' he said")."""
    others: list[Speaker] = []
    for token in reversed(_antecedent_window(ctx, pronoun)):
        is_subject = token.dep_ in SUBJECT_DEPS
        if is_subject and gender is not None and PRONOUN_GENDER.get(token.lower_) == gender:
            return None
        main_subject = is_subject and token.head.dep_ in ("ROOT", "conj")
        if main_subject and is_person_noun(token) and _is_definite(token) and not last_resort:
            titled = _titled_person(ctx, token)
            return titled if titled is not None and _fits(titled, "person", gender) else None
        candidate = _antecedent(ctx, token, main_subject, last_resort)
        if candidate is None or not _fits(candidate, "person", gender):
            continue
        if main_subject:
            return candidate
        if last_resort and not _in_reported_clause(ctx, token):
            others.append(candidate)
    return min(others, key=lambda s: _depth(ctx.token_at(s.position))) if others else None


def _depth(token: Token) -> int:
    """How deep `token` lies in its sentence's tree: a name in a prepositional phrase of an
    apposition is a less likely antecedent than the object it qualifies."""
    depth = 0
    while token.head != token and depth < 12:
        token, depth = token.head, depth + 1
    return depth


def _is_definite(noun: Token) -> bool:
    """'the minister', 'the Vermont senator', 'the party's candidate': an anaphoric description."""
    return any(
        c.dep_ in ("det", "poss") and c.lower_ != "a" and c.lower_ != "an" for c in noun.children
    )


def _titled_person(ctx: ArticleContext, noun: Token) -> Speaker | None:
    """The last person before `noun` the article gives its title with at least its
    modifiers ("the minister", "the foreign minister" -> "Foreign Minister Ana Ruiz"; "the
    Republican nominee" never -> "Democratic vice presidential nominee Tim Kaine")."""
    wanted = _role_modifiers(noun)
    holders = [
        head
        for head, modifiers in ctx.role_holders.get(_role_of(noun) or "", [])
        if head.idx < noun.idx and wanted <= modifiers
    ]
    return resolve_speaker(ctx, holders[-1], []) if holders else None


def _in_reported_clause(ctx: ArticleContext, token: Token) -> bool:
    """`token` lies in the clause a cue verb reports ("McLenney said [Clinton ...]")."""
    for _ in range(8):
        if token.dep_ in COMPLEMENT_DEPS and _is_cue(token.head, ctx.cues):
            return True
        if token.head == token:
            return False
        token = token.head
    return False


def _antecedent(
    ctx: ArticleContext, token: Token, main_subject: bool, last_resort: bool
) -> Speaker | None:
    """The person `token` names: a person's name, or as the subject of a main clause also
    a role noun ("the minister", "a spokeswoman for the airline") or a bare surname
    (`_bare_surname`)."""
    if token.dep_ in ("poss", "compound", "flat") or token.pos_ == "PRON":
        return None
    if token.ent_type_ in _NOT_SPEAKER_ENTITIES or ctx.in_quote(token.idx):
        return None
    actor = _covering_actor(ctx, token)
    named = token.ent_type_ == "PERSON" or (actor is not None and actor["kind"] == "person")
    known = token.text[:1].isupper() and token.lower_ in ctx.fullest_names
    if named or known or (main_subject and is_person_noun(token)):
        speaker = resolve_speaker(ctx, token, [])
        return speaker if speaker is not None and speaker.kind == "person" else None
    if main_subject and _bare_surname(token, actor, attested_only=not last_resort):
        return _person(ctx, token, _proper_name(ctx, token, actor) or token.text, actor)
    return None


#: Kinds of actor a bare surname the tagger took for an organisation may be covered by.
_UNSURE_ACTOR_KINDS = frozenset({"person", "other"})


def _bare_surname(token: Token, actor: dict | None, attested_only: bool) -> bool:
    """A lone capitalised singular word that may be a person's surname though the tagger
    took it for an organisation or nothing ("Vasquez came out"): no place, nationality or
    known group, and (`attested_only`) a surname of the census table."""
    if not (token.is_alpha and token.text[0].isupper() and token.tag_ in ("NNP", "NN")):
        return False
    if any(not child.is_punct for child in token.children):
        return False
    if token.ent_type_ not in ("", "ORG") or (token.tag_ == "NN" and not token.ent_type_):
        return False  # a place, or a common word opening its sentence ("Security was tight")
    if actor is not None and actor["kind"] not in _UNSURE_ACTOR_KINDS:
        return False
    return not attested_only or token.lower_ in census_surnames()


def _role_of(token: Token) -> str | None:
    """The role noun `token` is, as a common noun ("the minister") or a capitalised title
    ("Minister"), which the tagger takes for a proper noun."""
    role = token.lemma_.lower() if token.tag_ == "NN" else token.lower_
    return role if token.pos_ in ("NOUN", "PROPN") and role in person_nouns() else None


#: Dependents of a role noun that narrow it ("the Republican nominee", "foreign minister").
_ROLE_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})


def _role_modifiers(role: Token) -> frozenset[str]:
    return frozenset(c.lower_ for c in role.children if c.dep_ in _ROLE_MODIFIER_DEPS)


def role_holders(doc: Doc) -> dict[str, list[tuple[Token, frozenset[str]]]]:
    """Role noun lemma -> (head of a PERSON name the article gives it as a title, the
    title's modifiers), in text order: a title before the name ("Foreign Minister Sergei
    Lavrov") or an apposition either side ("Lavrov, the foreign minister")."""
    holders: dict[str, list[tuple[Token, frozenset[str]]]] = {}
    for entity in doc.ents:
        if entity.label_ != "PERSON":
            continue
        head = entity.root
        before = [t for t in head.children if t.dep_ in ("compound", "appos") and t.i < head.i]
        titles = before + [t for t in head.children if t.dep_ == "appos" and t.i >= entity.end]
        if head.dep_ == "appos":
            titles.append(head.head)
        for title in titles:
            role = _role_of(title)
            if role is None:
                continue
            # A title's modifiers may hang from the name: "[Foreign] Minister Lavrov".
            shared = (t.lower_ for t in before if t.i < title.i < head.i and t.dep_ == "compound")
            modifiers = _role_modifiers(title) | frozenset(shared)
            holders.setdefault(role, []).append((head, modifiers))
    return holders


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
        if finding.speaker_head is None or _is_time(finding.speaker_head):
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
        if reporting == token:
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
        self.titles = load_title_words()

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        ctx = ArticleContext(
            doc=doc,
            text=text,
            cues=self.cues,
            titles=self.titles,
            quotes=pair_quote_marks(text),
            token_starts=[token.idx for token in doc],
            fullest_names=fullest_person_names(doc),
            honorifics=honorific_genders(doc),
            actors=list_extension(doc, "actors"),
        )
        ctx.title_quotes = frozenset(q for q in ctx.quotes if _is_title(ctx, q))
        ctx.role_holders = role_holders(doc)
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
