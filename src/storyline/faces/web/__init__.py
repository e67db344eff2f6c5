"""The web pages, rendered on the server and mounted on the API's app by `mount_web`.

    pages.py    the routes and what each page reads
    text.py     article text as escaped HTML, with entities, dates and quotes marked
    charts.py   the geometry of the SVG charts (drawn by templates/charts.html)
    templates/, static/
"""

from .pages import mount_web

__all__ = ["mount_web"]
