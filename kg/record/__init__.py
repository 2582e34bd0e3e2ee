"""Letters as the official record: identifiers, dossiers, one document per letter,
and a meeting's agenda beside its report.

Parliament knows a letter by its official identifier (``kst-32317-975``: dossier
32 317, number 975), files it in a dossier, and prepares and reports on each
Council meeting in letters of their own. This package holds those rules:

- :mod:`kg.record.identifiers`: the forms of official identifiers and their public pages;
- :mod:`kg.record.dossiers`: dossiers and the Council configuration each follows;
- :mod:`kg.record.sessions`: one node per Council meeting, whichever day a text names;
- :mod:`kg.record.same_letter`: the same letter in two files is one document;
- :mod:`kg.record.before_after`: a meeting's agenda position beside its outcome.
"""
