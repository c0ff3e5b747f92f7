"""tacitus_places and its gazetteer: recognition, resolution, schema, gold readers."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

import pytest
import yaml

from tacitus import Extractor, SourceArticle, settings
from tacitus.evaluation.geoparsing import (
    GoldArticle,
    GoldToponym,
    is_nationality_word,
    read_gwn,
    read_lgl,
    score_geoparsing,
)
from tacitus.evaluation.registry import EvalContext
from tacitus.evaluation.scoring import great_circle_km
from tacitus.gazetteer import Gazetteer, build_gazetteer, key_variants, load_gazetteer, name_key
from tacitus.nlp import shared_nlp
from tacitus.nlp.outlet_lexicon import OutletLexicon, outlet_key
from tacitus.nlp.pipeline import DocInput, annotate
from tacitus.nlp.places import PlacesComponent
from tacitus.schema import Place

ALEPPO_REPORT = (
    "Syrian troops pressed their advance into eastern Aleppo on Monday, and two Russian "
    "nurses were killed when a field hospital was shelled. Airstrikes in Idlib province "
    "killed dozens. Iraqi forces fighting near Mosul were not involved. Diplomats in Geneva "
    "said the government in Damascus had rejected the proposal. The regime bombed Aleppo "
    "again on Tuesday."
)


@pytest.fixture(scope="module")
def places_nlp():
    """spaCy, the document component (datelines) and tacitus_places: no other component."""
    return shared_nlp(("tacitus_document", "tacitus_places"))


@pytest.fixture(scope="module")
def doc_of(places_nlp):
    def run(text: str):
        return places_nlp(text)

    return run


def places_of(doc) -> list[dict]:
    for place in doc._.places:
        Place.model_validate(place)
    return doc._.places


def place_named(places: list[dict], text: str, doc_text: str) -> dict:
    """The place one of whose mentions is the first occurrence of `text`."""
    start = doc_text.index(text)
    for place in places:
        if any(s <= start < e for s, e in place["mentions"]):
            return place
    raise AssertionError(f"{text!r} is not a place mention in {places}")


def near(place: dict, lat: float, lon: float, km: float = 50.0) -> bool:
    return great_circle_km(place["lat"], place["lon"], lat, lon) <= km


@pytest.fixture(scope="module")
def aleppo_places(doc_of) -> list[dict]:
    return places_of(doc_of(ALEPPO_REPORT))


def test_aleppo_resolves_to_the_city_with_every_mention(aleppo_places):
    aleppo = place_named(aleppo_places, "Aleppo", ALEPPO_REPORT)
    assert aleppo["country"] == "SYR" and aleppo["feature"] == "city"
    assert near(aleppo, 36.20, 37.16)
    assert aleppo["mentions"] == [
        [m, m + len("Aleppo")]
        for m in (ALEPPO_REPORT.index("Aleppo"), ALEPPO_REPORT.rindex("Aleppo"))
    ]


def test_idlib_province_is_the_governorate(aleppo_places):
    idlib = place_named(aleppo_places, "Idlib", ALEPPO_REPORT)
    assert (idlib["feature"], idlib["country"], idlib["admin1"]) == ("admin1", "SYR", "Idlib")
    start = ALEPPO_REPORT.index("Idlib province")
    assert idlib["mentions"] == [[start, start + len("Idlib province")]]


@pytest.mark.parametrize(
    ("name", "country", "lat", "lon"),
    [
        ("Mosul", "IRQ", 36.34, 43.12),
        ("Geneva", "CHE", 46.20, 6.15),
        ("Damascus", "SYR", 33.51, 36.29),
    ],
)
def test_cities_are_geocoded(aleppo_places, name, country, lat, lon):
    place = place_named(aleppo_places, name, ALEPPO_REPORT)
    assert place["country"] == country and place["geonames_id"] is not None
    assert near(place, lat, lon)


def test_demonyms_are_not_places(aleppo_places):
    for demonym in ("Syrian", "Russian", "Iraqi"):
        start = ALEPPO_REPORT.index(demonym)
        assert not any(s <= start < e for p in aleppo_places for s, e in p["mentions"])


def test_ids_are_stable_and_distinct(aleppo_places):
    assert [p["id"] for p in aleppo_places] == [f"p{i}" for i in range(1, len(aleppo_places) + 1)]


@pytest.mark.parametrize(
    ("text", "name", "lat", "lon", "km"),
    [
        ("Tensions rose across the Middle East on Monday.", "Middle East", 33.3, 44.4, 1500),
        ("Tankers were seized in the Gulf overnight.", "Gulf", 25.3, 51.5, 300),
        ("Talks on the Korean Peninsula stalled again.", "Korean Peninsula", 37.6, 127.0, 300),
        ("Drought spread across North Africa this summer.", "North Africa", 30.0, 10.0, 1500),
        ("The ship sank in the Atlantic after a storm.", "Atlantic", 0.0, -30.0, 2000),
        ("Heavy snow fell in Scandinavia on Friday.", "Scandinavia", 60.0, 12.0, 500),
    ],
)
def test_regions_and_seas_get_a_representative_point(doc_of, text, name, lat, lon, km):
    region = place_named(places_of(doc_of(text)), name, text)
    assert (region["feature"], region["geo_precision"]) == ("region", 3)
    assert region["geonames_id"] is None and near(region, lat, lon, km)


def test_a_continent_has_its_geonames_point(doc_of):
    text = "Exports to Africa rose by a tenth."
    africa = place_named(places_of(doc_of(text)), "Africa", text)
    assert (africa["feature"], africa["geonames_id"], africa["geo_precision"]) == (
        "region",
        6255146,
        3,
    )
    assert near(africa, 7.19, 21.09, 10)


def test_every_listed_region_is_in_the_gazetteer_at_its_documented_point():
    text = (resources.files("tacitus.resources") / "places" / "regions.yaml").read_text("utf-8")
    gazetteer = load_gazetteer()
    for region in yaml.safe_load(text):
        place = next(
            c.place
            for c in gazetteer.candidates(region["name"])
            if c.primary and c.place.is_listed_region
        )
        assert place.country == region.get("country")
        if "lat" in region:
            assert (place.lat, place.lon) == (region["lat"], region["lon"])
        elif region.get("countries"):  # the mean of its countries' points
            points = [country_point(gazetteer, code) for code in region["countries"]]
            assert place.lat == pytest.approx(sum(p[0] for p in points) / len(points), abs=1e-4)
            assert place.lon == pytest.approx(sum(p[1] for p in points) / len(points), abs=1e-4)
        else:  # a name whose place depends on the story ("the Northeast")
            assert place.lat is None


# Oceans, seas and deserts that GeoNames has take GeoNames' own point for the feature, the
# point gold sets and other geoparsers built on GeoNames use (regions.yaml, `geonames`).
@pytest.mark.parametrize(
    ("text", "name", "lat", "lon"),
    [
        ("A cargo ship lost power in the Indian Ocean on Sunday.", "Indian Ocean", -10.0, 70.0),
        ("Storms form over the warm waters of the Atlantic each autumn.", "Atlantic", 10.0, -25.0),
        ("Two trawlers went missing in the North Pacific.", "North Pacific", 30.0, -170.0),
        ("Oil platforms in the North Sea were shut for the storm.", "North Sea", 55.0, 3.0),
        ("Tourists flocked to Scandinavia this summer.", "Scandinavia", 63.0, 12.0),
    ],
)
def test_seas_known_to_geonames_take_its_point(doc_of, text, name, lat, lon):
    sea = place_named(places_of(doc_of(text)), name, text)
    assert (sea["feature"], sea["lat"], sea["lon"]) == ("region", lat, lon)


def test_a_region_gets_its_point_from_one_documented_source():
    """GeoNames' own point (`geonames`, with lat and lon), the mean of its countries, or a
    point placed by hand whose `point` says where; never two of them at once."""
    text = (resources.files("tacitus.resources") / "places" / "regions.yaml").read_text("utf-8")
    for region in yaml.safe_load(text):
        if "geonames" in region:
            assert isinstance(region["geonames"], int), region["name"]
            assert {"lat", "lon"} <= region.keys(), region["name"]
            assert not {"countries", "point"} & region.keys(), region["name"]
        elif "lat" in region:
            assert "point" in region and "countries" not in region, region["name"]


@pytest.mark.parametrize(
    ("text", "name", "feature", "country"),
    [
        ("Exports from the Islamic Republic fell last year.", "Islamic Republic", "country", "IRN"),
        ("Fans travelled to East Yorkshire for the final.", "East Yorkshire", "admin2", "GBR"),
    ],
)
def test_press_names_of_places_the_sources_lack(doc_of, text, name, feature, country):
    place = place_named(places_of(doc_of(text)), name, text)
    assert (place["feature"], place["country"]) == (feature, country)


# A name joined by "+" to a capitalised word is a shop's or a restaurant's, not a town's;
# "&" still joins the parts of a country's name.
@pytest.mark.parametrize(
    ("text", "kept", "dropped"),
    [
        ("Thieves broke into Salt + Smoke, a grill in St. Louis, on Monday.", "St. Louis", "Salt"),
        ("The owners of Bread + Paris opened a second bakery in Denver.", "Denver", "Paris"),
        ("Flights between Trinidad & Tobago and Miami resumed.", "Miami", None),
    ],
)
def test_a_name_joined_by_plus_is_a_business(doc_of, text, kept, dropped):
    places = places_of(doc_of(text))
    names = {text[s:e] for p in places for s, e in p["mentions"]}
    assert kept in names and (dropped is None or dropped not in names)
    assert dropped is not None or any(p["country"] == "TTO" for p in places)


def country_point(gazetteer: Gazetteer, iso2: str) -> tuple[float, float]:
    return gazetteer._db.execute(
        "SELECT lat, lon FROM places WHERE feature = 'country' AND country = ?", (iso2,)
    ).fetchone()


@pytest.mark.parametrize(
    ("text", "name", "precision"),
    [
        ("Protesters gathered in Lyon on Saturday.", "Lyon", 1),
        ("Flooding closed schools in Polk County, Iowa.", "Polk County", 2),
        ("Flooding closed schools in Polk County, Iowa.", "Iowa", 3),
        ("Farmers in Bavaria protested new rules.", "Bavaria", 3),
        ("Kenya sent more troops.", "Kenya", 3),
        ("Smith lived on Elm Street in Dallas, police said.", "Elm Street", 1),
    ],
)
def test_every_place_has_acleds_geo_precision(doc_of, text, name, precision):
    assert place_named(places_of(doc_of(text)), name, text)["geo_precision"] == precision


def test_article_context_picks_paris_texas(doc_of):
    text = (
        "PARIS -- The council of Paris voted on Monday to repair the courthouse. Officials "
        "from Dallas and Texarkana attended, and the Texas governor sent a letter."
    )
    paris = place_named(places_of(doc_of(text)), "Paris", text)
    assert paris["country"] == "USA" and paris["admin1"] == "Texas"


def test_paris_alone_is_the_capital(doc_of):
    text = "Leaders met in Paris on Monday to discuss the climate agreement."
    paris = place_named(places_of(doc_of(text)), "Paris", text)
    assert paris["country"] == "FRA" and near(paris, 48.85, 2.35)


def test_qualifier_picks_london_ontario(doc_of):
    text = "Police in London, Ontario said the man was arrested on Friday."
    places = places_of(doc_of(text))
    london = place_named(places, "London", text)
    assert london["country"] == "CAN" and london["admin1"] == "Ontario"
    assert near(london, 42.98, -81.23)


def test_divisions_win_over_small_towns(doc_of):
    text = "Floods hit Queensland while wildfires burned in California."
    places = places_of(doc_of(text))
    assert place_named(places, "Queensland", text)["feature"] == "admin1"
    california = place_named(places, "California", text)
    assert (california["feature"], california["country"]) == ("admin1", "USA")


def test_short_forms_resolve(doc_of):
    text = "The U.S. envoy flew from Louisville, Ky. to Vancouver, B.C. for talks."
    places = places_of(doc_of(text))
    assert place_named(places, "U.S.", text)["country"] == "USA"
    assert place_named(places, "Ky.", text)["name"] == "Kentucky"
    assert place_named(places, "B.C.", text)["name"] == "British Columbia"
    assert place_named(places, "Louisville", text)["admin1"] == "Kentucky"


def test_alternate_and_transliterated_names():
    gazetteer = load_gazetteer()
    for spelling in ("Halab", "Aleppo"):
        assert any(c.place.geonames_id == 170063 for c in gazetteer.candidates(spelling))
    assert any(c.place.name == "Geneva" for c in gazetteer.candidates("Genf"))
    raqqa = {
        c.place.country
        for name in ("Raqqa", "Raqqah", "ar-Raqqah")
        for c in gazetteer.candidates(name)
    }
    assert raqqa == {"SY"}


def test_name_keys_fold_spelling():
    assert name_key("Deir ez-Zor") == "deir ez zor"
    assert name_key("U.S.") == "u s"
    assert name_key("St. Louis") == name_key("Saint Louis")
    assert list(key_variants("ar raqqa")) == ["ar raqqah", "raqqa", "raqqah"]


def test_build_gazetteer_writes_a_readable_index(tmp_path):
    path = build_gazetteer(tmp_path / "gazetteer.sqlite")
    gazetteer = Gazetteer(path)
    mosul = [c.place for c in gazetteer.candidates("Mosul")]
    assert mosul and mosul[0].country3 == "IRQ"
    assert gazetteer.by_geonames_id(170063).name == "Aleppo"


def test_gold_readers_and_scorer(gold_data: Path, places_nlp):
    gwn = read_gwn(gold_data / "geoparsing" / "GWN.xml", limit=3)
    lgl = read_lgl(gold_data / "geoparsing" / "lgl.xml", limit=3)
    assert lgl[0].outlet == "thetowntalk.com"  # the outlet's lexicon groups its articles
    for article in gwn + lgl:
        assert article.toponyms
        for toponym in article.toponyms:
            assert article.text[toponym.start : toponym.end].strip()
    metrics = score_geoparsing(lgl, EvalContext(gold_data, limit=3, _nlp=places_nlp))
    assert metrics["gold_toponyms"] == sum(len(a.toponyms) for a in lgl)
    assert 0.0 < metrics["acc161_found"] <= 1.0 and 0.0 < metrics["toponym_f1"] <= 1.0
    for reading in ("shuffled", "no_lexicon"):
        assert 0.0 < metrics[reading]["acc161_found"] <= 1.0


def test_acronyms_are_not_towns_of_that_name(doc_of):
    text = "Russia vetoed a UN Security Council resolution; the US and the UK objected."
    places = places_of(doc_of(text))
    assert all(place["name"].lower() != "un" for place in places)
    assert place_named(places, "US", text)["country"] == "USA"
    assert place_named(places, "UK", text)["country"] == "GBR"


def test_names_near_one_another_resolve_together(doc_of):
    # Paris, Tennessee is the seat of Henry County, Tennessee: of the many Parises and
    # Henry Counties, the pair that lies together wins over the French capital.
    text = "The Henry County commission met in Paris on Tuesday to discuss the new courthouse."
    places = places_of(doc_of(text))
    paris = place_named(places, "Paris", text)
    county = place_named(places, "Henry County", text)
    assert (paris["country"], paris["admin1"]) == ("USA", "Tennessee")
    assert (county["feature"], county["admin1"]) == ("admin2", "Tennessee")


def test_a_nearby_town_settles_an_ambiguous_one(doc_of):
    text = (
        "Police in Hanover said the man was taken to a hospital in Lebanon. Troopers from "
        "Bethel, Vt. helped."
    )
    hanover = place_named(places_of(doc_of(text)), "Hanover", text)
    assert hanover["admin1"] == "New Hampshire" and near(hanover, 43.70, -72.29)


def test_one_name_keeps_its_reading_across_mislabelled_mentions(doc_of):
    text = (
        "Fargo Mayor Dennis Walaker said the river crested in Fargo on Friday, and Fargo "
        "residents stayed calm."
    )
    fargo = place_named(places_of(doc_of(text)), "Fargo", text)
    assert fargo["admin1"] == "North Dakota"
    assert len(fargo["mentions"]) == text.count("Fargo")


def test_a_surname_is_not_a_place(doc_of):
    text = "Michael Jordan flew home to Chicago. Jordan said he was tired."
    places = places_of(doc_of(text))
    assert [p["name"] for p in places] == ["Chicago"]


def test_qualifier_is_the_division_holding_the_town(doc_of):
    text = "She grew up in Tacoma, Washington before moving east."
    washington = place_named(places_of(doc_of(text)), "Washington", text)
    assert (washington["feature"], washington["admin1"]) == ("admin1", "Washington")


def test_a_list_of_cities_is_no_qualifier(doc_of):
    text = "The prince visited Washington, New York and Boston last week."
    washington = place_named(places_of(doc_of(text)), "Washington", text)
    assert washington["feature"] == "city" and near(washington, 38.90, -77.04)


def test_county_inside_an_organisation_name(doc_of):
    text = (
        "The Polk County Republicans will meet in Des Moines on Thursday, with speakers "
        "from Ames and Ankeny."
    )
    county = place_named(places_of(doc_of(text)), "Polk County", text)
    assert county["mentions"] == [[4, 4 + len("Polk County")]]
    assert (county["feature"], county["admin1"]) == ("admin2", "Iowa")


def test_unknown_street_takes_the_point_of_the_town_named_after_it(doc_of):
    text = (
        "Smith lived on Elm Street in Dallas. Police closed Elm Street near the Texas "
        "capitol for hours; Houston police helped."
    )
    street = place_named(places_of(doc_of(text)), "Elm Street", text)
    assert (street["feature"], street["geonames_id"]) == ("other", None)
    assert street["country"] == "USA" and near(street, 32.78, -96.81)


def test_unknown_building_takes_the_point_of_the_articles_town(doc_of):
    text = (
        "BOSTON (AP) -- Protesters gathered outside Harwell Stadium on Tuesday. "
        "Boston officials said nobody was hurt."
    )
    building = place_named(places_of(doc_of(text)), "Harwell Stadium", text)
    assert building["feature"] == "other" and near(building, 42.36, -71.06)


def test_river_takes_no_town_point(doc_of):
    text = "Boston officials said the Quabbog River flooded farms on Tuesday."
    river = place_named(places_of(doc_of(text)), "Quabbog River", text)
    assert river["lat"] is None and river["country"] == "USA"


def test_no_town_point_from_a_dateline_abroad(doc_of):
    text = (
        "MOSCOW -- Russia said on Monday that rebels in the Qalamoun Hills had fired on "
        "Syrian troops near Homs, Hama and Damascus, and in Aleppo and Idlib in Syria."
    )
    hills = place_named(places_of(doc_of(text)), "Qalamoun Hills", text)
    assert hills["lat"] is None


def test_a_possessor_of_a_farm_is_not_a_town(doc_of):
    text = "The puppies were taken from Wilson's Farm near Fredericton, New Brunswick."
    names = {place["name"] for place in places_of(doc_of(text))}
    assert "Wilson" not in names and "Fredericton" in names


def test_country_split_by_the_tagger_is_joined(doc_of):
    text = "Dominica asked Trinidad and Tobago for help, and officials in Trinidad agreed."
    places = places_of(doc_of(text))
    country = place_named(places, "Trinidad and Tobago", text)
    assert country["country"] == "TTO" and country["feature"] == "country"
    assert place_named(places, "Trinidad agreed", text)["id"] == country["id"]


def test_country_points_follow_geonames(doc_of):
    text = "Officials in New Delhi said India would respond."
    assert near(place_named(places_of(doc_of(text)), "India", text), 22.0, 79.0, km=10)


def test_abbreviations_need_their_period():
    gazetteer = load_gazetteer()
    assert any(c.place.name == "Manitoba" for c in gazetteer.candidates("Man."))
    assert not any(c.place.name == "Manitoba" for c in gazetteer.candidates("Man"))


def test_unknown_venue_takes_the_place_after_it(doc_of):
    text = "The race moved to Donington Park, Leicestershire in April after the storm."
    places = places_of(doc_of(text))
    venue = place_named(places, "Donington Park", text)
    county = place_named(places, "Leicestershire", text)
    assert (county["feature"], county["country"]) == ("admin2", "GBR")
    assert venue["country"] == "GBR" and (venue["lat"], venue["lon"]) == (
        county["lat"],
        county["lon"],
    )


def test_only_a_region_within_one_country_has_its_code(doc_of):
    text = "Storms swept across the Midwest and the Middle East had a heat wave."
    places = places_of(doc_of(text))
    midwest = place_named(places, "Midwest", text)
    assert (midwest["feature"], midwest["country"]) == ("region", "USA")
    assert near(midwest, 41.6, -93.6, 300)  # Iowa, the middle of the Midwestern states
    assert place_named(places, "Middle East", text)["country"] is None


def test_designated_place_of_an_organisation_is_the_state(doc_of):
    text = "Groups must be registered with the State of Ohio before they apply for a grant."
    ohio = place_named(places_of(doc_of(text)), "Ohio", text)
    assert ohio["feature"] == "admin1" and ohio["country"] == "USA"
    assert text[slice(*ohio["mentions"][0])] == "Ohio"


def test_small_town_named_by_its_fire_station(doc_of):
    text = (
        "Firefighters from the Cottonport Fire Station answered the call in Avoyelles "
        "Parish, Louisiana, on Sunday night."
    )
    cottonport = place_named(places_of(doc_of(text)), "Cottonport", text)
    assert cottonport["country"] == "USA" and cottonport["admin1"] == "Louisiana"
    assert near(cottonport, 30.99, -92.05)


def test_named_institution_does_not_make_a_town_of_a_surname(doc_of):
    text = "She studied at the Carnegie Library in Pittsburgh, Pennsylvania, last year."
    names = {place["name"] for place in places_of(doc_of(text))}
    assert "Carnegie" not in names


def test_particle_written_joined_finds_the_parish():
    gazetteer = load_gazetteer()
    parishes = [c.place for c in gazetteer.candidates("DeSoto Parish")]
    assert parishes and all(p.feature == "admin2" and p.admin1 == "Louisiana" for p in parishes)
    assert "de soto parish" in key_variants("desoto parish")
    assert "dekalb county" in key_variants("de kalb county")


def test_township_missing_from_the_gazetteer_stands_on_its_town(doc_of):
    text = (
        "The Oakport Township board met in Clay County, Minnesota, on Tuesday to discuss "
        "flooding along the Red River near Moorhead."
    )
    township = place_named(places_of(doc_of(text)), "Oakport Township", text)
    assert township["country"] == "USA" and township["admin1"] == "Minnesota"


def test_place_of_an_unmentioned_neighbouring_country(doc_of):
    text = (
        "Israel said on Monday it would reopen two crossings, and Egypt opened its border "
        "after rockets were fired from Gaza overnight."
    )
    gaza = place_named(places_of(doc_of(text)), "Gaza", text)
    assert gaza["country"] == "PSE"
    assert near(gaza, 31.5, 34.47)


def test_unknown_name_takes_the_point_of_the_articles_town(doc_of):
    text = (
        "Shelling hit Eastern Ghouta again on Sunday. Residents fled towards Damascus, and "
        "aid convoys waited in Homs. Syria blamed rebels; Turkey urged a ceasefire."
    )
    ghouta = place_named(places_of(doc_of(text)), "Eastern Ghouta", text)
    assert ghouta["country"] == "SYR" and near(ghouta, 33.51, 36.29)  # at Damascus
    assert ghouta["geo_precision"] == 2  # near the article's town, which it is not named in


def test_airport_by_its_own_name(doc_of):
    text = "Flights from Heathrow were cancelled, and passengers slept at Schiphol."
    places = places_of(doc_of(text))
    heathrow = place_named(places, "Heathrow", text)
    assert (heathrow["country"], heathrow["feature"]) == ("GBR", "other")
    assert near(heathrow, 51.47, -0.46)
    assert place_named(places, "Schiphol", text)["country"] == "NLD"


def test_an_airport_named_for_a_rare_surname_keeps_its_name(doc_of):
    text = "Passengers were stranded at O'Hare Airport on Monday."
    airport = place_named(places_of(doc_of(text)), "O'Hare", text)
    assert airport["country"] == "USA" and near(airport, 41.98, -87.90)


def test_person_an_airport_is_named_after_is_no_place(doc_of):
    text = "Indira Gandhi met the ministers, and Indira Gandhi spoke at length."
    assert places_of(doc_of(text)) == []


def test_name_split_by_the_tagger_is_joined(doc_of):
    text = "Migrants waited in Baja California for weeks."
    state = place_named(places_of(doc_of(text)), "Baja California", text)
    assert (state["name"], state["country"], state["feature"]) == (
        "Baja California",
        "MEX",
        "admin1",
    )


def test_a_name_listed_with_states_is_the_state(doc_of):
    text = "Tech firms are leaving western states such as California or Washington."
    washington = place_named(places_of(doc_of(text)), "Washington", text)
    assert washington["feature"] == "admin1" and washington["country"] == "USA"


def test_saints_church_is_no_place(doc_of):
    text = "The band plays in St Patrick’s on Sunday, then in Dublin."
    names = {place["name"] for place in places_of(doc_of(text))}
    assert names == {"Dublin"}


def test_a_saints_basilica_is_no_town_and_a_pope_no_airport(doc_of):
    text = (
        "ROME -- Pope Francis led the Easter Vigil in St. Peter's Basilica. Crowds later "
        "filled St George’s Square."
    )
    places = places_of(doc_of(text))
    basilica = place_named(places, "St. Peter's Basilica", text)
    square = place_named(places, "St George’s Square", text)
    for building in (basilica, square):
        assert building["feature"] == "other" and building["geonames_id"] is None
    assert basilica["country"] == "ITA" and near(basilica, 41.90, 12.45)
    assert place_named(places, "ROME", text)["name"] == "Rome"  # a dateline in capitals
    assert not any("Pope" in place["name"] for place in places)


def test_a_building_stands_in_the_articles_town_whatever_its_peoples_nationality(doc_of):
    text = (
        "Pope Francis baptised two Nigerian migrants in St. Peter's Basilica on Saturday. "
        "The Nigerian men had reached Rome by boat."
    )
    basilica = place_named(places_of(doc_of(text)), "St. Peter's Basilica", text)
    assert basilica["country"] == "ITA" and near(basilica, 41.90, 12.45)


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("ALEPPO -- Rebels fired rockets on Monday.", "Aleppo", "SYR"),  # tagged a verb
        ("GAZA CITY (Reuters) - Israeli jets struck overnight.", "Gaza", "PSE"),
        ("Talks stall\n\nNEW DELHI: The ministry said talks would resume.", "New Delhi", "IND"),
        ("NATO-Russia Council meets\n\nBRUSSELS (Reuters) - Envoys met.", "Brussels", "BEL"),
        ("NEW YORK (Reuters) - Stocks fell on Monday.", "New York City", "USA"),
    ],
)
def test_a_dateline_in_capitals_is_its_town(doc_of, text, name, country):
    first = places_of(doc_of(text))[0]
    assert (first["name"], first["country"], first["feature"]) == (name, country, "city")


@pytest.mark.parametrize(
    "text",
    [
        "UN: 70% of young people oppose violence, a survey found.",
        "UN, EU condemn the attack.",
        "NATO-led forces struck overnight.",
        "HIV-positive mothers get new drugs.",
        "POLL-Euro zone growth slows.",
    ],
)
def test_a_headline_in_capitals_is_no_dateline(doc_of, text):
    assert not any(place["mentions"][0][0] == 0 for place in places_of(doc_of(text)))


def test_a_towns_institution_tagged_a_person_makes_no_surname_of_the_town(doc_of):
    text = (
        "The boil-water notice for Walker County ended Thursday after talks between "
        "Huntsville Fire Chief Maria Lopez and Walker County Judge Henry Oakes. Families in "
        "Huntsville can drink tap water again."
    )
    town = place_named(places_of(doc_of(text)), "Huntsville can", text)
    assert (town["country"], town["admin1"]) == ("USA", "Texas")


def test_a_dateline_lends_no_point_to_a_story_set_elsewhere(doc_of):
    text = (
        "MOSCOW (Reuters) - Syrian guards tortured inmates at Saydnaya Prison, Syrian former "
        "detainees said. Syrian officials denied it."
    )
    prison = place_named(places_of(doc_of(text)), "Saydnaya Prison", text)
    assert (prison["country"], prison["lat"]) == ("SYR", None)


def test_desert_is_a_region_not_a_namesake_town(doc_of):
    text = "Smugglers crossed the Sahara towards Libya."
    sahara = place_named(places_of(doc_of(text)), "Sahara", text)
    assert (sahara["feature"], sahara["geonames_id"]) == ("region", None)
    assert near(sahara, 26.0, 13.0, 1)  # GeoNames' point for the desert, not a town Sahara


def test_an_embassy_is_not_in_the_state_it_represents(doc_of):
    text = "Rockets hit the US Embassy in Baghdad, and the British Embassy Tokyo closed."
    names = {place["name"] for place in places_of(doc_of(text))}
    assert names == {"Baghdad", "Tokyo"}


def test_the_leading_name_wins_over_a_trailing_one_as_long(doc_of):
    text = "He gave to every Los Angeles City politician before the vote."
    names = {place["name"] for place in places_of(doc_of(text))}
    assert names == {"Los Angeles"}


def test_a_town_named_with_its_county_is_the_one_in_it(doc_of):
    text = "Athens police arrested a man on Monday; he was arraigned at the Henderson County Jail."
    places = places_of(doc_of(text))
    town = place_named(places, "Athens", text)
    county = place_named(places, "Henderson County", text)
    assert town["admin1"] == county["admin1"] == "Texas"


def test_a_small_division_does_not_beat_a_big_city_of_its_name(doc_of):
    text = "Portland police said the fire started downtown."
    portland = place_named(places_of(doc_of(text)), "Portland", text)
    assert (portland["country"], portland["admin1"]) == ("USA", "Oregon")


def test_a_name_tagged_a_person_before_its_state_is_a_place(doc_of):
    text = "In Twin Falls, Idaho, a dairy cooperative built a new plant."
    town = place_named(places_of(doc_of(text)), "Twin Falls", text)
    assert (town["feature"], town["admin1"]) == ("city", "Idaho")


def test_a_country_tagged_an_organisation_is_found_at_every_mention(doc_of):
    text = (
        "The fund will support entrepreneurship in Mauritius. It will stimulate growth "
        "across Mauritius."
    )
    mauritius = place_named(places_of(doc_of(text)), "Mauritius", text)
    assert len(mauritius["mentions"]) == 2


def test_other_mentions_of_a_mislabelled_place_are_found_without_punctuation(doc_of):
    text = (
        "In Twin Falls, Idaho, a dairy cooperative built a plant. In Twin Falls, farmers "
        "sell it their milk."
    )
    town = place_named(places_of(doc_of(text)), "Twin Falls", text)
    second = text.index("Twin Falls", 10)
    assert town["mentions"] == [[3, 13], [second, second + len("Twin Falls")]]


#: Three articles of a suburban Columbus weekly; the first names its town without a state.
LOCAL_PAPER = (
    "The Dublin City Council approved the new budget on Monday.",
    "Police in Columbus arrested two men on Tuesday, Franklin County deputies said.",
    "Schools in Hilliard and Worthington will close early on Friday because of the storm.",
)


def test_a_local_papers_town_is_the_one_its_other_articles_surround(places_nlp):
    def dublin(outlet: str | None) -> dict:
        articles = [SourceArticle(text, origin="test", outlet=outlet) for text in LOCAL_PAPER]
        first = next(Extractor(places_nlp).pipe(articles))
        return first.places[0].model_dump()

    alone = dublin(None)
    assert alone["country"] == "IRL"  # the article alone: the capital wins
    local = dublin("Dublin Villager (test)")
    assert (local["country"], local["admin1"]) == ("USA", "Ohio")
    assert near(local, 40.10, -83.11)


def test_a_paper_naming_a_state_in_a_minority_of_its_articles_is_not_local_there(places_nlp):
    others = ("Talks resumed in Berlin on Thursday.", "Flooding closed roads in Nairobi.")
    texts = LOCAL_PAPER + others + ("Markets in Tokyo fell sharply.",)
    articles = [
        SourceArticle(text, origin="test", outlet="National Daily (test)") for text in texts
    ]
    first = next(Extractor(places_nlp).pipe(articles))
    assert first.places[0].country == "IRL"  # Ohio in 2 of its 5 other articles


def test_outlets_are_told_apart_by_name_else_by_url(places_nlp):
    def articles(first_outlet: str | None, url: str | None = None) -> list[SourceArticle]:
        dublin = SourceArticle(LOCAL_PAPER[0], origin="t", outlet=first_outlet, url=url)
        rest = [
            SourceArticle(text, origin="t", url="https://www.dublin-villager.test/news")
            for text in LOCAL_PAPER[1:]
        ]
        return [dublin, *rest]

    def dublin_country(batch: list[SourceArticle]) -> str | None:
        return next(Extractor(places_nlp).pipe(batch)).places[0].country

    assert dublin_country(articles(None, "http://dublin-villager.test/council")) == "USA"
    assert dublin_country(articles("Another Paper (test)")) == "IRL"  # alone in its outlet


def dublin_of_a_local_paper(places_nlp, component: PlacesComponent) -> dict:
    """The first LOCAL_PAPER article's Dublin, its outlet's articles read by `component`."""
    docs = list(annotate(places_nlp, [DocInput(t, None, "dublin villager") for t in LOCAL_PAPER]))
    list(component.pipe(docs))
    return docs[0]._.places[0]


def test_without_the_outlet_lexicon_an_article_is_read_alone(places_nlp):
    with_lexicon = PlacesComponent(load_gazetteer(), outlet_lexicon=True)
    without = PlacesComponent(load_gazetteer(), outlet_lexicon=False)
    assert dublin_of_a_local_paper(places_nlp, with_lexicon)["admin1"] == "Ohio"
    assert dublin_of_a_local_paper(places_nlp, without)["country"] == "IRL"


def test_the_scorer_counts_regions_and_scores_each_reading(places_nlp):
    dublin_ohio = GoldToponym(4, 10, "Dublin", 40.10, -83.11, "US")
    articles = [
        GoldArticle(LOCAL_PAPER[0], None, (dublin_ohio,), outlet="dublin villager"),
        *(GoldArticle(text, None, (), outlet="dublin villager") for text in LOCAL_PAPER[1:]),
        GoldArticle(
            "Storms swept across the Midwest.",
            None,
            (GoldToponym(24, 31, "Midwest", 41.9, -93.1, "US"),),
        ),
    ]
    metrics = score_geoparsing(articles, EvalContext(Path("."), _nlp=places_nlp))
    assert (metrics["found_toponyms"], metrics["acc161_found"]) == (2, 1.0)
    assert metrics["country_acc_found"] == 1.0
    # In one batch, every article of the outlet is counted before any is read again.
    assert metrics["shuffled"]["acc161_found"] == 1.0
    without = metrics["no_lexicon"]
    assert (without["acc161_found"], without["country_acc_found"]) == (0.5, 0.5)


def test_an_outlets_lexicon_counts_other_articles_and_other_names():
    lexicon = OutletLexicon()
    ohio, leinster = ("US", "Ohio"), ("IE", "Leinster")
    lexicon.add("paper", 1, (("dublin", leinster),))
    lexicon.add("paper", 2, (("dublin", leinster), ("columbus", ohio)))
    lexicon.add("paper", 3, (("franklin county", ohio),))
    assert lexicon.share("paper", ohio, "dublin") == pytest.approx(2 / 3)
    # articles placing only Dublin in Leinster are no evidence that Dublin lies there
    assert lexicon.share("paper", leinster, "dublin") == 0.0
    assert lexicon.share("paper", leinster, "cork") == pytest.approx(2 / 3)
    with lexicon.without("paper", (("franklin county", ohio),)):
        assert lexicon.share("paper", ohio, "dublin") == pytest.approx(1 / 2)
    assert lexicon.share("paper", ohio, "dublin") == pytest.approx(2 / 3)
    assert lexicon.share("other paper", ohio, "dublin") == 0.0
    assert lexicon.share(None, ohio, "dublin") == 0.0


def test_an_article_read_again_is_not_its_own_evidence():
    """A batch retried article by article after a component failed reads each again."""
    lexicon = OutletLexicon()
    reading = (("dublin", ("IE", "Leinster")), ("columbus", ("US", "Ohio")))
    lexicon.add("paper", 7, reading)
    lexicon.add("paper", 7, reading)
    with lexicon.without("paper", reading):
        assert not lexicon.knows("paper")


def test_a_long_runs_lexicon_stays_bounded(monkeypatch):
    monkeypatch.setattr(settings, "PLACES_OUTLET_MEMORY", 4)
    monkeypatch.setattr(settings, "PLACES_OUTLET_MAX_OUTLETS", 2)
    lexicon = OutletLexicon()
    ohio = ("US", "Ohio")
    for article, key in enumerate(("columbus", "dublin", "columbus", "hilliard")):
        lexicon.add("paper", article, ((key, ohio),))
    lexicon.age()  # halved: 2 articles, Columbus alone in 1, the rest forgotten
    assert lexicon.share("paper", ohio, "dublin") == 1.0
    assert lexicon.share("paper", ohio, "columbus") == 0.5
    lexicon.add("second paper", 1, (("akron", ohio),))
    lexicon.add("third paper", 1, (("akron", ohio),))
    lexicon.age()
    assert not lexicon.knows("paper") and lexicon.knows("third paper")


def test_an_outlet_is_its_name_else_its_urls_host():
    assert outlet_key(" The London Free Press ") == "the london free press"
    assert outlet_key(None, "https://www.lfpress.ca/news/local") == "lfpress.ca"
    assert outlet_key("", None) is None


@pytest.mark.parametrize(
    ("phrase", "name", "country", "nationality"),
    [
        ("Lebanese", "Republic of Lebanon", "Lebanon", True),
        ("Ohioans", "Ohio", "United States", True),
        ("Iraqi", "Republic of Iraq", "Iraq", True),
        ("Lebanon", "Republic of Lebanon", "Lebanon", False),
        ("Michigan", "Michigan", "United States", False),
        ("U.S.", "United States", "United States", False),
    ],
)
def test_lgl_nationality_words_are_told_from_the_gold_alone(phrase, name, country, nationality):
    tag = ET.fromstring(f"<gaztag><name>{name}</name><country>{country}</country></gaztag>")
    assert is_nationality_word(phrase, tag) is nationality


@pytest.mark.parametrize(
    ("text", "street", "lat", "lon"),
    [
        ("Traffic was stopped on Atlantic Avenue in Brooklyn.", "Atlantic Avenue", 40.65, -73.95),
        ("A fire broke out on Hampton Avenue in St. Louis.", "Hampton Avenue", 38.63, -90.20),
    ],
)
def test_a_street_named_after_a_place_is_where_the_street_is(doc_of, text, street, lat, lon):
    place = place_named(places_of(doc_of(text)), street, text)
    assert (place["name"], place["feature"], place["geo_precision"]) == (street, "other", 1)
    assert near(place, lat, lon)


def test_a_venue_named_after_a_town_does_not_mention_the_town(doc_of):
    text = "Fans filled the Rogers Centre in Toronto."
    assert [place["name"] for place in places_of(doc_of(text))] == ["Toronto"]


# --- issue 19: the classes other geoparsers' test suites probe ------------------------------


@pytest.mark.parametrize(
    ("text", "town", "country", "division"),
    [
        ("Officials in Springfield, MA closed the bridge.", "Springfield", "USA", "Massachusetts"),
        ("The plant in Lancaster, PA laid off workers.", "Lancaster", "USA", "Pennsylvania"),
        ("Storms damaged homes in Hamilton, ON overnight.", "Hamilton", "CAN", "Ontario"),
    ],
)
def test_a_postal_code_after_a_town_is_its_division(doc_of, text, town, country, division):
    places = places_of(doc_of(text))
    assert (
        place_named(places, town, text)["country"],
        place_named(places, town, text)["admin1"],
    ) == (
        country,
        division,
    )
    code = text[text.index(town) + len(town) + 2 :].split()[0]
    assert place_named(places, code, text)["feature"] == "admin1"


def test_a_postal_code_needs_a_namesake_town_in_its_division(places_nlp):
    component = places_nlp.get_pipe("tacitus_places")
    toponyms, _ = component.find(places_nlp("Crowds in Birmingham, AK cheered the team."))
    assert not any(t.postal for t in toponyms)  # no Birmingham in Alaska: "AK" is no state here


def test_a_town_after_near_is_an_event_near_it(doc_of):
    near = "Rebels ambushed a convoy near Kidal, Mali."
    kidal = place_named(places_of(doc_of(near)), "Kidal", near)
    assert (kidal["country"], kidal["geo_precision"]) == ("MLI", 2)
    inside = "Rebels ambushed a convoy in Kidal, Mali."
    assert place_named(places_of(doc_of(inside)), "Kidal", inside)["geo_precision"] == 1


@pytest.mark.parametrize(
    ("text", "names", "feature", "division"),
    [
        ("Fighting spread to Daraa and Quneitra provinces.", ("Daraa", "Quneitra"), "admin1", None),
        (
            "Storms hit Jackson and Madison counties in Mississippi.",
            ("Jackson", "Madison"),
            "admin2",
            "Mississippi",
        ),
    ],
)
def test_names_before_a_plural_division_word_are_each_a_division(
    doc_of, text, names, feature, division
):
    places = places_of(doc_of(text))
    for name in names:
        place = place_named(places, name, text)
        assert place["feature"] == feature
        assert division is None or place["admin1"] == division


def test_fire_departments_are_no_divisions(doc_of):
    text = "Crews from the Dover and Milford departments fought the fire in Delaware."
    assert place_named(places_of(doc_of(text)), "Dover", text)["feature"] == "city"


def test_a_division_spelt_otherwise_or_named_after_its_town(doc_of):
    text = "Air strikes hit Raqqa province, and cholera spread in Hodeidah governorate."
    places = places_of(doc_of(text))
    assert place_named(places, "Raqqa", text)["feature"] == "admin1"
    assert (
        place_named(places, "Hodeidah", text)["feature"],
        place_named(places, "Hodeidah", text)["country"],
    ) == ("admin1", "YEM")


@pytest.mark.parametrize(
    ("text", "name", "country", "feature"),
    [
        ("Clashes erupted in the Iraqi province of Basra.", "Basra", "IRQ", "admin1"),
        ("Residents fled the Venezuelan city of Valencia.", "Valencia", "VEN", "city"),
        ("Rescuers worked all night in the city of Hatay.", "Hatay", "TUR", "city"),
    ],
)
def test_the_words_before_a_name_give_its_kind_and_country(doc_of, text, name, country, feature):
    place = place_named(places_of(doc_of(text)), name, text)
    assert (place["country"], place["feature"]) == (country, feature)


def test_a_division_smaller_than_a_namesake_city_abroad_gives_way(doc_of):
    text = "Shelling in Gaza continued for a third day."
    assert place_named(places_of(doc_of(text)), "Gaza", text)["country"] == "PSE"
    text = "Floods cut roads in Gaza province, in southern Mozambique."
    gaza = place_named(places_of(doc_of(text)), "Gaza", text)
    assert (gaza["country"], gaza["feature"]) == ("MOZ", "admin1")


def test_a_small_place_after_off_or_the_island_of_is_found(doc_of):
    text = "A trawler sank off Lampedusa on Sunday."
    assert place_named(places_of(doc_of(text)), "Lampedusa", text)["country"] == "ITA"


def test_places_absent_from_the_city_file_come_from_countrystatecity():
    found = load_gazetteer().candidates("Lesbos")
    assert any(c.place.country == "GR" and c.place.feature == "locality" for c in found)


def test_a_harbour_is_not_the_town_of_its_first_word(doc_of):
    text = "The fleet left Pearl Harbor at dawn."
    assert all(place["name"] != "Pearl" for place in places_of(doc_of(text)))


def test_a_trip_between_two_towns_starts_from_one_country(doc_of):
    text = "Flights between Portland and Bangor resumed."
    places = places_of(doc_of(text))
    assert {place_named(places, name, text)["admin1"] for name in ("Portland", "Bangor")} == {
        "Maine"
    }
    text = "Ferries sail from Dover to Calais."  # a trip abroad keeps each end's own country
    places = places_of(doc_of(text))
    assert (
        place_named(places, "Dover", text)["country"],
        place_named(places, "Calais", text)["country"],
    ) == ("GBR", "FRA")


def test_a_countrystatecity_place_needs_a_cue_or_its_country_in_the_article(doc_of):
    text = "Hikers crossed the Pyrenees from France into Spain."  # also a shire of Victoria
    assert all(place["country"] != "AUS" for place in places_of(doc_of(text)))


# --- issue 15: classes of wrong readings found on GeoWebNews and LGL (sentences ours) ---------


def test_an_alternate_name_yields_to_a_town_of_the_country_bearing_it_as_its_own(doc_of):
    # Mount Gilead, Ohio was once called Youngstown: named with it, "Youngstown" is still
    # the city, not a second name for the village.
    text = "Mount Gilead officials met in Morrow County on Monday. Later they drove to Youngstown."
    youngstown = place_named(places_of(doc_of(text)), "Youngstown", text)
    assert youngstown["name"] == "Youngstown" and near(youngstown, 41.10, -80.65)


def test_a_town_once_called_like_a_square_is_not_the_square(doc_of):
    text = "They met in Washington Square before the parade."
    assert all(place["name"] != "Franklin Square" for place in places_of(doc_of(text)))


def test_a_street_abbreviation_makes_the_name_a_street(doc_of):
    text = "Police said she lives at 12 Memphis St. in Dallas."
    places = places_of(doc_of(text))
    street = place_named(places, "Memphis St.", text)
    assert street["feature"] == "other" and street["admin1"] == "Texas"
    assert all(place["admin1"] != "Tennessee" for place in places)
    text = "Fans drove from Memphis to St. Louis on Sunday."  # before a name, "St." is a saint
    places = places_of(doc_of(text))
    assert place_named(places, "St. Louis", text)["admin1"] == "Missouri"
    assert place_named(places, "Memphis", text)["admin1"] == "Tennessee"


def test_a_town_office_after_a_name_makes_it_a_town(doc_of):
    text = "The Jordan City Council voted on Tuesday to repave two roads."
    jordan = place_named(places_of(doc_of(text)), "Jordan", text)
    assert jordan["country"] != "JOR" and jordan["feature"] in {"city", "locality"}


def test_a_town_office_after_a_qualifier_belongs_to_the_town_before_it(doc_of):
    text = "Springfield, Illinois Mayor Ann Cole spoke first."
    assert place_named(places_of(doc_of(text)), "Illinois", text)["feature"] == "admin1"


def test_every_name_listed_before_a_plural_division_word_is_that_division(doc_of):
    text = "Flood warnings covered Becker, Clay and Wilkin counties in Minnesota."
    places = places_of(doc_of(text))
    for name in ("Becker", "Clay", "Wilkin"):
        county = place_named(places, name, text)
        assert county["feature"] == "admin2" and county["admin1"] == "Minnesota"


def test_a_name_alone_in_quotation_marks_is_a_title(doc_of):
    text = 'She starred in the musical "Hamilton" last year.'
    assert places_of(doc_of(text)) == []


def test_an_untagged_word_of_a_persons_name_is_no_place(doc_of):
    text = "Lin-Manuel Miranda wrote the show. Miranda tweeted on Thursday that he was fine."
    assert all(place["country"] != "VEN" for place in places_of(doc_of(text)))


def test_the_currency_of_an_article_votes_for_its_country(doc_of):
    from tacitus.nlp.places import currency_countries

    assert currency_countries("It cost $40,000, C$ 12, US$5 and £300; 5$ is no sign.") == {
        "US",
        "CA",
        "GB",
    }
    text = "Dublin residents will pay $40 more a year for trash pickup, the council said."
    assert place_named(places_of(doc_of(text)), "Dublin", text)["country"] == "USA"


def test_a_small_town_abroad_nothing_points_to_is_not_read(doc_of):
    # Yorkshire is no division of the gazetteer; its only namesakes are small US towns.
    text = "The tour of England visits Leeds, York and Sheffield before a final stage in Yorkshire."
    assert all(place["country"] == "GBR" for place in places_of(doc_of(text)))


def test_a_division_named_with_its_word_beats_a_namesake_without_it(places_nlp):
    component = places_nlp.get_pipe("tacitus_places")
    from tacitus.nlp.places import Toponym

    listed = Toponym(0, 12, "Westmoreland", name_key("Westmoreland"), "GPE", division=True)
    listed.division_word = "county"  # "Westmoreland and Fayette counties"
    found = component.candidates(listed)
    assert found and {(c.place.country, c.place.feature) for c in found} == {("US", "admin2")}


def test_a_building_in_a_state_named_after_its_city_lies_in_the_city(places_nlp):
    component = places_nlp.get_pipe("tacitus_places")

    def division(name: str):
        return next(
            c.place for c in load_gazetteer().candidates(name) if c.place.feature == "admin1"
        )

    city = component.namesake_city(division("New York"))
    assert city is not None and near(
        {"lat": city.lat, "lon": city.lon}, 40.71, -74.01
    )  # "a restaurant in New York"
    assert component.namesake_city(division("Ohio")) is None  # "an office in Ohio": no town


# --- "Town (District, Province)" and "Town, Province" ---------------------------------------


@pytest.mark.parametrize(
    ("text", "town", "country"),
    [
        # the tagger calls the whole "Inanda (eThekwini" something else
        (
            "On 3 March 2021, residents protested outside the clinic in Inanda (eThekwini, "
            "KwaZulu-Natal) over water cuts.",
            "Inanda",
            "ZAF",
        ),
        # a district named like its town is the town; the province is a place of its own
        (
            "On 3 March 2021, 30 nurses demonstrated in Uvira (Uvira, Sud-Kivu) to demand "
            "unpaid bonuses.",
            "Uvira",
            "COD",
        ),
    ],
)
def test_a_town_is_placed_in_the_divisions_in_parentheses(doc_of, text, town, country):
    places = places_of(doc_of(text))
    assert place_named(places, town, text)["country"] == country
    province = text[text.index(",", text.index("(")) + 1 : text.index(")")].strip()
    assert place_named(places, province, text)["feature"] in {"admin1", "admin2"}


@pytest.mark.parametrize(
    ("text", "suburb", "city"),
    [
        (
            "On 3 March 2021, residents barricaded roads in Hanover Park (Cape Town, Western "
            "Cape) over housing.",
            "Hanover Park",
            "Cape Town",
        ),
        (
            "On 3 March 2021, residents barricaded roads in Windsor (Johannesburg, Gauteng) "
            "over housing.",
            "Windsor",
            "Johannesburg",
        ),
    ],
)
def test_a_suburb_in_parentheses_divisions_is_no_namesake_abroad(doc_of, text, suburb, city):
    # The gazetteer knows these names only in the United States and Canada: the divisions
    # after them say the place is in South Africa, at the point of its city.
    places = places_of(doc_of(text))
    place = place_named(places, suburb, text)
    assert place["country"] == "ZAF"
    town = place_named(places, city, text)
    assert near(place, town["lat"], town["lon"], km=1.0)


def test_a_town_the_gazetteer_lacks_before_its_province_is_no_namesake_abroad(doc_of):
    text = "On 3 March 2021, in Springfield, Pernambuco, two men were shot."
    places = places_of(doc_of(text))
    assert {place["country"] for place in places} == {"BRA"}


@pytest.mark.parametrize(
    "text",
    [
        "Eliud Kipchoge (Kenya) won the race ahead of Kenenisa Bekele (Ethiopia).",
        "Delegates of the Democratic Republic of the Congo (DRC) met in Kinshasa.",
        "Air strikes hit Aleppo, Idlib and Hama on Monday.",
        "Ms. Haddad moved to Arlington, Nadia Haddad said, when she was nine.",
    ],
)
def test_parentheses_and_commas_that_place_nothing(doc_of, text):
    # A runner and the country he runs for, a name and its acronym, a list of towns, a
    # clause after a town: no place is read as lying in another.
    places = places_of(doc_of(text))
    assert all(place["name"] not in {"Eliud Kipchoge", "Republic of the Congo"} for place in places)
    for name in ("Kenya", "Kinshasa", "Idlib", "Hama", "Arlington"):
        if name in text:
            assert place_named(places, name, text)["feature"] != "other"
    if "Arlington" in text:  # Nadia is also a district of West Bengal
        assert place_named(places, "Arlington", text)["country"] == "USA"


def test_an_agency_in_capitals_is_no_place_spelt_so_among_other_names(doc_of):
    text = "The report was carried by SANA on Sunday, quoting officials in Damascus."
    places = places_of(doc_of(text))
    assert [place["country"] for place in places] == ["SYR"]


@pytest.mark.parametrize(
    ("text", "town", "state"),
    [
        # Pratapgarh is a town of Uttar Pradesh and a bigger one of Rajasthan
        (
            "On 3 March 2021, two groups clashed in Pratapgarh (UP) over a land dispute.",
            "Pratapgarh",
            "Uttar Pradesh",
        ),
        # Aurangabad is a town of Bihar and a city of Maharashtra
        (
            "On 3 March 2021, two groups clashed in Daudnagar, Aurangabad (BR) over a fence.",
            "Aurangabad",
            "Bihar",
        ),
    ],
)
def test_an_indian_state_code_in_parentheses_places_the_town(doc_of, text, town, state):
    places = places_of(doc_of(text))
    assert place_named(places, town, text)["admin1"] == state
    code = text[text.index("(") + 1 : text.index(")")]
    assert place_named(places, code, text)["name"] == state


def test_a_state_code_that_holds_no_namesake_is_no_state(doc_of):
    # "AP" after a dateline is the agency, not Andhra Pradesh.
    text = "WASHINGTON (AP) — The Senate voted on Tuesday to extend the program."
    places = places_of(doc_of(text))
    assert [place["country"] for place in places] == ["USA"]


# --- places: a name after a personal title is a person, not the town it is named after ---


@pytest.mark.parametrize(
    ("text", "person", "place"),
    [
        (
            "In the Lords, the minister was pressed by Lord Mackay to publish the advice.",
            "Mackay",
            None,
        ),
        ("Senator Warren told reporters in Detroit that the plan had failed.", "Warren", "Detroit"),
        ("Dr. Paris, a surgeon at the clinic in Leeds, treated the wounded.", "Paris", "Leeds"),
    ],
)
def test_a_name_after_a_personal_title_is_no_place(doc_of, text, person, place):
    places = places_of(doc_of(text))
    start = text.index(person)
    assert not any(s <= start < e for p in places for s, e in p["mentions"]), places
    if place is not None:
        assert place_named(places, place, text)["name"] == place


def test_a_town_whose_name_begins_with_a_title_word_stays_a_place(doc_of):
    # "Prince", "Bishop" and "General" are left out of the titles: they begin town names.
    text = "Floods cut the road between Prince George and Vancouver on Monday."
    places = places_of(doc_of(text))
    assert place_named(places, "Prince George", text)["country"] == "CAN"


# --- places2: an Arabic article joined to its word ---


@pytest.mark.parametrize(
    ("text", "name", "lat", "lon"),
    [
        ("Jets struck Deir Ezzor on Monday, residents said.", "Deir Ezzor", 35.34, 40.14),
        ("Fighters entered Arraqqa before dawn.", "Arraqqa", 35.95, 39.01),
    ],
)
def test_a_joined_arabic_article_is_spelt_apart(doc_of, text, name, lat, lon):
    place = place_named(places_of(doc_of(text)), name, text)
    assert place["country"] == "SYR" and near(place, lat, lon)


# --- places2: a province after a district picks the namesake inside it ---


def test_a_municipality_is_the_town_of_its_name_in_the_province_named(doc_of):
    # GeoNames lists a municipality of that name only in another state; the seat town
    # of the named state is the place.
    text = "Police found two bodies in Cuauhtemoc municipality, Chihuahua, on Sunday."
    place = place_named(places_of(doc_of(text)), "Cuauhtemoc", text)
    assert place["admin1"] == "Chihuahua" and near(place, 28.41, -106.87)


def test_a_parenthesised_district_has_no_namesake_outside_its_province(doc_of):
    text = "Gunmen attacked a checkpoint in Al Hamra (Tuban, Lahij) on Monday."
    places = places_of(doc_of(text))
    assert {place["country"] for place in places} == {"YEM"}, places
