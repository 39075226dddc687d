"""The DfE files are read once per session: they are published data, never edited."""

import pytest

from candour.config.shared_data import shared_data_dir
from candour.lib.dfe import read_directory

DFE_DIR = shared_data_dir() / "dfe"


@pytest.fixture(scope="session")
def dfe_dir():
    if not DFE_DIR.is_dir():
        pytest.fail(f"the shared DfE data is not at {DFE_DIR}: set CANDOUR_SHARED_DATA")
    return DFE_DIR


@pytest.fixture(scope="session")
def observations(dfe_dir):
    return list(read_directory(dfe_dir))


@pytest.fixture(scope="session")
def lookup(observations):
    """(dataset, time period, area code, measure) -> observation."""
    return {(o.dataset, o.time_period, o.area.code, o.measure): o for o in observations}
