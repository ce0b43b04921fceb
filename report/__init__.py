"""Annual complaints reports: data files in, figures and text out.

The layers, lowest first; a module imports only from its own layer and lower
ones (the README's table says the same, and tests/test_structure.py checks both):

- fields: ``problems``, ``procedures``, ``fields``, ``council_fields`` -- problems by file and line; procedures as data; the names of
  the figures and of council-wide files;
- model: ``model`` -- typed, immutable objects for one reporting year;
- load: ``load``, ``series``, ``council`` -- YAML files -> model, every problem by file and line; the report series of a site;
- statistics: ``stats``, ``ombudsman`` -- exact statistics and changes from the previous year;
- house style: ``fmt``, ``settings`` -- half-up rounding, numbers, per cents, years; the settings;
- presentation: ``present``, ``text``, ``compare``, ``council_report``, ``glance``, ``terms`` -- a year's report as one object;
  the summary; "At a glance"; what the terms mean;
- chart views: ``chart_views``, ``timing`` -- each chart's rows, caption and table; time per build phase (make bench);
- output: ``html``, ``svg``, ``downloads``, ``schema`` -- all markup (every text escaped), charts' legends; each chart's
  SVG rendered once; JSON and CSV, JSON Schema;
- protection: ``lock``, ``record``, ``links``, ``commentary``, ``newsite`` -- locked figures, the publication
  record, permanent addresses, commentary, starting afresh;
- glue: ``version``, ``page_svg``, ``mkdocs_hooks`` -- one version's data loaded and computed, for the macros (the ``macros``
  package: one table of every macro, and the file writing); charts and tables' contents kept out of Markdown
  (charts out of search too), then put back;
  settings made safe for the theme;
- versions: ``versions``, ``build`` -- one MkDocs version per reporting year, cached;
- command: ``__main__`` -- ``python -m report``.
"""
