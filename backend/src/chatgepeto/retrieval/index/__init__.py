"""Search over the stored chunks: a lexical (BM25) and a vector index per database."""
