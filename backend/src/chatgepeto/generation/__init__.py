"""Turning retrieved passages into a cited answer, an extractive fallback or an honest refusal."""
