"""The place of an event: candidate places of its clause scored with named features
(`PLACE_WEIGHTS`: locative prepositions, "Town, Province" qualifiers, containment, odd
countries), the finest place within a coarser one, and the distance between two places."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from math import asin, cos, radians, sin, sqrt

from spacy.tokens import Span, Token

from tacitus.nlp.event_context import DocContext
from tacitus.nlp.event_mentions import Mention
from tacitus.nlp.event_syntax import clause_span
from tacitus.nlp.places import DIVISION_WORDS

#: Prepositions that put an event in a place ("in Town", "near the border", "outside Town");
#: the weak ones also name origins, destinations and owners ("from Town", "the governor of X").
LOCATIVE_PREPS = frozenset([
    "in", "at", "near", "outside", "inside", "across", "around", "throughout", "within",
])  # fmt: skip
WEAK_LOCATIVE_PREPS = frozenset({"on", "of", "from", "into", "towards", "toward"})
#: How coarse a feature is: a country holds provinces (admin1), which hold districts (admin2),
#: which hold towns and their quarters.
FEATURE_RANK = {
    "country": 0, "region": 0, "admin1": 1, "admin2": 2, "city": 3, "locality": 4, "other": 4,
}  # fmt: skip
#: What links a place to the place it lies in ("Town, Province", "Town (Province)", "Village
#: in Province", "Town district of Province"), once division and settlement words are left out.
QUALIFIER_LINKS = frozenset({(",",), ("(",), ("in",), ("of",), (",", "in"), (",", "(")})
#: The longest district name ACLED's parenthesis holds before the province ("Town (District,").
QUALIFIER_MAX_PARENTHESIS = 40
QUALIFIER_WORD = re.compile(r"[^\W\d_]+|[,(]")
#: Words a link between two places may hold besides DIVISION_WORDS ("Karama in eastern Raqqa
#: countryside", "Myrzakent town of Turkistan region"): they name no other place.
LINK_FILLER_WORDS = frozenset([
    "city", "town", "village", "area", "community", "neighborhood", "neighbourhood", "sector",
    "countryside", "the", "rural", "eastern", "western", "northern", "southern", "central",
])  # fmt: skip
#: Weights of the features of a candidate place of an event (`place_features`) and the score a
#: candidate needs: a place a locative preposition governs in the trigger's own clause wins; a
#: province or country loses to the town it contains ("in Town, Province"); a country no
#: preposition governs ("Kenyan police") is a nationality, not a place, and never reaches it.
PLACE_WEIGHTS = {
    "strong_locative": 3.0,
    "weak_locative": 1.5,
    "same_clause": 1.0,
    "country": -3.5,
    "contains_other": -4.0,
    "inside_other": 1.5,
    "qualifier": -2.0,
    "contradicted": -3.0,
    "odd_country": -3.0,
    "in_source_actor": -2.0,
    "no_point": -1.0,
    "token_distance": -0.05,
    "threshold": -2.0,
}
#: Event types that happen where the paragraph's place is; talks and vetoes need their own.
GROUNDED_TYPES = frozenset({"ASSAULT", "PROTEST", "COERCE", "MOBILIZE"})


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dlat, dlon = radians(lat2 - lat1), radians(lon2 - lon1)
    h = sin(dlat / 2) ** 2 + cos(radians(lat1)) * cos(radians(lat2)) * sin(dlon / 2) ** 2
    return 2 * 6371.0 * asin(sqrt(h))


def place_of(
    mention: Mention, context: DocContext, weights: dict[str, float] | None = None
) -> str | None:
    """The event's place: the best-scored candidate place of its first mention's sentence
    (`stated_place`, see `place_features`); else the best place of the nearest earlier
    sentence of its paragraph that names one, for an event on the ground ("In Town, Province,
    police raided a house. Two men were arrested.") or one told after such an event
    ("Protesters also demanded ..."); else none (never the first place the article names).
    Later mentions only refine it to a place inside it (`finest_within`); they do not move it
    elsewhere: their places often belong to what the report adds around the event (where the
    wounded were taken, where an earlier attack struck)."""
    weights = weights or PLACE_WEIGHTS
    sentence = mention.sentence
    if mention.stated_place is not None:
        return finest_within(mention, context)
    grounded = mention.plover in GROUNDED_TYPES
    paragraph_start = context.text.rfind("\n", 0, sentence.start_char) + 1
    for earlier in reversed(list(context.doc[: sentence.start].sents)):
        if earlier.end_char <= paragraph_start:
            break
        found = best_place(sentence_places(earlier, context), None, context, weights)
        if found is not None:
            return found if grounded or earlier.start in context.scenes else None
    return None


def finest_within(event: Mention, context: DocContext) -> str | None:
    """The first mention's place, or the finest place a merged mention states inside it: a
    headline's "attack in Syria" told again as "the bombing of a market in Azaz" took place
    in Azaz, as ACLED codes the most precise location a report gives."""
    place = context.place_by_id.get(event.stated_place or "")
    if place is None:
        return event.stated_place
    for later in event.merged:
        finer = context.place_by_id.get(later.stated_place or "")
        if finer is not None and contains(place, finer):
            place = finer
    return place["id"]


def stated_place(mention: Mention, context: DocContext, weights: dict[str, float]) -> str | None:
    """The best place of the mention's own sentence (see `place_features`)."""
    return best_place(sentence_places(mention.sentence, context), mention, context, weights)


def sentence_places(sentence: Span, context: DocContext) -> list[tuple[int, int, dict]]:
    return [
        (start, end, place)
        for start, end, place in context.places
        if sentence.start_char <= start and end <= sentence.end_char
    ]


def best_place(
    candidates: list[tuple[int, int, dict]],
    mention: Mention | None,
    context: DocContext,
    weights: dict[str, float],
) -> str | None:
    """The candidate with the highest weighted feature sum, the first on a tie; None when
    no candidate reaches the weights' `threshold`."""
    scored = [
        (sum(weights[name] * value for name, value in features.items()), -start, place["id"])
        for start, _, place, features in place_features(candidates, mention, context)
    ]
    if not scored:
        return None
    score, _, place_id = max(scored)
    return place_id if score >= weights["threshold"] else None


def place_features(
    candidates: list[tuple[int, int, dict]], mention: Mention | None, context: DocContext
) -> Iterator[tuple[int, int, dict, dict[str, float]]]:
    """Each candidate place mention with its named features. With no mention (a place read
    from an earlier sentence) the features tied to the trigger are left out."""
    doc = context.doc
    places = [p for _, _, p in candidates]
    qualifiers = qualifier_pairs(candidates, context.text)
    qualified = {id(fine): coarse for fine, coarse in qualifiers}
    qualifying = {id(coarse) for _, coarse in qualifiers}
    actor_spans = (
        [(s, e) for s, e, a in context.actors.mentions if a in mention.sources] if mention else []
    )
    clause = clause_span(mention.match.head) if mention else None
    party_countries = (
        [context.actors.countries.get(a) for a in mention.sources + mention.targets]
        if mention
        else []
    )
    for candidate in candidates:
        start, end, place = candidate
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        strength = locative_strength(span.root)
        qualifier = qualified.get(id(candidate))
        features = {
            "strong_locative": float(strength == 2),
            "weak_locative": float(strength == 1),
            "country": float(place.get("feature") == "country"),
            "contains_other": float(any(contains(place, other) for other in places)),
            "inside_other": float(
                any(contains(other, place) for other in places)
                or (qualifier is not None and names_province_of(qualifier[2], place))
            ),
            "qualifier": float(id(candidate) in qualifying),
            "contradicted": float(qualifier is not None and contradicts(qualifier[2], place)),
            "odd_country": float(odd_country(place, places, party_countries)),
            # "Kenyan police", "forces of Chile": the source's name; "residents in Town": located
            "in_source_actor": float(
                strength < 2 and any(s <= start and end <= e for s, e in actor_spans)
            ),
            "no_point": float(place.get("lat") is None),
        }
        if mention is not None and clause is not None:
            features["same_clause"] = float(clause[0] <= start < clause[1])
            features["token_distance"] = float(abs(span.root.i - mention.match.head.i))
        yield start, end, place, features


def qualifier_pairs(
    candidates: list[tuple[int, int, dict]], text: str
) -> list[tuple[tuple[int, int, dict], tuple[int, int, dict]]]:
    """(place, its qualifier) for each place followed by a place no finer that names where it
    lies, as news and ACLED write it: "Town, Province", "Town (District, Province)", "Town
    district of Province", "Village in Province"."""
    pairs = []
    for fine, coarse in zip(candidates, candidates[1:], strict=False):
        no_finer = FEATURE_RANK.get(coarse[2].get("feature"), 0) <= FEATURE_RANK.get(
            fine[2].get("feature"), 0
        )
        linked = is_qualifier_link(text[fine[1] : coarse[0]])
        if linked and no_finer and fine[2]["id"] != coarse[2]["id"]:
            pairs.append((fine, coarse))
    return pairs


def is_qualifier_link(between: str) -> bool:
    """Whether the text between two places ties the second to the first as where it lies:
    ", ", " (", " district of ", " in eastern ", or ACLED's parenthesis with a district the places
    component did not find ("Town (District, Province)")."""
    if between.lstrip().startswith("(") and ")" not in between:
        return len(between) <= QUALIFIER_MAX_PARENTHESIS
    link = tuple(
        word
        for word in QUALIFIER_WORD.findall(between.lower())
        if word not in DIVISION_WORDS and word not in LINK_FILLER_WORDS
    )
    return link in QUALIFIER_LINKS


def contradicts(qualifier: dict, place: dict) -> bool:
    """Whether the qualifier names a country or province the place is not in: the place is
    then the wrong one of its namesakes ("Chora, Urozgan" read as a Greek village)."""
    if qualifier.get("country") and place.get("country") != qualifier.get("country"):
        return True
    return names_province(qualifier) and folded(place.get("admin1")) != folded(
        qualifier.get("admin1")
    )


def names_province(place: dict) -> bool:
    """A province, or a district or city named as its province ("Town, Donetsk")."""
    if place.get("feature") == "admin1":
        return True
    return (
        place.get("feature") in ("admin2", "city")
        and bool(place.get("admin1"))
        and (folded(place["name"]) == folded(place["admin1"]))
    )


def names_province_of(qualifier: dict, place: dict) -> bool:
    return (
        names_province(qualifier)
        and place.get("country") == qualifier.get("country")
        and folded(place.get("admin1")) == folded(qualifier.get("admin1"))
    )


def folded(name: str | None) -> str:
    """A name without accents, case, spaces or hyphens ("Ar-Raqqah" = "Ar Raqqah")."""
    if not name:
        return ""
    bare = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", bare.lower())


def odd_country(place: dict, places: list[dict], party_countries: list[str | None]) -> bool:
    """Whether the place lies in another country than the one every other place of the
    sentence and every party of the event agree on: a namesake abroad."""
    evidence = {p.get("country") for p in places if p["id"] != place["id"]}
    evidence |= set(party_countries)
    evidence.discard(None)
    return len(evidence) == 1 and bool(place.get("country")) and place["country"] not in evidence


def locative_strength(token: Token) -> int:
    """2 when a locative preposition ("in", "near", "outside") governs the place, directly or
    through the phrase it is part of ("in Town, Province", "in the Town area"); 1 for a
    preposition that only sometimes locates ("on", "of", "from"); 0 otherwise."""
    for _ in range(3):
        if token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS:
            return 2
        if token.dep_ == "pobj" and token.head.lower_ in WEAK_LOCATIVE_PREPS:
            return 1
        if token.dep_ not in ("compound", "amod", "appos", "conj", "poss", "nmod", "npadvmod"):
            return 0
        token = token.head
    return 0


def contains(coarse: dict, fine: dict) -> bool:
    """Whether `coarse` is the country, province or district `fine` lies in, by the places
    component's own country and admin1 of each ("Town, Province": the province holds the town)."""
    if coarse["id"] == fine["id"] or not coarse.get("country"):
        return False
    if coarse.get("country") != fine.get("country"):
        return False
    coarse_rank = FEATURE_RANK.get(coarse.get("feature"), len(FEATURE_RANK))
    if coarse_rank >= FEATURE_RANK.get(fine.get("feature"), len(FEATURE_RANK)):
        return False
    if coarse.get("feature") == "country":
        return True
    same_province = bool(coarse.get("admin1")) and folded(coarse["admin1"]) == folded(
        fine.get("admin1")
    )
    return same_province and coarse.get("feature") in ("admin1", "admin2")
