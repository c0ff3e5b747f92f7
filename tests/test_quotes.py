"""The tacitus_quotes component: direct, partial and indirect quotes, speakers, attributions."""

from __future__ import annotations

import pytest

from tacitus.evaluation import polnear
from tacitus.nlp import speech_cues
from tacitus.nlp.quotes import pair_quote_marks
from tacitus.schema import Attribution, Quote

LAVROV = (
    "Russian Foreign Minister Sergei Lavrov spoke in Moscow on Monday.\n\n"
    "“Those armed groups that refuse to leave eastern Aleppo are terrorists,” Lavrov declared. "
    "“We will treat them as such, as terrorists, as terrorist organizations.”\n\n"
    "Lavrov demanded Monday that all rebel fighters leave the city."
)


def same_name(found: str | None, expected: str) -> bool:
    """Names compare without a leading article: the actors component may name
    "the New York Times" "New York Times"."""

    def bare(name: str) -> str:
        return name.lower().removeprefix("the ")

    return found is not None and bare(found) == bare(expected)


def through_quotes_only(nlp, text: str, actors: list[dict] | None = None):
    """`text` through spaCy's own components and tacitus_quotes alone (other Tacitus
    components absent), with `actors` standing in for the actors component's output."""
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        if name.startswith("tacitus_") and name != "tacitus_quotes":
            continue
        if name == "tacitus_quotes":
            doc._.actors = actors
        doc = component(doc)
    return doc


def quotes_of(doc, kind: str | None = None) -> list[dict]:
    return [q for q in doc._.quotes if kind is None or q["kind"] == kind]


def quote_containing(doc, words: str, kind: str | None = None) -> dict:
    matches = [q for q in quotes_of(doc, kind) if words in q["text"]]
    assert matches, f"no quote contains {words!r}: {doc._.quotes}"
    return matches[0]


def test_output_validates_against_schema_and_offsets_point_into_text(doc_of):
    doc = doc_of(LAVROV)
    assert doc._.quotes and doc._.attributions
    for quote in doc._.quotes:
        Quote(**quote)
        assert doc.text[quote["start"] : quote["end"]] == quote["text"]
    for attribution in doc._.attributions:
        Attribution(**attribution)
        assert doc.text[attribution["start"] : attribution["end"]] == attribution["claim"]


def test_quote_split_by_its_cue_gives_both_parts_the_full_speaker_name(doc_of):
    doc = doc_of(LAVROV)
    first = quote_containing(doc, "Those armed groups")
    second = quote_containing(doc, "We will treat them as such")
    for quote in (first, second):
        assert quote["kind"] == "direct"
        assert quote["speaker"] == "Sergei Lavrov"
        assert quote["cue"] == "declared"
    assert "Lavrov declared" not in first["text"] + second["text"]


def test_indirect_speech(doc_of):
    quote = quote_containing(doc_of(LAVROV), "all rebel fighters leave the city")
    assert quote["kind"] == "indirect"
    assert quote["speaker"] == "Sergei Lavrov"
    assert quote["cue"] == "demanded"


def test_quote_spanning_sentences_is_one_quote(doc_of):
    doc = doc_of("“We will win. We will never stop fighting for this city,” the governor said.")
    (quote,) = quotes_of(doc, "direct")
    assert quote["text"].startswith("We will win.")
    assert quote["text"].rstrip(",").endswith("for this city")
    assert quote["speaker"] == "the governor"


def test_quote_spanning_paragraphs_takes_the_speaker_of_its_last_paragraph(doc_of):
    text = (
        "“The first paragraph of the statement is long and has no closing mark.\n\n"
        "“The second paragraph ends the statement,” said Maria Zakharova."
    )
    doc = doc_of(text)
    first = quote_containing(doc, "first paragraph")
    second = quote_containing(doc, "second paragraph")
    assert first["kind"] == second["kind"] == "direct"
    assert first["speaker"] == second["speaker"] == "Maria Zakharova"


def test_partial_quotes_inside_a_sentence(doc_of):
    doc = doc_of(
        "Russia called the resolution a “provocation”. "
        'The White House said the attacks were "disgraceful".'
    )
    provocation = quote_containing(doc, "provocation")
    assert provocation["kind"] == "partial"
    assert "russia" in provocation["speaker"].lower()
    assert provocation["cue"] == "called"
    disgraceful = quote_containing(doc, "disgraceful", "partial")
    assert disgraceful["text"] == "disgraceful"
    assert same_name(disgraceful["speaker"], "The White House")
    clause = quote_containing(doc, "the attacks were", "indirect")
    assert same_name(clause["speaker"], "The White House")


def test_scare_quotes_are_not_quotes(doc_of):
    doc = doc_of(
        "The “rebel” groups held the eastern districts. "
        "So-called “moderate” rebels joined them. "
        "The “rebels” retreated to the old city on Tuesday."
    )
    assert doc._.quotes == []


def test_scare_quote_mark_never_pairs_with_the_next_quote_across_sentences(doc_of):
    text = (
        'The "rebels retreated to the old city. '
        'A commander said: "We will not surrender the old city."'
    )
    spans = [text[s.inner_start : s.inner_end] for s in pair_quote_marks(text)]
    assert spans == ["We will not surrender the old city."]
    doc = doc_of(text)
    assert all("retreated" not in q["text"] for q in doc._.quotes)
    assert quote_containing(doc, "We will not surrender")["speaker"] == "A commander"


@pytest.mark.parametrize(
    "text",
    [
        '"',
        "“",
        "He said ” and then “ and nothing else.",
        'Unbalanced "quote here and "another one.\n\n"Third',
        "’Tis the season. The voters’ rights ‘matter’ and ‘so do theirs.",
        "``Old style'' quotes, he said, and '' stray marks.",
        "",
    ],
)
def test_unbalanced_straight_and_curly_marks_never_raise(nlp, text):
    doc = through_quotes_only(nlp, text)
    for quote in doc._.quotes:
        Quote(**quote)


def test_pronoun_resolves_to_the_last_person_named_as_subject(doc_of):
    doc = doc_of(
        "Sergei Lavrov met reporters in Geneva. The envoy from Spain was there too.\n\n"
        "Lavrov rejected the plan.\n\n"
        "“This plan is dead,” he said."
    )
    assert quote_containing(doc, "This plan is dead")["speaker"] == "Sergei Lavrov"


def test_descriptive_speaker_is_kept_as_written(doc_of):
    doc = doc_of(
        "“The regime is moving tanks to the south,” a source linked to the Syrian opposition said."
    )
    quote = quote_containing(doc, "moving tanks")
    assert quote["speaker"] == "a source linked to the Syrian opposition"
    assert quote["speaker_actor"] is None


def test_speaker_links_to_the_actor_covering_it(nlp):
    text = "“We will not leave,” Lavrov said on Monday."
    start = text.index("Lavrov")
    actors = [{"id": "a1", "name": "Sergei Lavrov", "mentions": [[start, start + 6]]}]
    doc = through_quotes_only(nlp, text, actors)
    quote = quote_containing(doc, "We will not leave")
    assert quote["speaker"] == "Sergei Lavrov"
    assert quote["speaker_actor"] == "a1"
    (attribution,) = [a for a in doc._.attributions if "We will not leave" in a["claim"]]
    assert attribution["source_actor"] == "a1"


def test_without_actors_names_resolve_within_the_article(nlp):
    doc = through_quotes_only(nlp, LAVROV)
    assert quote_containing(doc, "Those armed groups")["speaker"] == "Sergei Lavrov"
    assert quote_containing(doc, "Those armed groups")["speaker_actor"] is None


def attribution_with(doc, claim_words: str) -> dict:
    matches = [a for a in doc._.attributions if claim_words in a["claim"]]
    assert matches, f"no attribution claims {claim_words!r}: {doc._.attributions}"
    return matches[0]


@pytest.mark.parametrize(
    ("text", "claim_words", "source", "cue"),
    [
        (
            "The bombing had killed 320 civilians, including some 40 children, "
            "according to the latest estimates.",
            "killed 320 civilians",
            "the latest estimates",
            "according to",
        ),
        (
            "According to the New York Times, two Russian nurses were killed.",
            "two Russian nurses were killed",
            "the New York Times",
            "according to",
        ),
        (
            "The New York Times reported that two Russian nurses were killed.",
            "two Russian nurses were killed",
            "The New York Times",
            "reported",
        ),
        (
            "Aid agencies say 31,000 civilians have fled.",
            "31,000 civilians have fled",
            "Aid agencies",
            "say",
        ),
        (
            "Reports indicate that the hospital was shelled.",
            "the hospital was shelled",
            "Reports",
            "indicate",
        ),
        ("Sources said the convoy was hit twice.", "the convoy was hit twice", "Sources", "said"),
        (
            "Officials confirmed that the airport was closed.",
            "the airport was closed",
            "Officials",
            "confirmed",
        ),
        (
            "The health ministry noted that food stocks were running out.",
            "food stocks were running out",
            "The health ministry",
            "noted",
        ),
    ],
)
def test_attributions_of_claims_to_sources(nlp, text, claim_words, source, cue):
    attribution = attribution_with(through_quotes_only(nlp, text), claim_words)
    assert attribution["source"] == source
    assert attribution["cue"] == cue
    Attribution(**attribution)


# --- the PolNeAR reader and scorer ------------------------------------------------------

ANN = (
    "T1\tSource 0 6\tLavrov\n"
    "T2\tCue 7 11\tsaid\n"
    "T3\tContent 12 20;25 30\tthe talks; ended\n"
    "T4\tAttribution 7 11\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tContent 40 50\tno source\n"
    "T6\tCue 35 39\tseem\n"
    "T7\tAttribution-no-source 35 39\tseem\n"
    "E2\tAttribution-no-source:T7 Content:T5 Cue:T6\n"
)


def test_brat_reader_keeps_discontinuous_content_and_sourceless_relations():
    first, second = polnear.parse_ann(ANN)
    assert first.content == [(12, 20), (25, 30)]
    assert first.source == [(0, 6)] and first.cue == [(7, 11)]
    assert second.source == [] and second.content == [(40, 50)]


def test_direct_gold_is_content_in_quote_marks():
    text = "He said: “We won.” Then he said that they had won."
    assert polnear.is_direct(text, [(9, 18)])
    assert not polnear.is_direct(text, [(32, 50)])


def test_scorer_matches_fragments_of_a_split_quote_and_judges_the_speaker():
    text = "x" * 100
    article = polnear.GoldArticle("a", text, [])
    gold = polnear.GoldAttribution(content=[(0, 40), (60, 100)], source=[(45, 55)])
    tally = polnear.Tally()
    predictions = [
        polnear.Prediction((0, 40), "Sergei Lavrov"),
        polnear.Prediction((60, 100), "Sergei Lavrov"),
        polnear.Prediction((200, 220), "Nobody"),
    ]
    polnear.score_article(tally, article, [gold], [polnear.SourceHead("lavrov", True)], predictions)
    assert (tally.correct_predictions, tally.predicted) == (2, 3)
    assert (tally.found, tally.gold) == (1, 1)
    assert (tally.right_speakers, tally.judged_speakers) == (1, 1)
    assert (tally.right_named, tally.judged_named) == (1, 1)


def test_scorer_rejects_a_prediction_mostly_outside_gold():
    article = polnear.GoldArticle("a", "x" * 100, [])
    gold = polnear.GoldAttribution(content=[(0, 20)])
    tally = polnear.Tally()
    polnear.score_article(tally, article, [gold], [None], [polnear.Prediction((10, 60), None)])
    assert tally.correct_predictions == 0 and tally.found == 0


def test_polnear_dev_reads_real_articles(gold_data):
    articles = list(polnear.read_split(gold_data / "polnear" / "dev", limit=3))
    assert len(articles) == 3
    for article in articles:
        assert article.attributions
        for attribution in article.attributions:
            assert all(0 <= s < e <= len(article.text) for s, e in attribution.content)
    assert any(polnear.is_direct(a.text, g.content) for a in articles for g in a.attributions)


# --- speakers: frames, names and pronouns -----------------------------------------------


def speaker_of(nlp, text: str, words: str) -> str | None:
    return quote_containing(through_quotes_only(nlp, text), words)["speaker"]


def test_name_after_a_dash_ending_the_line_is_the_speaker(nlp):
    text = (
        "Readers sent us their reactions.\n"
        "“We will not give up on this country.” ― Maria Lopez\n"
        "“He does not speak for us.” ― Carlos Herrera"
    )
    assert speaker_of(nlp, text, "give up") == "Maria Lopez"
    assert speaker_of(nlp, text, "speak for us") == "Carlos Herrera"


def test_name_after_a_dash_on_the_next_line_is_the_speaker(nlp):
    text = (
        "Quotable.\n\n"
        "\"The whole idea of a 'Crooked Hillary' is something that we hear about all the "
        'time."\n\n'
        "-Michelle Marks, Philadelphia."
    )
    quote = quote_containing(through_quotes_only(nlp, text), "Crooked Hillary")
    assert quote["speaker"] == "Michelle Marks"
    assert quote["cue"] == "-"


def test_a_quote_after_a_colon_takes_the_cue_before_a_relative_clause(nlp):
    text = (
        "Asked about the race, Bernie Sanders responded with a phrase that could have come "
        "from his rival himself: “Do not moan to me about her problems.”"
    )
    assert speaker_of(nlp, text, "Do not moan") == "Bernie Sanders"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Hillary Clinton spoke in Ohio on Monday. Donald Trump spoke in Iowa.\n\n"
            "“We will win this election,” she said.",
            "Hillary Clinton",
        ),
        (
            "Donald Trump spoke in Iowa on Monday. Hillary Clinton spoke in Ohio.\n\n"
            "“We will win this election,” he said.",
            "Donald Trump",
        ),
    ],
)
def test_he_and_she_skip_people_of_the_other_gender(nlp, text, speaker):
    assert speaker_of(nlp, text, "win this election") == speaker


def test_he_never_refers_to_a_thing(nlp):
    text = (
        "Ben Carson defended his record on Sunday.\n\n"
        "His campaign said the report was false.\n\n"
        "“We found it and we are going to put it out,” he said."
    )
    assert speaker_of(nlp, text, "We found it") == "Ben Carson"


def test_she_may_refer_to_a_person_described_by_a_noun(nlp):
    text = (
        "Bernie Sanders spoke first.\n\n"
        "“Some people feel change will come immediately,” the actress said. "
        "“If he gets in, things will really explode,” she added."
    )
    assert speaker_of(nlp, text, "really explode") == "the actress"


def test_speaker_of_an_indirect_quote_outranks_the_people_it_reports_on(nlp):
    text = (
        "Tyresha McLenney said Hillary Clinton does not show consistency.\n\n"
        "“It is not something that she continuously says,” she said."
    )
    assert speaker_of(nlp, text, "continuously says") == "Tyresha McLenney"


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "“It has the important virtue of being fiscally responsible,” Leonard Burman, "
            "director of the centrist Tax Policy Center and a professor at the Maxwell School "
            "of Syracuse University, said of the plan.",
            "fiscally responsible",
            "Leonard Burman",
        ),
        (
            "“My reaction, that was outrageous,” Obama's former campaign strategist said in "
            "an interview with CNN's Wolf Blitzer.",
            "outrageous",
            "Obama's former campaign strategist",
        ),
        (
            "“We finally may be seeing some wage acceleration,” the economist Jared Bernstein "
            "wrote on his blog.",
            "wage acceleration",
            "Jared Bernstein",
        ),
        (
            "“The candidates left just don’t understand the military,” said Army Capt. "
            "Christian Pardo, who said he would not vote for either of them.",
            "understand the military",
            "Christian Pardo",
        ),
        (
            "“One guy came in and said maybe we should start fighting,” said the woman, who "
            "did not want to be quoted by name.",
            "One guy came in",
            "the woman",
        ),
        (
            "The footage shows Donald Trump saying, “That makes me smart,” when Hillary "
            "Clinton blasted him for not paying taxes.",
            "makes me smart",
            "Donald Trump",
        ),
        (
            "“Is the president going to finally say it?” the Republican nominee, Donald "
            "Trump, tweeted Sunday after the attack.",
            "finally say it",
            "Donald Trump",
        ),
    ],
)
def test_speaker_in_the_frame_of_a_direct_quote(nlp, text, words, speaker):
    assert speaker_of(nlp, text, words) == speaker


def test_a_first_name_used_alone_is_the_full_name_it_opens(nlp):
    text = (
        "Sarah Palin spoke in Alaska on Friday.\n\n"
        "Sarah wrote: “Come together, America, to focus on solutions.”"
    )
    assert speaker_of(nlp, text, "Come together") == "Sarah Palin"


def test_a_covering_actor_of_another_name_does_not_rename_a_person(nlp):
    text = "“It was a sad moment for Europe,” said European Council President Donald Tusk."
    actors = [
        {
            "id": "eu",
            "name": "European Union",
            "mentions": [[text.index("European"), len(text) - 1]],
        }
    ]
    doc = through_quotes_only(nlp, text, actors)
    quote = quote_containing(doc, "sad moment")
    assert quote["speaker"] == "Donald Tusk"
    assert quote["speaker_actor"] == "eu"


def test_gender_of_names_from_first_names_and_honorifics():
    assert speech_cues.name_gender("Hillary Clinton", {}) == "f"
    assert speech_cues.name_gender("Crooked Hillary Clinton", {}) == "f"
    assert speech_cues.name_gender("Donald Trump", {}) == "m"
    assert speech_cues.name_gender("Jordan", {}) is None  # a lone word may be a surname
    assert speech_cues.name_gender("Mrs. Abbott", {}) == "f"
    assert speech_cues.name_gender("Abbott", {"abbott": "m"}) == "m"
    fullest = {"clinton": "Hillary Clinton"}
    assert speech_cues.mention_gender("Clinton", fullest, {}) == "f"
    assert speech_cues.mention_gender("Melanie", {}, {}) == "f"


# --- scorer: the gold source head and its antecedent ------------------------------------


def gold_heads(nlp, text: str, sources: list[tuple[str, str]]) -> list:
    """Resolved gold heads of attributions given as (source words, content words)."""
    attributions = []
    for source, content in sources:
        start, content_start = text.index(source), text.index(content)
        attributions.append(
            polnear.GoldAttribution(
                content=[(content_start, content_start + len(content))],
                source=[(start, start + len(source))],
            )
        )
    article = polnear.GoldArticle("a", text, attributions)
    return polnear.resolved_heads(article, nlp(text))


def test_scorer_head_of_a_source_is_the_name_closing_it(nlp):
    text = "Tulsa police Chief Chuck Jordan said the case would be solved."
    (head,) = gold_heads(nlp, text, [("Tulsa police Chief Chuck Jordan", "the case")])
    assert head.word == "jordan" and head.named


def test_scorer_apposition_names_the_same_source(nlp):
    text = "Scott Pruitt, the attorney general of Oklahoma, said the rule was an invasion."
    (head,) = gold_heads(
        nlp, text, [("Scott Pruitt, the attorney general of Oklahoma,", "the rule")]
    )
    assert head.word == "pruitt" and head.alias == "general"


def test_scorer_pronoun_source_takes_an_antecedent_of_its_gender(nlp):
    text = (
        "Hillary Clinton spoke in Ohio on Monday. Donald Trump spoke in Iowa.\n\n"
        "She said that the economy was growing."
    )
    (head,) = gold_heads(nlp, text, [("She", "the economy was growing")])
    assert head.word == "clinton" and not head.named


def test_scorer_speaker_matching_ignores_apostrophe_style_and_hyphenated_parts():
    assert polnear._speaker_covers("James O’Neill", "o'neill")
    assert polnear._speaker_covers("Douglas Holtz-Eakin", "eakin")
    assert not polnear._speaker_covers("Douglas Holtz-Eakin", "douglass")
