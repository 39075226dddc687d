"""Text models: embedding, vector search, the code classifier, clustering; numpy only."""
