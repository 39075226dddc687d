"""The DfE's published children's social care statistics, read into normalised observations.

Suppression codes (c, x, z, u, low ...) become ``None``, never zero. Pure Python: the
management command that stores them is a thin caller.
"""

from candour.lib.dfe.catalogue import DATASETS, Dataset, dataset_for
from candour.lib.dfe.loader import DfeFormatError, Progress, read_dataset, read_directory
from candour.lib.dfe.neighbours import NeighbourSet, read_statistical_neighbours
from candour.lib.dfe.records import Area, GeographicLevel, Observation
from candour.lib.dfe.values import SUPPRESSION_CODES, parse_value

__all__ = [
    "DATASETS",
    "SUPPRESSION_CODES",
    "Area",
    "Dataset",
    "DfeFormatError",
    "GeographicLevel",
    "NeighbourSet",
    "Observation",
    "Progress",
    "dataset_for",
    "parse_value",
    "read_dataset",
    "read_directory",
    "read_statistical_neighbours",
]
