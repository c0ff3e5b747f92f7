"""tacitus_times: finding time expressions and resolving them against the article date."""

from __future__ import annotations

from datetime import date

import pytest

from tacitus.evaluation.registry import EvalContext
from tacitus.evaluation.timebank import (
    MEANTIME_DIR,
    TIMEBANK_DIR,
    GoldTimex,
    TimexDocument,
    predictions,
    read_meantime,
    read_timebank,
    same_value,
    score_documents,
)
from tacitus.nlp import build_nlp
from tacitus.nlp.pipeline import annotate
from tacitus.nlp.timex_values import (
    bounds,
    date_precision,
    easter_sunday,
    shift_value,
    weekday_near,
)
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


def test_twenty_four_hour_clock_with_universal_time(times_in):
    found = times_in(
        "Shares fell 3% at 16:08 UTC. Central banks acted at 0800 GMT. The index rose 2008 points.",
        published=date(2008, 9, 17),
    )
    assert found["16:08 UTC"]["value"] == "2008-09-17T16:08Z"
    assert found["0800 GMT"]["value"] == "2008-09-17T08:00Z"
    assert "2008" not in found or found["2008"]["precision"] == "year"


def test_the_day_being_reported_on(times_in):
    found = times_in("The Dow rebounded late in the day and ended the day up 3%.")
    assert [t["value"] for t in found.values()] == ["2016-12-06"]


def test_parts_of_the_year_and_the_year_ended(times_in):
    found = times_in(
        "Sales for the full year rose. Revenue for the year ended June 30 fell. Prices were "
        "higher at the beginning of the year."
    )
    assert found["the full year"]["value"] == "2016"
    assert found["the year"]["value"] == "P1Y"
    assert found["the beginning of the year"]["value"] == "2016"


def test_the_year_before_leans_on_the_year_named(times_in):
    found = times_in("Costs fell to $118 billion in 2009, from $120 billion the year before.")
    assert found["the year before"]["value"] == "2008"


def test_quarter_not_yet_begun_in_a_past_clause_is_last_years(times_in):
    found = times_in(
        "Foreclosures rose in the fourth quarter. It earned more in the final quarter of 2009 "
        "and lost money in the first quarter of last year.",
        published=date(2007, 3, 13),
    )
    assert found["the fourth quarter"]["value"] == "2006-Q4"
    assert found["the final quarter of 2009"]["value"] == "2009-Q4"
    assert found["the first quarter of last year"]["value"] == "2006-Q1"


def test_infinitives_look_ahead_unless_the_plan_is_past(times_in):
    found = times_in("The trial is set to begin on Wednesday.")
    assert found["Wednesday"]["value"] == "2016-12-07"
    found = times_in("The offer had been due to expire Friday, but it was extended.")
    assert found["Friday"]["value"] == "2016-12-02"


def test_scheduling_and_deferral_look_ahead_from_past_clauses(times_in):
    found = times_in("Protesters planned a large rally on Saturday.")
    assert found["Saturday"]["value"] == "2016-12-10"
    found = times_in("Officials postponed the vote until Thursday.")
    assert found["Thursday"]["value"] == "2016-12-08"
    found = times_in("He said the father would be travelling Thursday.")
    assert found["Thursday"]["value"] == "2016-12-08"


def test_participles_and_noun_modifiers_set_the_direction(times_in):
    published = date(2006, 8, 19)
    found = times_in("The cuts come on top of plans announced in January.", published=published)
    assert found["January"]["value"] == "2006-01"
    found = times_in("It is trying to sell itself under a June agreement.", published=published)
    assert found["June"]["value"] == "2006-06"
    found = times_in("Protests have been held since early December.", published=date(2000, 1, 7))
    assert found["early December"]["value"] == "1999-12"


def test_months_and_days_with_a_relative_year(times_in):
    found = times_in(
        "Pol Pot was arrested in July last year. Franchises end after October of next year, "
        "on March 3 this year."
    )
    assert found["July last year"]["value"] == "2015-07"
    assert found["October of next year"]["value"] == "2017-10"
    assert found["March 3 this year"]["value"] == "2016-03-03"


def test_the_same_period_last_year(times_in):
    found = times_in(
        "Sales rose 43% in February compared to the same period last year.",
        published=date(2010, 3, 3),
    )
    assert found["the same period last year"]["value"] == "2009-02"


def test_bare_seasons_but_not_the_verb_fall(times_in):
    found = times_in(
        "It is too early to see a trend, but spring shows signs of hope. Prices fall.",
        published=date(2009, 4, 1),
    )
    assert list(found) == ["spring"]
    assert found["spring"]["value"] == "2009-SP"


def test_more_durations_and_decades(times_in):
    found = times_in(
        "The loan may be extended for an additional year. A minute and a half later it crashed. "
        "Hate groups declined through the nineties. Stocks hit their lowest level since '82."
    )
    assert found["an additional year"]["value"] == "P1Y"
    assert found["A minute and a half"]["value"] == "PT1M30S"
    assert found["the nineties"]["value"] == "199"
    assert found["'82"]["value"] == "1982"


def test_fiscal_year_ended_is_a_span(times_in):
    found = times_in("In the fiscal year ended Jan. 31, sales rose.", published=date(1989, 10, 31))
    assert found["the fiscal year"]["value"] == "P1Y"
    assert found["Jan. 31"]["value"] == "1989-01-31"


def test_parts_of_days_follow_timeml(times_in):
    assert times_in("The blast hit Friday morning.")["Friday morning"]["value"] == "2016-12-02TMO"
    found = times_in("Dealers bought heavily in the morning. He will leave at 4 in the morning.")
    assert found["the morning"]["value"] == "2016-12-06TMO"
    assert found["4 in the morning"]["value"] == "2016-12-06T04:00"
    found = times_in("The vote was held on Friday. Turnout was low in the morning.")
    assert found["the morning"]["value"] == "2016-12-02TMO"


def test_the_previous_weekday_is_before_the_day_just_named(times_in):
    found = times_in("The index closed Friday at 10,500, down 4.5% from the previous Friday.")
    assert found["Friday"]["value"] == "2016-12-02"
    assert found["the previous Friday"]["value"] == "2016-11-25"


def test_idioms_and_names_are_not_times(times_in):
    found = times_in(
        "At the end of the day the voters decide. She took the Winter Olympic Games to "
        "Sapporo. Output was 3.2% higher in the year to June."
    )
    assert list(found) == ["the year", "June"]
    assert found["the year"]["value"] == "P1Y"


def test_the_previous_year_follows_the_year_just_named(times_in):
    found = times_in("Sales rose in 2009. They had fallen in the previous year.")
    assert found["the previous year"]["value"] == "2008"
    found = times_in("Sales fell 42% from the previous year.", published=None)
    assert found["the previous year"]["value"] is None


# ---------------------------------------------------------------- issue 19: robust times


def test_holidays_follow_the_tense(times_in):
    found = times_in("The mall will close on Halloween. Families gathered at Christmas.")
    assert found["Halloween"]["value"] == "2017-10-31"  # the nearest one, 2016-10-31, is gone
    assert found["Christmas"]["value"] == "2015-12-25"  # the nearest one is still to come
    found = times_in("New Year's Eve is a holiday.", published=date(2016, 12, 20))
    assert found["New Year's Eve"]["value"] == "2016-12-31"


def test_movable_feasts_and_nth_weekdays(times_in):
    found = times_in(
        "Pilgrims will arrive on Good Friday and leave on Whit Monday. The vote falls on the "
        "second Sunday of May. Sales rose over Thanksgiving. Eastern Airlines flew on."
    )
    assert found["Good Friday"]["value"] == "2017-04-14"
    assert found["Whit Monday"]["value"] == "2017-06-05"
    assert found["the second Sunday of May"]["value"] == "2017-05-14"
    assert found["Thanksgiving"]["value"] == "2016-11-24"
    assert "Eastern" not in found
    assert times_in("Turnout fell at Easter 2016.")["Easter 2016"]["value"] == "2016-03-27"
    assert easter_sunday(2019) == date(2019, 4, 21)


def test_next_and_last_seasons_never_land_on_the_wrong_side(times_in):
    found = times_in("Work will resume next spring. It stopped last summer.")
    assert found["next spring"]["value"] == "2017-SP"
    assert found["last summer"]["value"] == "2016-SU"
    found = times_in("The band tours next winter.", published=date(2017, 1, 10))
    assert found["next winter"]["value"] == "2017-WI"


def test_the_articles_own_weekday_follows_the_tense(times_in):
    assert times_in("Police detained him on Tuesday.")["Tuesday"]["value"] == "2016-12-06"
    assert times_in("The court will rule on Tuesday.")["Tuesday"]["value"] == "2016-12-13"


def test_ordinal_days_in_words(times_in):
    found = times_in(
        "The truce starts on the ninth of December and ends December the twenty-first."
    )
    assert found["the ninth of December"]["value"] == "2016-12-09"
    assert found["December the twenty-first"]["value"] == "2016-12-21"


def test_durations_in_number_words(times_in):
    found = times_in(
        "The blockade lasted three hundred days and the party ruled for half a century; "
        "the talks took a quarter of an hour."
    )
    assert found["three hundred days"]["value"] == "P300D"
    assert found["half a century"]["value"] == "P50Y"
    assert found["a quarter of an hour"]["value"] == "PT15M"


def test_spoken_and_military_clock_times_are_not_quarters_or_years(times_in):
    found = times_in("The convoy left at a quarter past eight; the curfew began at 1800 hours.")
    assert found["a quarter past eight"]["value"] == "2016-12-06T08:15"
    assert found["1800 hours"]["value"] == "2016-12-06T18:00"
    assert [t["precision"] for t in found.values()] == ["day", "day"]
    assert times_in("Exports fell by a quarter.") == {}  # a share, not three months


def test_present_tense_schedules_look_forward(times_in):
    assert times_in("The council meets on Friday.")["Friday"]["value"] == "2016-12-09"
    found = times_in("The spokesman says Monday that the road is open.")
    assert found["Monday"]["value"] == "2016-12-05"  # speech reported in the present: done


def test_numeric_and_abbreviated_formats(times_in):
    found = times_in("The decree of 06.12.2015 replaced the 2015-11 rules, dated 5 June '15.")
    assert found["06.12.2015"]["value"] == "2015-12-06"
    assert found["2015-11"]["value"] == "2015-11"
    assert found["5 June '15"]["value"] == "2015-06-05"
    assert "2010-11" not in times_in("Profits fell in the 2010-11 season.")


def test_dashed_dates_with_the_year_last_are_day_first(times_in):
    found = times_in("DAMASCUS, 21-09-2016 - The ceasefire of 09-10-2016 held until 11/03/2016.")
    assert found["21-09-2016"]["value"] == "2016-09-21"
    assert found["09-10-2016"]["value"] == "2016-10-09"  # a whole date, not the year 2016
    assert found["11/03/2016"]["value"] == "2016-11-03"  # slashes stay month-first
    assert "2016-21-09" not in {t["value"] for t in found.values()}


def test_compositional_days(times_in):
    found = times_in(
        "Shelling began the day before yesterday and talks resume the day after tomorrow. "
        "The market opens on the last Friday of December."
    )
    assert found["the day before yesterday"]["value"] == "2016-12-04"
    assert found["the day after tomorrow"]["value"] == "2016-12-08"
    assert found["the last Friday of December"]["value"] == "2016-12-30"


def test_days_later_count_from_the_last_date(times_in):
    found = times_in("The siege began on November 15. Ten days later the hospital fell.")
    assert found["Ten days later"]["value"] == "2016-11-25"
    assert found["Ten days later"]["precision"] == "day"
    found = times_in("Ten days later the hospital fell.")
    assert found["Ten days later"]["value"] == "P10D"  # nothing to count from: a stretch


def test_the_first_century_has_calendar_days_from_year_one(times_in):
    century = times_in("Scholars of 1st century history disagree.")["1st century"]
    assert (century["value"], century["first_day"], century["last_day"]) == (
        "00",
        "0001-01-01",
        "0099-12-31",
    )


def test_both_ends_of_a_range_of_durations(times_in):
    found = times_in("Repairs will take two to four weeks; the audit lasts between 30 and 45 days.")
    assert found["two"]["value"] == "P2W"  # TimeML marks each end of the range
    assert found["four weeks"]["value"] == "P4W"
    assert found["30"]["value"] == "P30D"
    assert found["45 days"]["value"] == "P45D"
    assert "5" not in times_in("The team won 5 and lost 6 games in 9 days.")


def test_soon_in_a_clause_about_what_is_to_come(times_in):
    found = times_in(
        "The ministry said the bridge may soon reopen and repairs will finish very soon."
    )
    assert found["soon"]["value"] == found["very soon"]["value"] == "FUTURE_REF"
    assert times_in("Engineers want it fixed as soon as possible.")["as soon as possible"][
        "value"
    ] == ("FUTURE_REF")
    assert "soon" not in times_in("The prisoner was soon released.")  # a narrative step
    assert "soon" not in times_in("Leave as soon as the rain stops.")


def test_the_adjective_recent_points_to_the_past(times_in):
    found = times_in("Traders blamed recent losses on the weather.")
    assert found["recent"]["value"] == "PAST_REF"
    assert times_in("It was the most recent model.") == {}  # a comparison


def test_quarters_as_stretches_of_time_but_not_as_shares(times_in):
    found = times_in(
        "The mill lost money for several quarters and shrank for two straight quarters."
    )
    assert found["several quarters"]["value"] == "PXQ"
    assert found["two straight quarters"]["value"] == "P2Q"
    found = times_in("Output fell for three consecutive quarters of the year.")
    assert found["three consecutive quarters"]["value"] == "P3Q"
    assert times_in("The party won three quarters of the seats.") == {}
    assert times_in("Soldiers slept in their quarters.") == {}


def test_the_past_decade_is_a_stretch_of_time(times_in):
    found = times_in("Rents doubled over the past decade, the steepest rise of the past century.")
    assert found["the past decade"]["value"] == "P10Y"
    assert found["the past century"]["value"] == "P100Y"
    assert times_in("Rents doubled in the last decade.")["the last decade"]["value"] == "200"


def test_one_unit_adjectives_are_durations(times_in):
    found = times_in("It was the largest single-day drop, after a week-long strike.")
    assert found["single-day"]["value"] == "P1D"
    assert found["week-long"]["value"] == "P1W"


def test_two_digit_decades_but_not_ages(times_in):
    found = times_in("The band toured through the 70s and 80s.")
    assert found["the 70s"]["value"] == "197"
    assert found["80s"]["value"] == "198"
    assert times_in("The suspect, in his 40s, fled.") == {}
    assert times_in("Troops fired M-60s at the crowd.") == {}  # a weapon's name


def test_thousands_in_words_make_a_duration_not_a_year(times_in):
    found = times_in("The temple has stood for more than three thousand years.")
    assert found["more than three thousand years"]["value"] == "P3000Y"
    assert "three thousand" not in found


def test_modal_clauses_look_forward(times_in):
    assert times_in("The council may vote on Friday.")["Friday"]["value"] == "2016-12-09"
    assert times_in("The convoy may have left on Friday.")["Friday"]["value"] == "2016-12-02"


def test_past_forms_the_tagger_reads_as_present(times_in):
    # a base form beside a singular subject is a past form: "cut", "hurt", "set", "put"
    found = times_in("Weakness in bank shares hurt the index on Friday.")
    assert found["Friday"]["value"] == "2016-12-02"
    assert times_in("The banks meet on Friday.")["Friday"]["value"] == "2016-12-09"


def test_an_infinitive_subject_states_no_plan(times_in):
    found = times_in("Among the first cities to hold elections on Sunday were Idlib and Hama.")
    assert found["Sunday"]["value"] == "2016-12-04"


def test_years_end_without_an_article(times_in):
    assert times_in("The sale should close by year's end.")["year's end"]["value"] == "2016"


def test_titles_in_quote_marks_are_not_times(times_in):
    found = times_in("The envoy spoke on \"Next Week Tonight\" and later on ``Sixty Minutes.''")
    assert found == {}
    found = times_in('The envoy said: "Thursday is too late," and left.')
    assert found["Thursday"]["value"] == "2016-12-08"  # a quoted sentence, not a title


def test_a_named_march_is_not_the_month(times_in):
    assert times_in("Thousands joined the March for Peace in the capital.") == {}
    assert times_in("Talks ran from March to May.")["March"]["value"] == "2016-03"
    found = times_in("Voters elected a council in March for Parliament's seats.")
    assert found["March"]["value"] == "2016-03"  # "in" introduces the month


def test_scorer_reads_one_digit_iso_weeks_as_iso_8601_writes_them():
    # some TimeBank files write "2000-W7"; ISO 8601 (and the product) write the week with two
    # digits, and the two strings are one value
    assert same_value("2000-W07", "2000-W7")
    assert same_value("2000-W07-WE", "2000-W7-WE")
    assert not same_value("2000-W17", "2000-W7")
    assert not same_value(None, "2000-W7")
    gold = TimexDocument(
        "d", "It rained this week.", date(2000, 2, 16), (GoldTimex(12, 21, "DATE", "2000-W7"),)
    )
    predicted = [{"start": 12, "end": 21, "value": "2000-W07", "precision": "week"}]
    assert score_documents([gold], [predicted], None)["value_f1"] == 1.0


def test_the_week_of_a_day_and_the_nth_week_of_a_month_are_iso_weeks(times_in):
    # TIMEX3 writes a week as the ISO week; the n-th week of a month is the n-th ISO week with
    # most of its days (its Thursday) in the month
    found = times_in(
        "The trial opens the week of January 9. Fares rise in the first week of March "
        "and fall in the last week of April 2017.",
    )
    assert found["the week of January 9"]["value"] == "2017-W02"
    assert found["the first week of March"]["value"] == "2017-W09"  # Thursday 2 March
    assert found["the last week of April 2017"]["value"] == "2017-W17"  # Thursday 27 April
    assert "January 9" not in found


def test_a_holiday_week_or_weekend_is_the_week_or_weekend_it_names(times_in):
    found = times_in("Crowds thinned during Christmas week.", published=date(2017, 1, 3))
    assert found["Christmas week"]["value"] == "2016-W51"  # the week of Sunday 25 December 2016
    found = times_in(
        "Roads will be busy on the Memorial Day weekend and over Thanksgiving weekend."
    )
    assert found["Memorial Day weekend"]["value"] == "2017-W21-WE"  # before Monday 29 May
    assert found["Thanksgiving weekend"]["value"] == "2017-W47-WE"  # after Thursday 23 Nov
    # a week under way when the paper is printed is this year's, even in a past clause
    found = times_in("Pilgrims gathered as Holy Thursday week began.", published=date(2017, 4, 10))
    assert found["Holy Thursday week"]["value"] == "2017-W15"


def test_units_compared_with_themselves_are_no_periods(times_in):
    found = times_in(
        "The quarter-to-quarter comparison improved. Year-over-year growth slowed, and "
        "month-on-month prices rose in the quarter."
    )
    assert set(found) == {"the quarter"}


def test_the_newspaper_daily_is_no_set(times_in):
    newspapers = (
        "The Communist Party daily Granma printed the letter.",
        "The letter was printed, the daily said.",
        "The Israeli daily's editor resigned.",
    )
    for text in newspapers:
        assert times_in(text) == {}, text
    for text in ("Buses run daily to the border.", "Rallies are held almost daily."):
        assert times_in(text)["daily"]["value"] == "P1D"


def test_the_full_year_after_a_reported_quarter_is_that_quarters_year(times_in):
    found = times_in(
        "The firm lost $2 billion in the fourth quarter and $5 billion for the entire year.",
        published=date(2017, 1, 26),
    )
    assert found["the fourth quarter"]["value"] == "2016-Q4"
    assert found["the entire year"]["value"] == "2016"
    assert times_in("Sales will rise for the full year.")["the full year"]["value"] == "2016"


def test_the_second_day_of_a_pair_takes_the_month_of_the_first(times_in):
    # TIMEX3 marks each day of "April 24 and 25"; the second has its month from the first
    found = times_in("Leaders will meet on April 24 and 25 in Oslo.")
    assert found["April 24"]["value"] == "2017-04-24"
    assert found["25"]["value"] == "2017-04-25"
    # a count after a date is no day
    assert set(times_in("On May 5 and 20 people were hurt.")) == {"May 5"}
    assert set(times_in("See pages 24 and 25 of the May 2 report.")) == {"May 2"}


def test_the_nth_day_of_an_event_is_the_day_a_copula_names(times_in):
    # TimeML marks "the third day" as a DATE valued with the calendar day it denotes; a
    # copula says which: the article's day ("it is"), or the day just named ("Tuesday was").
    found = times_in("It is the third day of the blockade. Unions say it could last a month.")
    assert found["the third day"]["value"] == "2016-12-06"
    found = times_in("Today is the 12th day of the hunger strike.")
    assert found["the 12th day"]["value"] == "2016-12-06"
    found = times_in("Sunday was the second day of clashes in the old city.")
    assert found["the second day"]["value"] == "2016-12-04"
    # counted from a start the text does not date: no calendar day, no expression
    found = times_in("On the fourth day of the march the column reached the river.")
    assert "the fourth day" not in found


def test_a_quarter_a_year_before_is_one_expression(times_in):
    # TimeML marks the whole phrase, modifier included, as one TIMEX3 valued with the period
    # it names: the quarter or half of the year before.
    found = times_in(
        "Earnings fell in the third quarter. In the year-earlier third quarter, the bank "
        "earned $4 million; in the prior-year first half it lost money."
    )
    assert found["the year-earlier third quarter"]["value"] == "2015-Q3"
    assert found["the prior-year first half"]["value"] == "2015-H1"
    assert "third quarter" not in found
    found = times_in("Sales rose 4% in the third quarter. For the quarter a year ago, they fell.")
    assert found["the quarter a year ago"]["value"] == "2015-Q3"
    assert "a year ago" not in found
    found = times_in("Sales rose 4% in the third quarter, after a loss in last year's quarter.")
    assert found["last year's quarter"]["value"] == "2015-Q3"


def test_the_year_earlier_months_are_a_stretch_of_months(times_in):
    # "the first nine months" is a DURATION in TimeML; the same months a year before are too
    found = times_in(
        "Profit rose in the first nine months. Net for the year-earlier nine months "
        "included a gain, and the year-earlier six months a loss."
    )
    assert found["the first nine months"]["value"] == "P9M"
    assert found["the year-earlier nine months"]["value"] == "P9M"
    assert found["the year-earlier six months"]["precision"] == "duration"
    assert found["the year-earlier six months"]["value"] == "P6M"


def test_one_day_after_a_modal_is_the_future_not_a_day(times_in):
    # "could one day replace": an unnamed time ahead, TimeML's FUTURE_REF
    found = times_in("Officials say the new line could one day carry freight.")
    assert found["one day"]["value"] == "FUTURE_REF"
    found = times_in("Negotiators will meet for one day. The summit was cut to one day.")
    assert found["one day"]["value"] == "P1D"


def test_then_current_is_a_past_present(times_in):
    found = times_in("Holders could buy stock at half the then-current price.")
    assert found["then-current"]["value"] == "PAST_REF"
    assert times_in("The current price is low.")["current"]["value"] == "PRESENT_REF"
