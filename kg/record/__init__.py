"""Letters as the official record: dossiers, Council meetings and cited papers.

Parliament knows a letter by its official identifier (``kst-32317-975``: dossier
32 317, number 975; see :mod:`kg.identifiers`), files it in a dossier, and
prepares and reports on each Council meeting in letters of their own. This
package holds those rules, which ingestion, recognition and the graph share:

- :mod:`kg.record.official`: a letter's identifier, dossier and kind from its metadata;
- :mod:`kg.record.dossiers`: dossiers and the Council configuration each follows;
- :mod:`kg.record.sessions`: one node per Council meeting, whichever day a text names;
- :mod:`kg.record.citations`: the papers a letter cites, by their identifiers.

That the same letter in two files is one document is the graph's business
(:mod:`kg.graph.same_letter`); a meeting's agenda position beside its outcome
is an answer (:mod:`kg.answers.positions`).
"""
