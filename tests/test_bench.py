"""The benchmark's own bookkeeping: the store it times clustering over."""

from __future__ import annotations

from test_store import make_extraction

from tacitus.bench import _copies


def test_copies_of_the_extractions_are_new_articles_of_later_weeks():
    originals = [make_extraction("a", "2022-05-02", "UKR", "ASSAULT"),
                 make_extraction("b", None, "UKR", "ASSAULT")]  # fmt: skip
    copies = list(_copies(originals, 5))
    assert [c.article.id for c in copies] == ["a", "b", "a-copy1", "b-copy1", "a-copy2"]
    assert [c.article.published for c in copies[::2]] == ["2022-05-02", "2022-05-09",
                                                           "2022-05-16"]  # fmt: skip
    assert copies[4].events[0].time.first_day == "2022-05-16"
    assert copies[3].article.published is None and copies[3].events[0].time is None
