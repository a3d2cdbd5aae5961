#!/bin/sh
# Prometheus reads a bearer token from a file, not from the environment: the app's
# METRICS_TOKEN (the same .env value web and worker check) is written where prometheus.yml
# points, readable by this user only.
set -eu
if [ -z "${METRICS_TOKEN:-}" ]; then
  echo "METRICS_TOKEN is not set: web and worker serve no metrics without it (see README, Monitoring)." >&2
  exit 1
fi
umask 077
printf '%s' "$METRICS_TOKEN" > /tmp/metrics_token
exec prometheus \
  --config.file=/etc/prometheus/prometheus.yml \
  --storage.tsdb.path=/prometheus \
  --storage.tsdb.retention.time="${PROMETHEUS_RETENTION:-15d}" \
  --web.listen-address=0.0.0.0:9090 \
  "$@"
