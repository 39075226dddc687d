"""The DfE's published children's social care statistics, read into normalised observations.

Suppression codes (c, x, z, u, low ...) become ``None``, never zero. Pure Python: the
management command that stores them is a thin caller.
"""

from candour.dfe.catalogue import DATASETS, Dataset, dataset_for
from candour.dfe.loader import DfeFormatError, Progress, read_dataset, read_directory
from candour.dfe.neighbours import NeighbourSet, read_statistical_neighbours
from candour.dfe.records import Area, GeographicLevel, Observation
from candour.dfe.values import SUPPRESSION_CODES, parse_value

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
