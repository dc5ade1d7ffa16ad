"""`make bench`: quality, ingestion, latency, chat under load and frontend weight, each paired
with a baseline measured in the same run (see bench/README.md)."""
