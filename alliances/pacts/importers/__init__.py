"""What writes data into the database from files: the curated fixtures (curation/: layout,
loader, differ, exporter) and ATOP 5.1 (atop.py, with the codebook's words and the names of
ATOP-only pacts beside it)."""
