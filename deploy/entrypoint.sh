#!/bin/sh
# The image's roles: api | ws | worker | beat | migrate; anything else runs as a command.
# Each role execs its server, so it is the container's main process and receives SIGTERM itself.
set -eu
role="${1:-api}"
[ "$#" -gt 0 ] && shift
export MAIGIE_ROLE="$role"
case "$role" in
  api) exec gunicorn maigie.wsgi:application --config deploy/gunicorn.conf.py "$@" ;;
  ws) exec python -m maigie.wsserver -b 0.0.0.0 -p "${WS_PORT:-8001}" "$@" maigie.asgi:application ;;
  worker) exec celery -A maigie worker -l INFO -n "worker@$(hostname)" "$@" ;;
  beat) exec celery -A maigie beat -l INFO -s /tmp/celerybeat-schedule "$@" ;;
  migrate)
    python manage.py migrate --noinput
    python manage.py setup_schedule
    exec python manage.py setup_roles ;;
  *) exec "$role" "$@" ;;
esac
