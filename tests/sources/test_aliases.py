"""The alias table: shipped forms, a researcher's overrides, and clear errors."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.sources.aliases import load_aliases, read_alias_table


@pytest.mark.parametrize(
    "form, expected",
    [
        ("the United States", "state:us"), ("U.S.", "state:us"), ("Washington", "state:us"),
        ("Damascus", "state:sy"), ("the Syrian government", "state:sy"),
        ("Pentagon", "ministry:us-defence"), ("Syrian Health Ministry", "ministry:sy-health"),
        ("Ministry of Foreign Affairs of Russia", "ministry:ru-foreign-affairs"),
        ("Turkish military", "forces:tr"), ("IDF", "forces:il"), ("Israeli army", "forces:il"),
        ("ISIS", "org:islamic-state"), ("White Helmets", "org:white-helmets"), ("UN", "body:un"),
    ],
)
def test_shipped_forms(form, expected):
    assert load_aliases().lookup(form).id == expected


@pytest.mark.parametrize("form", ["us", "is", "Observatory", "the ministry", ""])
def test_ordinary_words_are_no_alias(form):
    assert load_aliases().lookup(form) is None


def test_every_shipped_entry_has_a_known_kind_and_type():
    table = read_alias_table()
    assert table["id"].is_unique and table["name"].is_unique
    assert set(table["type"]) == {"named_organization"}
    assert set(table["kind"]) <= {"state", "international_body", "armed_forces", "ministry", "organization",
                                  "armed_group", "government_office", "company"}


def test_a_researchers_table_wins(tmp_path):
    path = tmp_path / "mine.csv"
    pd.DataFrame({"name": ["Rami Abdel Rahman", "Syrian Observatory"], "aliases": ["Abdel Rahman|Rahman", "SOHR"],
                  "type": ["named_person", ""]}).to_csv(path, index=False)
    table = load_aliases(path)
    assert table.lookup("Abdel Rahman").name == "Rami Abdel Rahman" and table.lookup("Abdel Rahman").user
    assert table.lookup("SOHR").name == "Syrian Observatory"
    assert table.lookup("Washington").name == "United States"  # the shipped forms remain


@pytest.mark.parametrize(
    "frame, message",
    [
        (pd.DataFrame({"name": ["A"]}), "missing required column"),
        (pd.DataFrame({"name": ["", "B"], "aliases": ["x", "y"]}), "row 2: field 'name' is empty"),
        (pd.DataFrame({"name": ["A"], "aliases": ["x"], "type": ["person"]}), "row 2: field 'type'"),
        (pd.DataFrame({"name": ["A", "B"], "aliases": ["Same", "same"]}), "row 3: field 'aliases' gives 'same'"),
    ],
)
def test_bad_tables_name_the_row_and_field(tmp_path, frame, message):
    path = tmp_path / "bad.csv"
    frame.to_csv(path, index=False)
    with pytest.raises(ValueError, match=message):
        load_aliases(path)


def test_a_missing_table_is_named():
    with pytest.raises(FileNotFoundError, match="nowhere.csv"):
        load_aliases("nowhere.csv")
