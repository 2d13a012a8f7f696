"""Every path the project uses, in one place.

Notebooks, the CLI and the tests take their paths from here, so none of them
writes ``'../data/...'``.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJ_ROOT = Path(__file__).resolve().parents[1]

DATA_DIR = PROJ_ROOT / "data"
RAW_DATA_DIR = DATA_DIR / "raw"
INTERIM_DATA_DIR = DATA_DIR / "interim"
PROCESSED_DATA_DIR = DATA_DIR / "processed"
SAMPLE_DIR = DATA_DIR / "sample"
SAMPLE_GOLD_DIR = SAMPLE_DIR / "gold"
EXAMPLE_ARTICLE = SAMPLE_DIR / "unn-2024-05-05-cairo-talks.txt"
EXAMPLE_EXPECTED = SAMPLE_GOLD_DIR / "unn-2024-05-05-cairo-talks.expected.json"
SYNTHETIC_GOLD = SAMPLE_GOLD_DIR / "synthetic-gold.csv"

SOURCES_DIR = DATA_DIR / "sources"
REGISTRY_PATH = SOURCES_DIR / "registry.csv"
LEXICON_DIR = DATA_DIR / "lexicons"
# One folder of extraction resources per language other than English (data/languages/README.md).
LANGUAGES_DIR = DATA_DIR / "languages"
LABELS_DIR = DATA_DIR / "labels"
FIRST_NAMES_PATH = DATA_DIR / "names" / "first-names.csv"

MODELS_DIR = PROJ_ROOT / "models"
REPORTS_DIR = PROJ_ROOT / "reports"
FIGURES_DIR = REPORTS_DIR / "figures"
CONFIG_DIR = PROJ_ROOT / "config"
SCORING_CONFIG = CONFIG_DIR / "scoring.yaml"

# The datasets that tests and benchmarks may read; they sit beside the
# project (``../shared``) and are never copied into it.
SHARED_DIR = Path(os.environ.get("SOURCESCOPE_SHARED", PROJ_ROOT.parent / "shared"))
POLNEAR_DIR = SHARED_DIR / "polnear"
FAKES_CSV = SHARED_DIR / "fa-kes" / "FA-KES-Dataset.csv"
DOMAIN_RATINGS_CSV = SHARED_DIR / "domain-quality-ratings" / "domain_pc1.csv"
# pc1 of the registry's domains, derived from the table above (data/sources/README.md).
SHIPPED_RATINGS_CSV = SOURCES_DIR / "domain-ratings.csv"
SHARED_EXAMPLES_DIR = SHARED_DIR / "examples"
# Annotated attributions beyond English: uk, ru, fr, nl dev sets and German Wikinews.
GOLD_DIR = SHARED_DIR / "gold"

# Column mapping for FA-KES, the Syrian-war corpus used in notebooks.
FAKES_COLUMNS = {
    "text": "article_content",
    "outlet": "source",
    "published": "date",
    "title": "article_title",
    "article_id": "unit_id",
}
