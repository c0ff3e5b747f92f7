"""The self-contained HTML situation report: `tacitus report [filters] --out report.html`.

`data` gathers what it shows from the store, `render` writes it into one HTML file with its
scripts, styles, libraries and basemap inlined, so it opens offline.
"""

from tacitus.report.data import Report, gather_report
from tacitus.report.render import render_report, write_report

__all__ = ["Report", "gather_report", "render_report", "write_report"]
