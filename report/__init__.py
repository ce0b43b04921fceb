"""Annual statutory complaints reports: data files in, figures and text out.

The layers, each a module that can be read and tested alone:

- ``fields``: the names of schema version 1 and what each means;
- ``model``: typed, immutable objects for one reporting year;
- ``load``: YAML files -> model, with every problem reported by file and line;
- ``stats``: exact statistics and changes from the previous year;
- ``fmt``: half-up rounding and house-style numbers, per cents and years;
- ``text``: the generated summary in running text;
- ``present``: a year's report as one object, for pages and downloads alike;
- ``html``: that object rendered as accessible HTML fragments;
- ``downloads``: the JSON and CSV files;
- ``build``: one MkDocs version per reporting year.
"""
