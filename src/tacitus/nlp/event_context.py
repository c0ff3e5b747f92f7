"""`DocContext`: what the events component reads from one Doc (actors, places, times, counts,
attributions, quotes), indexed once, and the death toll of a sentence memoized in it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span

from tacitus.nlp.counts import fatalities_of
from tacitus.nlp.event_actors import ActorIndex
from tacitus.nlp.extensions import list_extension, text_of


@dataclass
class DocContext:
    """What the component reads from one Doc, indexed once."""

    doc: Doc
    #: The doc's text (`text_of`: joined from the tokens once per Doc).
    text: str
    actors: ActorIndex
    places: list[tuple[int, int, dict]]
    times: list[dict]
    counts: list[dict]
    attributions: list[dict]
    quotes: list[dict]
    published: date | None
    #: Place id -> place, and the first token of each sentence -> its number in the doc.
    place_by_id: dict[str, dict] = field(default_factory=dict)
    sentence_numbers: dict[int, int] = field(default_factory=dict)
    #: First tokens of the sentences that report an event on the ground: the story's scene,
    #: whose place a later event of the paragraph without a place of its own inherits.
    scenes: set[int] = field(default_factory=set)
    #: First token of a sentence -> the death toll it states (`sentence_toll`).
    tolls: dict[int, int | None] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Doc) -> DocContext:
        places = [
            (start, end, place)
            for place in list_extension(doc, "places")
            for start, end in place.get("mentions", [])
        ]
        return cls(
            doc=doc,
            text=text_of(doc),
            actors=ActorIndex.of(doc),
            places=sorted(places, key=lambda p: p[0]),
            times=[t for t in list_extension(doc, "times") if t.get("first_day")],
            counts=list_extension(doc, "counts"),
            attributions=list_extension(doc, "attributions"),
            quotes=list_extension(doc, "quotes"),
            published=doc._.published,
            place_by_id={place["id"]: place for place in list_extension(doc, "places")},
            sentence_numbers={sentence.start: n for n, sentence in enumerate(doc.sents)},
        )


def sentence_toll(sentence: Span, context: DocContext) -> int | None:
    """The death toll one sentence states, if any (memoized per sentence)."""
    if sentence.start not in context.tolls:
        counts = [
            c for c in context.counts if sentence.start_char <= c["start"] < sentence.end_char
        ]
        figure = fatalities_of(counts, context.text) if counts else None
        context.tolls[sentence.start] = figure["best"] if figure and figure["best"] else None
    return context.tolls[sentence.start]
