"""The case-snippets gold set: GTD incidents coded by GTD's own fields, and our written set."""

from tacitus.codebooks import load_codebooks, read_table
from tacitus.evaluation.case_snippets import capped, gtd_code, written_snippets

BOMBING = {"attacktype1_txt": "Bombing/Explosion", "weaptype1_txt": "Explosives", "suicide": "0"}


def gtd_row(**fields: str) -> dict[str, str]:
    row = {**BOMBING, "weapsubtype1_txt": "Vehicle", "targtype1_txt": "Business"}
    return {**row, **fields}


def test_bombings_by_weapon_and_suicide():
    assert gtd_code(gtd_row()) == "REM_EXPLOS"
    assert gtd_code(gtd_row(weapsubtype1_txt="Grenade")) == "GRENADE"
    assert gtd_code(gtd_row(suicide="1")) == "SUIC_BOMB"


def test_armed_assault_on_armed_targets_is_a_clash():
    assault = {"attacktype1_txt": "Armed Assault", "weaptype1_txt": "Firearms"}
    assert gtd_code(gtd_row(**assault, targtype1_txt="Police")) == "ARMED_CLASH"
    assert gtd_code(gtd_row(**assault, targtype1_txt="Private Citizens & Property")) == "ATTACK"


def test_rows_no_rule_codes_are_left_out():
    assert gtd_code(gtd_row(attacktype1_txt="Hijacking", weaptype1_txt="Unknown")) is None


def test_capped_keeps_order_and_limit():
    pairs = [("A", str(n)) for n in range(100)] + [("B", "x")]
    kept = capped(pairs)
    assert kept[0] == ("A", "0") and ("B", "x") in kept and len(kept) < len(pairs)


def test_written_snippets_cover_every_code_and_are_not_training_examples():
    written = written_snippets()
    assert {code for code, _ in written} == set(load_codebooks().case_codes)
    training = {row["text"] for row in read_table("case_examples.tsv")}
    assert not {text for _, text in written} & training


def test_gtd_snippets_skip_the_classifier_training_fold(tmp_path):
    """The scored GTD incidents are those the classifier never saw (is_gtd_training)."""
    from tacitus.evaluation.case_snippets import GTD_FILE, gtd_snippets
    from tacitus.evaluation.registry import EvalContext
    from tacitus.event_classifier import is_gtd_training

    fields = ["eventid", "country_txt", "summary", *gtd_row()]
    days = [f"201103{day:02d}0001" for day in range(1, 29)]
    lines = [",".join(fields)] + [
        ",".join([eventid, "Iraq", f"A bomb exploded on day {n}.", *gtd_row().values()])
        for n, eventid in enumerate(days)
    ]
    (tmp_path / GTD_FILE).parent.mkdir(parents=True)
    (tmp_path / GTD_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    scored = {text for _, text in gtd_snippets(EvalContext(tmp_path))}
    expected = {
        f"A bomb exploded on day {n}."
        for n, eventid in enumerate(days)
        if not is_gtd_training(eventid, "Iraq")
    }
    assert scored == expected and 0 < len(scored) < len(days)
