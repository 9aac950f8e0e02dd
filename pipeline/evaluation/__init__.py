"""Evaluation: our figures against human annotations. Every function reads only the files and folders passed to
it (gold sets, annotated pages, development sets); none knows where the tests keep theirs.

- `scoring.py`: the scorers (statements, entity links, statement clusters), the reference scorers' definitions;
- `documents.py`: the cleaning stage (document metadata, boilerplate, HTML body extraction);
- `release.py`: a published release against gold in the format of shared/gold (`newsledger eval`), and its
  predictions exported in the reference scorers' format;
- `devsets.py`: the whole pipeline run on annotated development sets (news pages, invented multi-outlet events).
"""
