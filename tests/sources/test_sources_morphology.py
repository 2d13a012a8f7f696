"""Tests for analysis.sources.morphology: names in the nominative, lemmas of common words."""

from __future__ import annotations

import pytest

from analysis.sources.morphology import lemma, nominative_name


@pytest.mark.parametrize(
    ("name", "language", "expected"),
    [
        ("Зеленського", "uk", "Зеленський"),
        ("Зеленському", "uk", "Зеленський"),
        ("Зеленським", "uk", "Зеленський"),
        ("Зеленський", "uk", "Зеленський"),
        ("Володимира Зеленського", "uk", "Володимир Зеленський"),
        ("Юлії Тимошенко", "uk", "Юлія Тимошенко"),
        ("Ірини Верещук", "uk", "Ірина Верещук"),
        ("Дмитра Кулеби", "uk", "Дмитро Кулеба"),
        ("Бенджаміна Нетаньягу", "uk", "Бенджамін Нетаньягу"),
        ("Сергея Лаврова", "ru", "Сергей Лавров"),
        ("Марии Захаровой", "ru", "Мария Захарова"),
        ("Дмитрием Песковым", "ru", "Дмитрий Песков"),
        # A surname the dictionary does not know takes the case of the first name.
        ("Олександра Грабара", "uk", "Олександр Грабар"),
        # Names that do not decline, or in a language whose names do not, stay as they are.
        ("Нетаньягу", "uk", "Нетаньягу"),
        ("Olaf Scholz", "de", "Olaf Scholz"),
        ("Emmanuel Macron", "fr", "Emmanuel Macron"),
        ("Reuters", "uk", "Reuters"),
    ],
)
def test_nominative_name(name: str, language: str, expected: str) -> None:
    assert nominative_name(name, language) == expected


@pytest.mark.parametrize(
    ("word", "language", "expected"),
    [
        ("представника", "uk", "представник"),
        ("джерела", "uk", "джерело"),
        ("источники", "ru", "источник"),
        ("Ministeriums", "de", "ministerium"),
        ("ministres", "fr", "ministre"),
        ("woordvoerders", "nl", "woordvoerder"),
        ("officials", "en", "officials"),
    ],
)
def test_lemma(word: str, language: str, expected: str) -> None:
    assert lemma(word, language) == expected
