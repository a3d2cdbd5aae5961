#!/bin/sh
# The postgres service's entry point (compose.yml): gives this install its own database password,
# then runs the image's entry point unchanged.
#
# PG_PASSWORD set in .env: used as is (nothing is written). Unset: a random password is generated
# on the first start into the secrets volume (PG_PASSWORD_FILE, /secrets/pg_password) and reused
# on every later start; the app containers mount that volume read-only and read the file
# themselves (PG_PASSWORD_FILE), `docker compose exec web node ace …` and `run` included.
# Show it with `docker compose exec postgres cat /secrets/pg_password`.
set -eu

file="${PG_PASSWORD_FILE:-/secrets/pg_password}"
pgdata="${PGDATA:-/var/lib/postgresql/data}"

if [ -z "${POSTGRES_PASSWORD:-}" ]; then
  if [ ! -s "$file" ]; then
    umask 077
    if [ -s "$pgdata/PG_VERSION" ]; then
      # A database created before passwords were generated, with the former default: keep it
      # working (upgrades lose nothing) and say how to change it.
      printf '%s' pistache >"$file.tmp"
      echo "postgres-entrypoint: this database was created with the former default password; set PG_PASSWORD in .env and ALTER USER to change it" >&2
    else
      # 40 letters and digits (~238 bits): nothing a URL or a shell would need to escape.
      LC_ALL=C tr -dc 'A-Za-z0-9' </dev/urandom | head -c 40 >"$file.tmp"
      echo "postgres-entrypoint: generated the database password into $file" >&2
    fi
    # Readable by the app's user (node, uid 1000) in the app containers, nobody else.
    chown 1000:1000 "$file.tmp"
    mv "$file.tmp" "$file"
  fi
  POSTGRES_PASSWORD="$(cat "$file")"
  export POSTGRES_PASSWORD
fi

# docker-entrypoint.sh: the official postgres image's; pg-entrypoint: the stand-in image these
# project's test machines build (../shared/docker-standins), which has the same behaviour.
for entry in docker-entrypoint.sh pg-entrypoint; do
  if command -v "$entry" >/dev/null 2>&1; then exec "$entry" "$@"; fi
done
echo "postgres-entrypoint: no entry point of the postgres image found" >&2
exit 1
