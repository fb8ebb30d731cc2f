"""gunicorn's settings for the production image (the Dockerfile's CMD, docker-compose.yml).

gunicorn sets no limit on the size of a request body. Django does: core/edge.py answers 413 to
a Content-Length over UPLOAD_MAX_BYTES plus DATA_UPLOAD_MAX_MEMORY_SIZE (22.5 MB) before reading
any of it, refuses bodies without a length (411), and the upload handler keeps no more of a file
than UPLOAD_MAX_BYTES. The TLS proxy in front should cap bodies as well (nginx:
`client_max_body_size 23m;`) and buffer them, so that a slow client holds a connection of the
proxy, not one of the few gunicorn workers.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))

# The request line (method, path and query string) and each header: at most 8 KB, gunicorn's
# ceiling. The catalogue's longest address, every filter ticked, is under 4 KB.
limit_request_line = 8190
limit_request_field_size = 8190
limit_request_fields = 100

# A sync worker reading a request or running a view for longer than this is restarted: an
# upload at the size limit needs about a minute on a slow line when no proxy buffers it.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
# On a restart or `docker compose stop`, requests under way get this long to finish.
graceful_timeout = 30
keepalive = 5

# Workers are replaced after a number of requests, so no slow leak outlives a day.
max_requests = 2000
max_requests_jitter = 200
# The heartbeat file on tmpfs: a container's disk can stall a worker into a false timeout.
worker_tmp_dir = "/dev/shm"

accesslog = "-"
