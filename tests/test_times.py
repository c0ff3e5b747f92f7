"""tacitus_times: finding time expressions and resolving them against the article date."""

from __future__ import annotations

from datetime import date

import pytest

from tacitus.evaluation.registry import EvalContext
from tacitus.evaluation.timebank import (
    MEANTIME_DIR,
    TIMEBANK_DIR,
    predictions,
    read_meantime,
    read_timebank,
    score_documents,
)
from tacitus.nlp import build_nlp
from tacitus.nlp.pipeline import annotate
from tacitus.nlp.timex_values import bounds, date_precision, shift_value, weekday_near
from tacitus.schema import Time

#: The issue's article: a Tuesday.
ALEPPO_DAY = date(2016, 12, 6)


@pytest.fixture(scope="module")
def times_nlp():
    """spaCy with the times component alone: it reads no other component's output."""
    return build_nlp(("tacitus_times",))


@pytest.fixture(scope="module")
def times_in(times_nlp):
    """The times of `text` published on `published`, each validated against schema v1."""

    def run(text: str, published: date | None = ALEPPO_DAY) -> dict[str, dict]:
        doc = next(annotate(times_nlp, [(text, published)]))
        found = {}
        for time in doc._.times:
            Time.model_validate(time)
            assert doc.text[time["start"] : time["end"]] == time["text"]
            found[time["text"]] = time
        return found

    return run


def test_weekdays_in_past_reporting_are_the_previous_days(times_in):
    found = times_in("Syrian troops pressed their advance Monday. On Sunday, rebels withdrew.")
    assert found["Monday"]["value"] == "2016-12-05"
    assert found["Monday"]["precision"] == "day"
    assert found["Sunday"]["value"] == "2016-12-04"
    assert found["Sunday"]["first_day"] == found["Sunday"]["last_day"] == "2016-12-04"


def test_last_week_is_the_iso_week_before(times_in):
    week = times_in("Last week the council met in Geneva.")["Last week"]
    assert week["value"] == "2016-W48"
    assert (week["first_day"], week["last_day"]) == ("2016-11-28", "2016-12-04")
    assert week["precision"] == "week"


def test_month_without_year_keeps_month_precision(times_in):
    month = times_in("The siege of the eastern districts began in September.")["September"]
    assert month["value"] == "2016-09"
    assert month["precision"] == "month"
    assert (month["first_day"], month["last_day"]) == ("2016-09-01", "2016-09-30")


def test_weeks_ago_last_month_and_a_year(times_in):
    found = times_in("Two weeks ago a hospital was shelled. Last month talks failed, as in 2011.")
    assert found["Two weeks ago"]["value"] == "2016-11-22"
    assert found["Last month"]["value"] == "2016-11"
    assert found["Last month"]["precision"] == "month"
    assert found["2011"]["value"] == "2011"
    assert found["2011"]["precision"] == "year"


def test_durations_are_not_dates(times_in):
    found = times_in(
        "Over the past two decades the city changed. The army began a three-week offensive. "
        "The council voted on a seven-day cease-fire."
    )
    expected = {"the past two decades": "P20Y", "three-week": "P3W", "seven-day": "P7D"}
    for text, value in expected.items():
        assert found[text]["value"] == value
        assert found[text]["precision"] == "duration"
        assert found[text]["first_day"] is None and found[text]["last_day"] is None


def test_fractional_durations(times_in):
    found = times_in(
        "The siege lasted two and a half years. The blast came 2.5 seconds after the alarm."
    )
    values = {time["value"] for time in found.values()}
    assert {"P2Y6M", "PT2.5S"} <= values


def test_every_friday_is_a_set(times_in):
    found = times_in("Protesters gather every Friday after prayers.")
    assert found["every Friday"]["value"] == "XXXX-WXX-5"
    assert found["every Friday"]["precision"] == "set"


def test_future_clauses_look_forward(times_in):
    found = times_in("The ministers will meet on Friday and again next week.")
    assert found["Friday"]["value"] == "2016-12-09"
    assert found["next week"]["value"] == "2016-W50"


def test_article_weekday_is_the_article_day(times_in):
    assert times_in("The envoy arrived Tuesday.")["Tuesday"]["value"] == "2016-12-06"


def test_without_publication_date_relative_values_are_null(times_in):
    found = times_in(
        "Troops advanced Monday, after last week's talks. The war began on March 15, 2011.",
        published=None,
    )
    assert found["Monday"]["value"] is None
    assert found["Monday"]["precision"] == "unknown"
    assert found["last week"]["value"] is None
    assert found["March 15, 2011"]["value"] == "2011-03-15"


def test_reference_words_and_quarters(times_in):
    found = times_in(
        "Sales currently exceed forecasts. Profit rose in the third quarter; a year earlier it "
        "had fallen. The 1990s were different."
    )
    assert found["currently"]["value"] == "PRESENT_REF"
    assert found["the third quarter"]["value"] == "2016-Q3"
    assert found["a year earlier"]["value"] == "2015-Q3"
    assert found["The 1990s"]["value"] == "199"
    assert found["The 1990s"]["first_day"] == "1990-01-01"


def test_may_the_verb_is_not_a_month(times_in):
    found = times_in("The rebels may withdraw. Elections are due in May.")
    assert list(found) == ["May"]
    assert found["May"]["value"] == "2017-05"


def test_clock_time_takes_the_following_day(times_in):
    found = times_in("The deadline expired at 5 p.m. EST, Nov. 30.")
    assert found["5 p.m. EST, Nov. 30"]["value"] == "2016-11-30T17:00"


def test_named_days_and_spelled_years(times_in):
    found = times_in("Voters went to the polls on Election Day. In nineteen ninety-six it rained.")
    assert found["Election Day"]["value"] == "2016-11-08"
    assert found["nineteen ninety-six"]["value"] == "1996"


def test_value_arithmetic():
    assert bounds("2016-W48-WE") == ("2016-12-03", "2016-12-04")
    assert bounds("2016-Q4") == ("2016-10-01", "2016-12-31")
    assert bounds("2016-WI") == ("2016-12-01", "2017-02-28")
    assert bounds("PAST_REF") == (None, None)
    assert date_precision("2016-SU") == "season"
    assert shift_value("1989-Q3", years=-1) == "1988-Q3"
    assert shift_value("2016-01", months=-1) == "2015-12"
    assert weekday_near(ALEPPO_DAY, 5, 1) == date(2016, 12, 9)


def test_timeml_reader_offsets(gold_data):
    documents = read_timebank(gold_data / TIMEBANK_DIR)
    assert len(documents) == 256
    assert sum(len(d.timexes) for d in documents) == 1822
    for document in documents[:20]:
        assert document.published is not None
        for timex in document.timexes:
            assert document.text[timex.start : timex.end].strip()


def test_meantime_reader(gold_data):
    documents = read_meantime(gold_data / MEANTIME_DIR)
    assert len(documents) == 120
    assert sum(d.published is not None for d in documents) > 110
    assert sum(len(d.timexes) for d in documents) > 400
    for document in documents:
        for timex in document.timexes:
            assert 0 <= timex.start < timex.end <= len(document.text)


def test_timebank_subset_scores(gold_data, times_nlp):
    documents = read_timebank(gold_data / TIMEBANK_DIR, limit=15)
    context = EvalContext(gold_data, limit=15, _nlp=times_nlp)
    metrics = score_documents(documents, list(predictions(context, documents)), None)
    assert metrics["gold"] > 0
    assert metrics["span_f1"] > 0.8
    assert metrics["value_f1"] > 0.6


def test_fractions_and_ordinals_are_not_durations(times_in):
    found = times_in(
        "Iraq imports about three-quarters of its food. A second group arrived, 2 1/2 years "
        "after the war, as in recent years."
    )
    assert "about three-quarters" not in found and "A second" not in found
    assert found["2 1/2 years"]["value"] == "P2Y6M"
    assert found["recent years"]["value"] == "PAST_REF"
