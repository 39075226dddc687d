"""An IVF vector index over unit vectors, with its segments, k-means and storage.

Indexes are saved as .npy files and a JSON manifest, or one .npz blob; never pickled.
"""
