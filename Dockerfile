# One image for every role: api (gunicorn), ws (daphne), worker and beat (celery).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=maigie.settings.production

WORKDIR /app
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq5 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 maigie

COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .
# collectstatic only reads settings; the service URLs are never contacted here.
RUN DJANGO_SECRET_KEY=build DJANGO_ALLOWED_HOSTS=build DATABASE_URL=postgres://build@localhost/build \
    REDIS_URL=redis://localhost:6379/0 CORS_ALLOWED_ORIGINS=https://build.invalid \
    python manage.py collectstatic --noinput

USER maigie
EXPOSE 8000
CMD ["gunicorn", "maigie.wsgi:application", "--config", "deploy/gunicorn.conf.py"]
