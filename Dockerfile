# The production image: gunicorn serving Django, static files by WhiteNoise. The same image
# runs the Celery worker and beat (see docker-compose.yml).
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    ENV_FILE=""

WORKDIR /app
# Pango for the PDFs WeasyPrint draws (core/pdf.py), and a font with Arabic letters.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 1000 hub

COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY . .
# Translations and static files are built into the image; collectstatic needs a key to load
# the settings: a random one, used for nothing and forgotten with this step.
RUN pybabel compile --domain django --directory locale \
    && SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
       DATABASE_URL=postgres://build/none python manage.py collectstatic --noinput

USER hub
EXPOSE 8000
# Limits, timeouts and workers (WEB_CONCURRENCY): gunicorn.conf.py.
CMD ["gunicorn", "config.wsgi:application", "--config", "gunicorn.conf.py"]
