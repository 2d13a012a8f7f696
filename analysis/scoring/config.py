"""The one object holding every weight and choice of the scores."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Mapping

import yaml

from analysis.schema import SOURCE_TYPES

DEFAULT_WEIGHTS_PATH = Path(__file__).with_name("default_weights.yaml")

#: The classes of the IMI-style classification.
IMI_CLASSES = ("identified", "dubious", "anonymous")
#: Admiralty reliability grades; F means "cannot be judged".
ADMIRALTY_GRADES = ("A", "B", "C", "D", "E", "F")


@dataclass(frozen=True)
class ScoringConfig:
    """Weights and choices of the scores; load them with :meth:`from_yaml`.

    Attributes:
        type_transparency: how checkable each source type is, in [0, 1].
        relay_penalty: share of transparency lost per relaying medium.
        weights: blend of ``source_transparency``, ``source_count`` and
            ``source_diversity``; adds up to 1.
        source_count_cap: distinct sources at which the count part is full.
        imi_classes: source type -> ``identified``, ``dubious`` or ``anonymous``.
        imi_dubious_heads: head nouns that make a source ``dubious`` ("experts").
        material_share: share of an article's attributions from which one
            anonymous source is "materially cited".
        grade_values: Admiralty grade -> reliability in [0, 1] (F absent: unrated).
        relayed_takes_relay_rating: a relayed source without its own rating
            takes the relaying medium's.
        ratings_path: a ``domain,pc1`` CSV of domain ratings; ``None`` for the
            shipped table (``data/sources/domain-ratings.csv``).
        grades_path: a ``name,grade`` CSV of the user's Admiralty grades, or ``None``.

    >>> ScoringConfig.from_yaml().type_transparency["anonymous"]
    0.0
    >>> ScoringConfig.from_yaml().imi_classes["unnamed_official"]
    'dubious'
    """

    type_transparency: Mapping[str, float] = field(default_factory=dict)
    relay_penalty: float = 0.25
    weights: Mapping[str, float] = field(default_factory=dict)
    source_count_cap: int = 5
    imi_classes: Mapping[str, str] = field(default_factory=dict)
    imi_dubious_heads: frozenset[str] = frozenset()
    material_share: float = 0.5
    grade_values: Mapping[str, float] = field(default_factory=dict)
    relayed_takes_relay_rating: bool = True
    ratings_path: Path | None = None
    grades_path: Path | None = None

    @classmethod
    def from_yaml(cls, path: Path | str = DEFAULT_WEIGHTS_PATH) -> "ScoringConfig":
        """Read and check a weights file.

        Keys missing from the file take the shipped defaults, except
        ``type_transparency`` and ``weights``, which must be complete.

        Raises:
            ValueError: if the file is not YAML (or holds an unsafe tag), a
                source type is missing, a value is out of [0, 1], a blend
                weight is negative or they do not add up to 1, or an IMI class or grade
                is unknown; the message names the file and the key.
        """
        name = Path(path).name
        with Path(path).open(encoding="utf-8") as fh:
            try:
                raw = yaml.safe_load(fh) or {}
            except yaml.YAMLError as err:
                # An unsafe tag (!!python/object) or broken YAML: one line naming the file.
                raise ValueError(f"{name}: not a weights file ({' '.join(str(err).split())})") from None
        if not isinstance(raw, dict):
            raise ValueError(f"{name}: a weights file is a mapping of keys, found a {type(raw).__name__}")
        defaults: dict = {}
        if Path(path).resolve() != DEFAULT_WEIGHTS_PATH.resolve():
            with DEFAULT_WEIGHTS_PATH.open(encoding="utf-8") as fh:
                defaults = yaml.safe_load(fh) or {}

        def get(key: str, fallback: object = None) -> object:
            return raw[key] if key in raw else defaults.get(key, fallback)

        types = {str(k): float(v) for k, v in (raw.get("type_transparency") or {}).items()}
        missing = [t for t in SOURCE_TYPES if t not in types]
        if missing:
            raise ValueError(f"{name}: type_transparency lacks {missing}")
        bad = {k: v for k, v in types.items() if not 0 <= v <= 1}
        if bad:
            raise ValueError(f"{name}: type_transparency values must lie in [0, 1]: {bad}")
        weights = {str(k): float(v) for k, v in (raw.get("weights") or {}).items()}
        expected = {"source_transparency", "source_count", "source_diversity"}
        if set(weights) != expected or abs(sum(weights.values()) - 1) > 1e-9:
            raise ValueError(f"{name}: weights must be {sorted(expected)} adding up to 1, got {weights}")
        negative = {k: v for k, v in weights.items() if not v >= 0}
        if negative:
            # Negative weights that still add up to 1 would push scores outside 0-100.
            raise ValueError(f"{name}: weights must not be negative: {negative}")
        penalty = float(raw.get("relay_penalty", 0.25))
        if not 0 <= penalty <= 1:
            raise ValueError(f"{name}: relay_penalty must lie in [0, 1], got {penalty}")
        cap = int(raw.get("source_count_cap", 5))
        if cap < 1:
            raise ValueError(f"{name}: source_count_cap must be at least 1, got {cap}")
        imi = {str(k): str(v) for k, v in (get("imi_classes") or {}).items()}
        missing = [t for t in SOURCE_TYPES if t not in imi]
        if missing:
            raise ValueError(f"{name}: imi_classes lacks {missing}")
        bad_imi = {k: v for k, v in imi.items() if v not in IMI_CLASSES}
        if bad_imi:
            raise ValueError(f"{name}: imi_classes values must be one of {IMI_CLASSES}: {bad_imi}")
        heads = frozenset(str(h).lower() for h in (get("imi_dubious_heads") or []))
        material = float(get("material_share", 0.5))
        if not 0 < material <= 1:
            raise ValueError(f"{name}: material_share must lie in (0, 1], got {material}")
        grades = {str(k).upper(): float(v) for k, v in (get("grade_values") or {}).items()}
        bad_grades = {k: v for k, v in grades.items() if k not in ADMIRALTY_GRADES or not 0 <= v <= 1}
        if bad_grades:
            raise ValueError(f"{name}: grade_values must map grades {ADMIRALTY_GRADES} to [0, 1]: {bad_grades}")
        relay_rating = bool(get("relayed_takes_relay_rating", True))
        return cls(dict(types), penalty, dict(weights), cap, dict(imi), heads,
                   material, dict(grades), relay_rating)

    def with_sources(self, *, ratings: Path | str | None = None, grades: Path | str | None = None) -> "ScoringConfig":
        """A copy that reads domain ratings and/or Admiralty grades from the given CSVs.

        >>> ScoringConfig.from_yaml().with_sources(grades="my-grades.csv").grades_path.name
        'my-grades.csv'
        """
        return dataclasses.replace(
            self,
            ratings_path=Path(ratings) if ratings is not None else self.ratings_path,
            grades_path=Path(grades) if grades is not None else self.grades_path,
        )


@lru_cache(maxsize=1)
def default_config() -> ScoringConfig:
    """The shipped weights, read once per process (a :class:`ScoringConfig` is immutable).

    >>> default_config() is default_config()
    True
    """
    return ScoringConfig.from_yaml()
