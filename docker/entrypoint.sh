#!/bin/sh
# Container entry point: makes sure an APP_KEY exists, then runs the given command
# (default `node --max-semi-space-size=4 bin/server.js`; `node --max-semi-space-size=1 --optimize-for-size ace.js queue:work` for the worker).
#
# APP_KEY comes from the environment (.env through compose's env_file). When it is empty, a key
# is generated once into the key file (APP_KEY_FILE, default $DATA_DIR/.app_key) on the data
# volume. The app reads that file itself whenever APP_KEY is unset, so every container sharing
# the volume (migrate, web, worker) and every `docker compose exec web node ace …` uses the same
# key, with or without this entry point. Back the file up: it encrypts the stored network tokens.
set -eu

if [ -z "${APP_KEY:-}" ]; then
  key_file="${APP_KEY_FILE:-${DATA_DIR:-/data}/.app_key}"
  if [ ! -s "$key_file" ]; then
    umask 077
    node -e 'process.stdout.write(require("node:crypto").randomBytes(32).toString("base64url"))' > "$key_file.tmp.$$"
    # First writer wins when several containers start at once.
    if ln "$key_file.tmp.$$" "$key_file" 2>/dev/null; then
      echo "entrypoint: generated APP_KEY in $key_file (back it up; set APP_KEY in .env to manage it yourself)" >&2
    fi
    rm -f "$key_file.tmp.$$"
  fi
fi

exec "$@"
