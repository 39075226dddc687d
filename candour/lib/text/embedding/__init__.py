"""A static sentence-embedding model (distilled from all-MiniLM-L6-v2), numpy only.

    >>> from candour.lib.text.embedding.embedder import default_embedder
    >>> default_embedder().embed(["Child missing overnight"]).shape
    (1, 256)

No Django, no database, no torch, no network: the model ships in `data/` (distilled by
`data/build_model.py`). Report boilerplate and token weights learned from a corpus are in
`boilerplate.py` and `weights.py`.
"""
