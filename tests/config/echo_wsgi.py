"""A WSGI app that answers with what the server put in its environ, to test gunicorn.conf.py."""

import json


def application(environ, start_response):
    seen = {
        key: value
        for key, value in environ.items()
        if key in {"SCRIPT_NAME", "PATH_INFO", "wsgi.url_scheme"} or key.startswith("HTTP_")
    }
    body = json.dumps(seen).encode()
    start_response("200 OK", [("Content-Type", "application/json")])
    return [body]
