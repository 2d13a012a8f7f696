"""Shared fixtures: sample data, ../shared data sets (skipped when absent), clean figures, fixed seeds."""

from __future__ import annotations

import json
import random

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis import config  # noqa: E402
from analysis.io import read_articles  # noqa: E402

SEED = sum(map(ord, "sourcescope tests"))


@pytest.fixture(autouse=True)
def close_figs():
    """No figure outlives its test."""
    yield
    plt.close("all")


@pytest.fixture(autouse=True)
def fixed_seeds():
    """Every test starts from the same random state."""
    random.seed(SEED)
    np.random.seed(SEED)


@pytest.fixture(scope="session")
def sample_articles() -> pd.DataFrame:
    """The bundled sample: the example article plus the synthetic corpus."""
    return read_articles(config.SAMPLE_DIR)


@pytest.fixture(scope="session")
def synthetic_gold() -> pd.DataFrame:
    """Hand-built gold attributions of the synthetic sample."""
    return pd.read_csv(config.SYNTHETIC_GOLD, dtype={"article_id": str}, keep_default_na=False, na_values=[""])


@pytest.fixture(scope="session")
def example_expected() -> dict:
    """The example article's expected attributions (offsets into the raw file)."""
    return json.loads(config.EXAMPLE_EXPECTED.read_text(encoding="utf-8"))


def require_shared(path) -> None:
    """Skip the calling test when a ../shared data set is absent."""
    if not path.exists():
        pytest.skip(f"{path.name} is not available: the shared data sets sit beside the project (../shared) "
                    "or where SOURCESCOPE_SHARED points")


@pytest.fixture(scope="session")
def fakes_csv():
    """Path of the FA-KES corpus; skips when ../shared is absent."""
    require_shared(config.FAKES_CSV)
    return config.FAKES_CSV


@pytest.fixture(scope="session")
def polnear_dir():
    """Path of PolNeAR; skips when ../shared is absent."""
    require_shared(config.POLNEAR_DIR)
    return config.POLNEAR_DIR


@pytest.fixture(scope="session")
def ggt_dir():
    """Path of the GenderGapTracker dev articles; skips when ../shared is absent."""
    require_shared(config.GGT_DIR)
    return config.GGT_DIR
