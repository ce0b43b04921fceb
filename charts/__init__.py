"""Chart specifications: one ``Drawing`` per chart, rows in, ``alt.Chart`` out.

A drawing leaves everything that comes from the rows to named parameters and one
named dataset, so that a build draws each chart once per width and shape and only
puts each figure's values in (see ``charts.theme.Drawing``). No styling here
beyond the encodings: colours, fonts and sizes come from the one theme in
``charts.theme``. Nothing here reads files or renders.
"""

from .bars import complaints_resolved, escalation, ombudsman, outcomes, themes, timeliness
from .theme import PALETTE, THEME
from .trends import formal_complaints_trend, main_rates_trend, ombudsman_upheld_rates, topic_trend, yearly_series

__all__ = [
    "PALETTE", "THEME", "complaints_resolved", "escalation", "ombudsman", "outcomes", "themes", "timeliness",
    "formal_complaints_trend", "main_rates_trend", "ombudsman_upheld_rates", "topic_trend", "yearly_series", "CHARTS",
]

CHARTS = {
    "complaints_resolved": complaints_resolved, "escalation": escalation, "outcomes": outcomes,
    "themes": themes, "timeliness": timeliness, "ombudsman": ombudsman,
    "formal_complaints_trend": formal_complaints_trend, "main_rates_trend": main_rates_trend,
    "topic_trend": topic_trend, "yearly_series": yearly_series, "ombudsman_upheld_rates": ombudsman_upheld_rates,
}
