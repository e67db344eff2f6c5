"""The faces: how people reach the library. Each is thin over it and adds no findings of its own.

    cli/           the `storyline` command
    api/           the HTTP API (`storyline serve`)
    web/           the web pages, mounted on the API's app
    findings.py    what the CLI and the API both read for a story or an entity
    serialise.py   the JSON forms the CLI's --json and the API share
"""
