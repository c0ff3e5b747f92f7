"""Gold sets of the actors component: NGEC actor expectations, PLOVER coded actors and the
ConfliBERT CAMEO source/target spans."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from datetime import date, datetime

from tacitus.actor_dictionary import resolve_actor_text
from tacitus.evaluation.registry import EvalContext, Metrics, gold_set
from tacitus.evaluation.scoring import overlap, prf, ratio
from tacitus.nlp.pipeline import annotate

NGEC_FILE = "ngec/NGEC_actor_resolution_expectations.jsonl"
PLOVER_FILE = "plover/PLOVER_GSR_CAMEO_dev.json"
CAMEO_NER_FILE = "conflibert/cameo_ner/test.txt"

#: A call on one literal actor text: agent_to_code("..."), short_text_to_agent("...") ...
NGEC_CALL = re.compile(r"""^\w+\((["'])(?P<text>.*?)\1(?P<rest>.*)\)$""")
#: The query date of a call: agent_to_code(text, context, "2022-01-10") or query_date="...".
NGEC_DATE = re.compile(r"""(?:query_date=|,\s*["'][^"']*["']\s*,\s*)["'](?P<date>[^"']+)["']""")
NGEC_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%B %d, %Y")
#: An equality assertion on a field of the answer: code['country'] == "RUS", cc == "SAU".
NGEC_ASSERT = re.compile(
    r"""^(?:code\['(?P<field>\w+)'\]|(?P<cc>cc))\s*(?P<op>==|in)\s*(?P<value>.+)$"""
)
NGEC_FIELDS = {"country": "country", "cc": "country", "code_1": "sector"}
#: An identity assertion: the Wikipedia title of the actor a query_wiki or agent_to_code call
#: finds (wiki['title'] == "Nicolás Maduro", code['wiki'] == "Northern Fleet").
NGEC_IDENTITY = re.compile(
    r"""^(?P<field>wiki\['title'\]|code\['wiki'\])\s*==\s*(["'])(?P<title>.*)\2$"""
)
#: The call whose answer an identity assertion is about.
NGEC_IDENTITY_CALLS = {"wiki['title']": "query_wiki", "code['wiki']": "agent_to_code"}
NGEC_FUNCTION = re.compile(r"^(?P<function>\w+)\(")


def ngec_expectations(path) -> Iterator[tuple[str, date | None, dict]]:
    """(actor text, query date, {"country": ..., "sector": ..., "none": True}) of the
    single-call expectations on a literal text; the ones that need NGEC's test fixtures
    are skipped."""
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        calls = record["calls"]
        call = NGEC_CALL.match(calls[0]) if len(calls) == 1 else None
        if call is None:
            continue
        expected: dict = {}
        for assertion in record["asserts"]:
            assertion = assertion.split("#", 1)[0].strip()
            if assertion == "code is None":
                expected["none"] = True
            found = NGEC_ASSERT.match(assertion)
            field = found and NGEC_FIELDS.get(found["field"] or found["cc"])
            if field:
                value = found["value"].strip()
                values = json.loads(value) if found["op"] == "in" else [value.strip("\"'")]
                expected[field] = [v for v in values if v != "????"]
        if expected:
            yield call["text"], _query_date(call["rest"]), expected


def _query_date(arguments: str) -> date | None:
    """The date the expectation is about; None for "today" or none given."""
    found = NGEC_DATE.search(arguments)
    for layout in NGEC_DATE_FORMATS if found else ():
        try:
            return datetime.strptime(found["date"].title(), layout).date()
        except ValueError:
            continue
    return None


def ngec_identities(path) -> Iterator[tuple[str, date | None, str]]:
    """(actor text, query date, Wikipedia title) of the expectations that name the actor a
    call on a literal text must find. An empty title (no named actor) gives no identity; an
    expectation with several calls of the same function is skipped (which one is meant?)."""
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for assertion in record["asserts"]:
            found = NGEC_IDENTITY.match(assertion.split("#", 1)[0].strip())
            if found is None or not found["title"].strip():
                continue
            function = NGEC_IDENTITY_CALLS[found["field"]]
            calls = [c for c in record["calls"] if _function_of(c) == function]
            call = NGEC_CALL.match(calls[0]) if len(calls) == 1 else None
            if call is not None:
                yield call["text"], _query_date(call["rest"]), found["title"]


def _function_of(call: str) -> str | None:
    found = NGEC_FUNCTION.match(call)
    return found["function"] if found else None


def same_name(name: str, title: str) -> bool:
    """Names compared without regard to case, accents or spacing ("Nicolas Maduro" is the
    article "Nicolás Maduro"): the dictionary writes names in plain ASCII."""
    return _plain(name) == _plain(title)


def _plain(text: str) -> str:
    letters = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in letters if not unicodedata.combining(c)).casefold().split())


def ngec_answer(text: str, when: date | None = None) -> tuple[str, str] | None:
    """Our answer in NGEC's terms: country (IGO family for international bodies), sector."""
    resolved = resolve_actor_text(text, when)
    if resolved is None:
        return None
    return resolved["country"] or resolved["bloc"] or "", resolved["sector"] or ""


@gold_set(
    "ngec-actors",
    "NGEC actor-resolution expectations: actor text -> country, sector, identity (wiki title)",
)
def score_ngec(ctx: EvalContext) -> Metrics:
    expectations = list(ngec_expectations(ctx.path(NGEC_FILE)))[: ctx.limit]
    identities = list(ngec_identities(ctx.path(NGEC_FILE)))[: ctx.limit]
    country_right = country_total = both_right = both_total = none_right = none_total = 0
    for text, when, expected in expectations:
        answer = ngec_answer(text, when)
        country, sector = answer if answer else ("", "")
        if expected.get("none"):
            none_total += 1
            none_right += answer is None
        if expected.get("country"):
            country_total += 1
            country_right += country in expected["country"]
        if expected.get("country") and expected.get("sector"):
            both_total += 1
            both_right += country in expected["country"] and sector in expected["sector"]
    identity_right = sum(_identity_right(text, when, title) for text, when, title in identities)
    return {
        "country_accuracy": ratio(country_right, country_total),
        "country_sector_accuracy": ratio(both_right, both_total),
        "unknown_accuracy": ratio(none_right, none_total),
        "identity_accuracy": ratio(identity_right, len(identities)),
        "country_expectations": country_total,
        "country_sector_expectations": both_total,
        "unknown_expectations": none_total,
        "identity_expectations": len(identities),
    }


def _identity_right(text: str, when: date | None, title: str) -> bool:
    """The actor found is the one the title names: its canonical name is the title."""
    resolved = resolve_actor_text(text, when)
    return resolved is not None and same_name(resolved["name"], title)


def plover_actors(record: dict) -> Iterator[dict]:
    for role in ("source", "target"):
        actors = record.get(role)
        if isinstance(actors, list):
            yield from (a for a in actors if a.get("code") and a.get("actorText"))


#: A gold actor that is the object of a locative preposition ("curfew in [Montenegro]",
#: "rioted at this jail in northern [Israel]"): the CAMEO-era convention of coding the place
#: of an event as its target when there is no other. Tacitus keeps such names as places.
PLOVER_LOCATIVE = re.compile(
    r"\b(?:in|at|inside|within|throughout|near)(?:\s+(?:the|central|northern|southern|"
    r"eastern|western|north|south|east|west))*\s+$",
    re.IGNORECASE,
)


@gold_set("plover-actors", "PLOVER dev: country and sector of the source/target actors coded")
def score_plover(ctx: EvalContext) -> Metrics:
    """Each gold actor is matched to the Tacitus actor whose mention overlaps its text most.
    Besides the accuracy on all gold actors, the accuracy on those that are no bare place
    after a locative preposition (see PLOVER_LOCATIVE) is reported, for information."""
    records = [r for r in json.loads(ctx.path(PLOVER_FILE).read_text()) if r.get("text")]
    records = records[: ctx.limit]
    docs = annotate(ctx.nlp, ((r["text"], None) for r in records))
    found = country_right = total = sector_right = sector_total = 0
    locative = locative_right = 0
    for record, doc in zip(records, docs, strict=True):
        for gold in plover_actors(record):
            start = _find_words(record["text"], gold["actorText"])
            if start is None:
                continue
            total += 1
            is_locative = _is_locative(record["text"], start, gold["actorText"])
            locative += is_locative
            actor = _actor_over(doc._.actors, (start, start + len(gold["actorText"])))
            if actor is None:
                continue
            found += 1
            right = _plover_country(actor) == gold["code"]
            country_right += right
            locative_right += right and is_locative
            gold_sector = (gold.get("sector") or "")[:3]
            if gold_sector.isupper() and gold_sector.isalpha():
                sector_total += 1
                sector_right += actor["sector"] == gold_sector
    return {
        "actor_country_accuracy": ratio(country_right, total),
        "actor_sector_accuracy": ratio(sector_right, sector_total),
        "actor_found": ratio(found, total),
        "gold_actors": total,
        "locative_gold_actors": locative,
        "actor_country_accuracy_non_locative": ratio(
            country_right - locative_right, total - locative
        ),
    }


def _is_locative(text: str, start: int, phrase: str) -> bool:
    return bool(PLOVER_LOCATIVE.search(text[:start])) or phrase.lower().startswith("in ")


def _find_words(text: str, phrase: str) -> int | None:
    """Where `phrase` occurs as whole words (same case first, then any case)."""
    pattern = rf"(?<!\w){re.escape(phrase)}(?!\w)"
    found = re.search(pattern, text) or re.search(pattern, text, re.IGNORECASE)
    return found.start() if found else None


def _actor_over(actors: list[dict], span: tuple[int, int]) -> dict | None:
    """The actor with the largest mention overlap with `span`."""
    best, best_overlap = None, 0
    for actor in actors:
        for mention in actor["mentions"]:
            shared = overlap(tuple(mention), span)
            if shared > best_overlap:
                best, best_overlap = actor, shared
    return best


def _plover_country(actor: dict) -> str | None:
    """PLOVER codes every international body as IGO."""
    return "IGO" if (actor["code"] or "").startswith("IGO") else actor["country"]


def cameo_ner_sentences(path) -> Iterator[tuple[str, list[tuple[int, int]]]]:
    """(text, gold source and target spans) of each BIO-tagged sentence."""
    words: list[str] = []
    tags: list[str] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.strip():
            word, _, tag = line.rpartition(" ")
            words.append(word)
            tags.append(tag)
            continue
        if words:
            yield _bio_spans(words, tags)
        words, tags = [], []


def _bio_spans(words: list[str], tags: list[str]) -> tuple[str, list[tuple[int, int]]]:
    spans: list[tuple[int, int]] = []
    offset = 0
    for word, tag in zip(words, tags, strict=True):
        if tag.startswith("B-") or (tag.startswith("I-") and not spans):
            spans.append((offset, offset + len(word)))
        elif tag.startswith("I-"):
            spans[-1] = (spans[-1][0], offset + len(word))
        offset += len(word) + 1
    return " ".join(words), spans


@gold_set("cameo-ner", "ConfliBERT CAMEO NER test: actor mention span F1 on source/target spans")
def score_cameo_ner(ctx: EvalContext) -> Metrics:
    sentences = list(cameo_ner_sentences(ctx.path(CAMEO_NER_FILE)))[: ctx.limit]
    docs = annotate(ctx.nlp, ((text, None) for text, _ in sentences))
    predicted = right_predicted = gold_total = right_gold = 0
    for (_, gold), doc in zip(sentences, docs, strict=True):
        mentions = [tuple(m) for actor in doc._.actors for m in actor["mentions"]]
        predicted += len(mentions)
        gold_total += len(gold)
        right_predicted += sum(any(overlap(m, g) for g in gold) for m in mentions)
        right_gold += sum(any(overlap(m, g) for m in mentions) for g in gold)
    scores = prf(right_predicted, predicted, right_gold, gold_total)
    return {f"span_{name}": value for name, value in scores.items()} | {"gold_spans": gold_total}
