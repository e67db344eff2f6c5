"""`python -m storyline.faces.cli`: the `storyline` command."""

from .commands import main

main()
