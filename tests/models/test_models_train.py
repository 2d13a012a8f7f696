"""Refitting the shipped attribution model: ``python -m analysis.models.train``."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.models import train as train_module
from analysis.models.attribution import AttributionModel, load_model

TEXT = 'The mayor said taxes would rise. "We have no choice," she told reporters. Critics disagreed.\n'


def _ann(*cues: str) -> str:
    lines = []
    for n, cue in enumerate(cues, start=1):
        start = TEXT.index(cue)
        lines.append(f"T{n}\tCue {start} {start + len(cue)}\t{cue}")
        lines.append(f"E{n}\tAttribution:T{n} Cue:T{n}")
    return "\n".join(lines) + "\n"


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "polnear"
    (root / "train" / "text").mkdir(parents=True)
    (root / "train" / "attributions").mkdir()
    (root / "train" / "text" / "pub_2016-01-01_story.txt").write_text(TEXT, encoding="utf-8")
    # Two annotators: the second also marks "disagreed".
    (root / "train" / "attributions" / "pub_2016-01-01_story_aaaa.ann").write_text(_ann("said", "told"), encoding="utf-8")
    (root / "train" / "attributions" / "pub_2016-01-01_story_bbbb.ann").write_text(
        _ann("said", "told", "disagreed"), encoding="utf-8")
    return root


def test_train_fits_on_every_annotators_file_and_saves(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    seen = {}
    real_fit = AttributionModel.fit

    def spy(self, X, y):
        seen["articles"], seen["gold"] = X["article_id"].tolist(), y
        return real_fit(self, X, y)

    monkeypatch.setattr(AttributionModel, "fit", spy)
    out = tmp_path / "models" / "attribution.skops"
    model = train_module.train(corpus, out=out, seed=3)
    assert seen["articles"] == ["pub_2016-01-01_story", "pub_2016-01-01_story#bbbb"]
    assert len(seen["gold"]) == 5
    assert model.random_state == 3
    assert out.is_file() and isinstance(load_model(out), AttributionModel)


def test_main_refuses_without_the_corpus(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(train_module, "POLNEAR_DIR", tmp_path / "absent")
    assert train_module.main(["--out", str(tmp_path / "m.skops")]) == 2
    assert "PolNeAR train is not available" in capsys.readouterr().err
    assert not (tmp_path / "m.skops").exists()
