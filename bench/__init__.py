"""`make bench`: slow measurements on the corpora, outside the shipped package (see run.py)."""
