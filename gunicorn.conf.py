"""gunicorn settings for production; every value can be overridden by environment variables."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so that a slow leak can never take a server down.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
access_log_format = (
    '{"remote": "%(h)s", "request": "%(r)s", "status": %(s)s, "bytes": "%(b)s", '
    '"duration_ms": %(M)s, "user_agent": "%(a)s"}'
)
# The TLS proxy in front sets X-Forwarded-Proto; trust it only from the proxy's address.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# The service is never mounted under a path prefix, so not even the proxy may set SCRIPT_NAME or
# PATH_INFO by header (gunicorn would otherwise take them from FORWARDED_ALLOW_IPS). Header names
# with underscores are dropped, so `X_Forwarded_Proto` can never pose as `X-Forwarded-Proto`.
forwarder_headers = ""
header_map = "drop"
wsgi_app = "config.wsgi:application"
