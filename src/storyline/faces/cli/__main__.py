"""`python -m storyline.faces.cli`: the `storyline` command."""

from .main import main

main()
