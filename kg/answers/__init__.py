"""Answers without SPARQL: ``kg report``, ``kg matrix`` and ``kg alignment``.

- :mod:`kg.answers.stances`: the stances of the graph as plain rows;
- :mod:`kg.answers.report` (with :mod:`kg.answers.report_model`,
  :mod:`kg.answers.report_html`, :mod:`kg.answers.timeline`,
  :mod:`kg.answers.before_after` and :mod:`kg.answers.positions`): what an
  entity supported and opposed, and who took which stance on it;
- :mod:`kg.answers.matrix` (:mod:`kg.answers.matrix_render`): holders by targets;
- :mod:`kg.answers.alignment`: who sides with whom;
- :mod:`kg.answers.tables` and :mod:`kg.answers.html`: the shared table and page forms;
- :mod:`kg.answers.sample`: a small graph for examples and tests.
"""
