"""Parquet export, with an explicit schema so every file has the same column types.

Schema (one row per event, columns in this order; every column is nullable):

====================  ===========  ===========================================================
column                Arrow type   meaning
====================  ===========  ===========================================================
event_id_cnty         string       ISO3 of the event's country (XXX when unknown) + a number
                                   fixed by the article id and event id
event_date            date32       first day of the event's time
year                  int32        year of event_date
time_precision        int8         ACLED's: 1 day, 2 week, 3 month or coarser
disorder_type         string       ACLED's: Political violence, Demonstrations, Strategic
                                   developments, or "Political violence; Demonstrations"
event_type            string       ACLED event type
sub_event_type        string       ACLED sub-event type
actor1                string       first source actor's name
assoc_actor_1         string       the other source actors, "; "-separated
inter1                int8         ACLED's actor type of actor1 (1..8)
actor2                string       first target actor's name
assoc_actor_2         string       the other target actors, "; "-separated
inter2                int8         ACLED's actor type of actor2 (1..8)
interaction           int8         ACLED's two-digit combination, lower type first (10 alone)
civilian_targeting    string       "Civilian targeting" when political violence targets civilians
iso                   int16        numeric ISO 3166-1 code of the country
region                string       ACLED's region of the country
country               string       ACLED's name of the country
admin1                string       first-level region of the place
admin2                string       (not extracted: always null)
admin3                string       (not extracted: always null)
location              string       the place's name
latitude              float64      WGS 84 degrees
longitude             float64      WGS 84 degrees
geo_precision         int8         ACLED's: 1 town, 2 near a town or part of a region, 3 region
source                string       the article's outlet
source_scale          string       (not known: always null)
notes                 string       the evidence sentence
fatalities            int32        best fatality figure, 0 when none was reported
tags                  string       (none: always null)
timestamp             int64        ingest time, Unix seconds (UTC)
plover_type           string       PLOVER event type
plover_mode           string       PLOVER mode
cameo                 string       CAMEO code
case_code             string       CASE 2021 code
confidence            float64      extraction confidence, 0..1
negated               bool         the text says the event did not happen
hypothetical          bool         the text says it may, or is planned to, happen
article_id            string       stored article id
event_local_id        string       event id within the article
evidence_start        int32        character offset of the evidence in the article text
evidence_end          int32        end offset (exclusive) of the evidence
cluster_id            string       the event's cluster, when the store has clusters
====================  ===========  ===========================================================
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from tacitus.export.records import COLUMN_NAMES

#: Narrow integer types where the codebook bounds the values; see the table above.
COLUMN_TYPES: dict[str, pa.DataType] = {
    "event_date": pa.date32(),
    "year": pa.int32(),
    "time_precision": pa.int8(),
    "inter1": pa.int8(),
    "inter2": pa.int8(),
    "interaction": pa.int8(),
    "iso": pa.int16(),
    "latitude": pa.float64(),
    "longitude": pa.float64(),
    "geo_precision": pa.int8(),
    "fatalities": pa.int32(),
    "timestamp": pa.int64(),
    "confidence": pa.float64(),
    "negated": pa.bool_(),
    "hypothetical": pa.bool_(),
    "evidence_start": pa.int32(),
    "evidence_end": pa.int32(),
}
SCHEMA = pa.schema([(name, COLUMN_TYPES.get(name, pa.string())) for name in COLUMN_NAMES])


def write_parquet(records: list[dict], out_path: Path) -> int:
    pq.write_table(pa.Table.from_pylist(records, schema=SCHEMA), out_path)
    return len(records)
