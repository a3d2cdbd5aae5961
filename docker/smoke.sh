#!/usr/bin/env bash
# End-to-end check of the Docker path, as an agency's sysadmin would use it:
#   builds the image (and checks that a type error fails the build), renders the compose
#   configuration from a sample .env, checks the headless ffmpeg on real clips, brings the stack
#   up on plain http with COOKIE_SECURE=false from .env and signs up on a non-localhost name,
#   runs admin commands through `docker compose exec`, backs up and restores, scales the worker
#   to 2 and crashes one (restarted by compose, healthy again), switches to the https profile and
#   signs up through Caddy, then stops the whole stack and times it.
# Prints one line per check (PASS/FAIL); exits non-zero when any check fails.
#
#   docker/smoke.sh                         (from anywhere; needs docker with compose ≥ 2.24, curl)
# Settings (environment): SMOKE_IMAGE (pistache-postiz:smoke), SMOKE_HTTP_PORT (3404),
# SMOKE_HTTPS_PORT (8443; Caddy's port 80 on the next one), SMOKE_KEEP=1 leaves the stack and its
# volumes up for inspection, SMOKE_SKIP_BUILD=1 checks an existing image without building.
# It runs in its own compose project (pistache-smoke) from a scratch folder with its own .env:
# the repository's .env and an existing `pistache` install are not touched.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
IMAGE="${SMOKE_IMAGE:-pistache-postiz:smoke}"
HTTP_PORT="${SMOKE_HTTP_PORT:-3404}"
HTTPS_PORT="${SMOKE_HTTPS_PORT:-8443}"
PROJECT=pistache-smoke
MAX_IMAGE_MB=600
PASSWORD='correct horse battery staple'
WORK="$(mktemp -d "${TMPDIR:-/tmp}/pistache-smoke.XXXXXX")"
PROJECT_DIR="$WORK/project"
failures=0
step=0

cleanup() {
  if [ -z "${SMOKE_KEEP:-}" ]; then
    dc down -v --remove-orphans >/dev/null 2>&1
    docker image rm pistache-postiz:smoke-type-error >/dev/null 2>&1
    rm -rf "$WORK"
  else
    echo "kept: project $PROJECT in $PROJECT_DIR"
  fi
}
trap cleanup EXIT

# Compose from the scratch project, with no variable of the caller's shell leaking into the
# ${…} interpolation (only .env counts, as for an operator with a clean shell).
dc() {
  (cd "$PROJECT_DIR" && env -i PATH="$PATH" HOME="${HOME:-/root}" \
    ${DOCKER_HOST:+DOCKER_HOST="$DOCKER_HOST"} ${DOCKER_CONFIG:+DOCKER_CONFIG="$DOCKER_CONFIG"} \
    docker compose -p "$PROJECT" "$@")
}

# check NAME COMMAND… : runs the command, prints PASS/FAIL, and on failure the end of its output.
check() {
  local name="$1"
  shift
  step=$((step + 1))
  local log="$WORK/check-$step.log"
  if "$@" >"$log" 2>&1; then
    echo "PASS $name"
  else
    echo "FAIL $name"
    tail -n 15 "$log" | sed 's/^/     | /'
    failures=$((failures + 1))
  fi
}

# wait_for SECONDS COMMAND… : polls until the command succeeds or the time is up.
wait_for() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 2
  done
}

write_env() { printf '%s\n' "$@" >"$PROJECT_DIR/.env"; }

# JSON checks run with the image's own node: nothing beyond docker and curl on the host.
json_assert() { docker run --rm -i --entrypoint node "$IMAGE" -e "$1"; }

# ---- the image ------------------------------------------------------------------------------
build_image() {
  docker build --network=host -f "$ROOT/docker/Dockerfile" -t "$IMAGE" "$ROOT"
}

image_size_ok() {
  local bytes
  bytes="$(docker image inspect -f '{{.Size}}' "$IMAGE")" || return 1
  echo "image $IMAGE: $((bytes / 1000000)) MB (limit $MAX_IMAGE_MB MB)"
  [ "$((bytes / 1000000))" -le "$MAX_IMAGE_MB" ]
}

# What production does not need is not shipped: compiled tests, plugin test kits and fakes, the
# build tools that npm installs as optional peers, Debian's ffmpeg (with its ~180 libraries).
image_is_lean() {
  docker run --rm --entrypoint sh "$IMAGE" -c '
    fail=0
    for path in tests plugins/*/tests plugins/*/fake node_modules/typescript node_modules/rolldown \
      node_modules/playwright-core node_modules/ts-morph node_modules/vite node_modules/@adonisjs/assembler \
      /usr/lib/x86_64-linux-gnu/libavcodec.so.59 /usr/bin/ffmpeg; do
      for match in $path; do
        if [ -e "$match" ]; then echo "shipped: $match"; fail=1; fi
      done
    done
    libs=$(ldd "$FFMPEG_PATH" | grep -c "=>")
    echo "ffmpeg links $libs libraries"
    [ "$libs" -le 25 ] || fail=1
    exit $fail'
}

# The same sources plus one file with a type error: the build must stop at the type check.
type_error_fails_build() {
  local context="$WORK/type-error-context"
  mkdir -p "$context"
  (cd "$ROOT" && git ls-files -z --cached --others --exclude-standard |
    tar --null --ignore-failed-read -T - -cf - 2>/dev/null) | tar -xf - -C "$context"
  printf "export const notANumber: number = 'a string'\n" >"$context/app/smoke_type_error.ts"
  if docker build --network=host --target build -f "$context/docker/Dockerfile" \
    -t pistache-postiz:smoke-type-error "$context" >"$WORK/type-error-build.log" 2>&1; then
    echo "the build succeeded despite a type error"
    return 1
  fi
  grep -E "smoke_type_error|TS2322" "$WORK/type-error-build.log"
}

# ---- compose configuration (one source of settings) ----------------------------------------
prepare_project() {
  mkdir -p "$PROJECT_DIR/docker"
  cp "$ROOT/compose.yml" "$ROOT/compose.https.yml" "$PROJECT_DIR/"
  cp "$ROOT/docker/Caddyfile" "$ROOT/docker/postgres-entrypoint.sh" "$PROJECT_DIR/docker/"
}

config_plain_reads_env() {
  write_env "PISTACHE_IMAGE=$IMAGE" COOKIE_SECURE=false HOST_PORT=3999 PG_USER=agency \
    PG_PASSWORD=from-dot-env PG_DATABASE=posts APP_URL=http://pistache.lan:3999 MAIL_FROM_NAME=Agency
  dc config --format json | json_assert '
    const c = JSON.parse(require("fs").readFileSync(0, "utf8")), s = c.services, fails = []
    const eq = (what, got, want) => { if (got !== want) fails.push(`${what}: ${got} (want ${want})`) }
    for (const role of ["web", "worker", "migrate"]) {
      const e = s[role].environment
      eq(`${role} COOKIE_SECURE`, e.COOKIE_SECURE, "false")
      eq(`${role} PG_USER`, e.PG_USER, "agency")
      eq(`${role} PG_PASSWORD`, e.PG_PASSWORD, "from-dot-env")
      eq(`${role} PG_DATABASE`, e.PG_DATABASE, "posts")
      eq(`${role} APP_URL`, e.APP_URL, "http://pistache.lan:3999")
      eq(`${role} MAIL_FROM_NAME`, e.MAIL_FROM_NAME, "Agency")
    }
    const pg = s.postgres.environment
    eq("POSTGRES_USER", pg.POSTGRES_USER, "agency")
    eq("POSTGRES_PASSWORD", pg.POSTGRES_PASSWORD, "from-dot-env")
    eq("POSTGRES_DB", pg.POSTGRES_DB, "posts")
    const port = s.web.ports?.[0] ?? {}
    eq("web published port", String(port.published), "3999")
    eq("web host_ip", port.host_ip, "127.0.0.1")
    eq("caddy without the https profile", s.caddy, undefined)
    for (const [name, service] of Object.entries(s)) {
      const log = service.logging ?? {}
      eq(`${name} log driver`, log.driver, "json-file")
      eq(`${name} log max-size`, log.options?.["max-size"], "10m")
      eq(`${name} log max-file`, log.options?.["max-file"], "5")
    }
    console.log(fails.join("\n") || "ok"); process.exit(fails.length ? 1 : 0)'
}

config_https_profile() {
  write_env "PISTACHE_IMAGE=$IMAGE" COMPOSE_FILE=compose.yml:compose.https.yml \
    DOMAIN=posts.example.org ACME_EMAIL=ops@example.org APP_URL=http://stale.example \
    LOG_MAX_SIZE=1m LOG_MAX_FILES=7
  dc config --format json | json_assert '
    const c = JSON.parse(require("fs").readFileSync(0, "utf8")), s = c.services, fails = []
    const eq = (what, got, want) => { if (got !== want) fails.push(`${what}: ${got} (want ${want})`) }
    eq("web published ports", (s.web.ports ?? []).length, 0)
    for (const role of ["web", "worker", "migrate"])
      eq(`${role} APP_URL`, s[role].environment.APP_URL, "https://posts.example.org")
    const proxyIp = s.caddy.networks.proxy.ipv4_address
    eq("web TRUSTED_PROXIES = the proxy", s.web.environment.TRUSTED_PROXIES, proxyIp)
    eq("caddy DOMAIN", s.caddy.environment.DOMAIN, "posts.example.org")
    eq("caddy email option", s.caddy.environment.ACME_EMAIL_OPTION, "email ops@example.org")
    eq("caddy ports", s.caddy.ports.map((p) => `${p.published}/${p.protocol}`).join(","), "80/tcp,443/tcp,443/udp")
    eq("proxy network internal", c.networks.proxy.internal, true)
    eq("caddy log rotation", JSON.stringify(s.caddy.logging), JSON.stringify({ driver: "json-file", options: { "max-file": "7", "max-size": "1m" } }))
    console.log(fails.join("\n") || "ok"); process.exit(fails.length ? 1 : 0)'
}

config_generated_password() {
  # No PG_PASSWORD in .env: no shared default password anywhere; the app reads the file the
  # postgres service generates (docker/postgres-entrypoint.sh).
  write_env "PISTACHE_IMAGE=$IMAGE"
  dc config --format json | json_assert '
    const c = JSON.parse(require("fs").readFileSync(0, "utf8")), s = c.services, fails = []
    const eq = (what, got, want) => { if (got !== want) fails.push(`${what}: ${got} (want ${want})`) }
    for (const role of ["web", "worker", "migrate"]) {
      const e = s[role].environment
      eq(`${role} PG_PASSWORD`, e.PG_PASSWORD, "")
      eq(`${role} PG_PASSWORD_FILE`, e.PG_PASSWORD_FILE, "/secrets/pg_password")
      eq(`${role} secrets volume read-only`, s[role].volumes.some((v) => v.target === "/secrets" && v.read_only), true)
    }
    eq("POSTGRES_PASSWORD", s.postgres.environment.POSTGRES_PASSWORD, "")
    eq("postgres secrets volume", s.postgres.volumes.some((v) => v.target === "/secrets" && !v.read_only), true)
    for (const [name, service] of Object.entries(s))
      for (const [key, value] of Object.entries(service.environment ?? {}))
        if (/PASSWORD$/.test(key) && value === "pistache") fails.push(`${name} ${key} is the former default`)
    console.log(fails.join("\n") || "ok"); process.exit(fails.length ? 1 : 0)'
}

# ---- headless ffmpeg, with the app's own arguments (app/services/media) -----------------------
ffmpeg_handles_uploads() {
  docker run --rm --entrypoint sh -v "$ROOT/docker/smoke:/samples:ro" "$IMAGE" -c '
    set -e
    cd /tmp
    for clip in /samples/sample.mp4 /samples/sample.mov /samples/sample.webm; do
      "$FFPROBE_PATH" -v error -print_format json -show_format -show_streams -- "$clip" > probe.json
      node -e "const p = require(\"/tmp/probe.json\"); if (!p.streams.some((s) => s.codec_type === \"video\")) process.exit(1)"
      ext="${clip##*.}"
      "$FFMPEG_PATH" -nostdin -y -v error -i "$clip" -map 0:v:0 -map "0:a:0?" -c copy -map_metadata -1 "clean.$ext"
      "$FFMPEG_PATH" -nostdin -y -v error -ss 0.5 -i "clean.$ext" -frames:v 1 -f image2 -c:v png poster.png
      "$FFMPEG_PATH" -nostdin -y -v error -i "$clip" -map 0:v:0 -map "0:a:0?" -map_metadata -1 \
        -vf "scale=120:90,pad=160:90:(ow-iw)/2:(oh-ih)/2:black,setsar=1,format=yuv420p" \
        -c:v libx264 -preset veryfast -crf 23 -profile:v high -maxrate 500k -bufsize 1000k \
        -c:a aac -b:a 128k -ac 2 -movflags +faststart -f mp4 out.mp4
      "$FFPROBE_PATH" -v error -show_entries stream=codec_name -of csv=p=0 out.mp4 | sort | tr "\n" " "
      echo "<- $clip"
    done'
}

# ---- sign-up over HTTP(S), the way a browser does it (CSRF cookie + header, session cookie) ----
# The app confirms the address before it creates an account: the form answers "check your
# mailbox", the link lands in the outbox (no SMTP here), and opening it with the password signs in.
# signup BASE_URL EMAIL CURL_ARGS… ; succeeds when the new session then opens the app.
signup() {
  local base="$1" email="$2"
  shift 2
  local jar="$WORK/cookies-$email"
  curl -sS --fail "$@" -c "$jar" -b "$jar" -o /dev/null "$base/signup" || return 1
  local xsrf
  xsrf="$(awk '$6 == "XSRF-TOKEN" { print $7 }' "$jar")"
  [ -n "$xsrf" ] || { echo "no XSRF-TOKEN cookie from GET /signup"; return 1; }
  local posted
  posted="$(curl -sS "$@" -c "$jar" -b "$jar" -o /dev/null -w '%{http_code} %{redirect_url}' \
    -H "X-XSRF-TOKEN: $xsrf" -H 'Content-Type: application/json' \
    --data "{\"fullName\":\"Smoke Test\",\"email\":\"$email\",\"password\":\"$PASSWORD\",\"password_confirmation\":\"$PASSWORD\"}" \
    "$base/signup")"
  echo "POST /signup -> $posted"
  case "$posted" in 30[23]\ *) ;; *) return 1 ;; esac
  local token
  token="$(dc exec -T web sh -c 'grep -l "$0" /data/outbox/* 2>/dev/null | xargs -r grep -hoE "/signup/confirm/[A-Za-z0-9_-]+" | tail -n1' "$email")"
  token="${token##*/}"
  [ -n "$token" ] || { echo "no confirmation link for $email in /data/outbox"; return 1; }
  curl -sS --fail "$@" -c "$jar" -b "$jar" -o /dev/null "$base/signup/confirm/$token" || return 1
  xsrf="$(awk '$6 == "XSRF-TOKEN" { print $7 }' "$jar")"
  local confirmed
  confirmed="$(curl -sS "$@" -c "$jar" -b "$jar" -o /dev/null -w '%{http_code} %{redirect_url}' \
    -H "X-XSRF-TOKEN: $xsrf" -H 'Content-Type: application/json' \
    --data "{\"token\":\"$token\",\"password\":\"$PASSWORD\"}" "$base/signup/confirm")"
  echo "POST /signup/confirm -> $confirmed"
  case "$confirmed" in
    30[23]\ *signup* | 30[23]\ *login*) return 1 ;;
    30[23]\ *) ;;
    *) return 1 ;;
  esac
  local landed
  landed="$(curl -sS "$@" -c "$jar" -b "$jar" -L -o /dev/null -w '%{http_code} %{url_effective}' "$base/")"
  echo "GET / (signed in) -> $landed"
  case "$landed" in
    200\ *login* | 200\ *signup*) return 1 ;;
    200\ *) return 0 ;;
    *) return 1 ;;
  esac
}

health_ok() { curl -sS --fail "$@" >/dev/null; }

# ---- admin commands in the running container ------------------------------------------------
psql_count() {
  dc exec -T postgres sh -c 'psql -U "$POSTGRES_USER" -d "$POSTGRES_DB" -tAc "$0"' \
    "select count(*) from users where email = '$1'"
}

users_create() {
  dc exec -T web node ace users:create --email=admin@smoke.test --name=Admin \
    "--password=$PASSWORD" --workspace='Smoke Agency' &&
    [ "$(psql_count admin@smoke.test)" = 1 ]
}

key_file_shared() {
  # No APP_KEY in .env: the entry point generated the key file, and a fresh `run` container
  # (entry point) and the exec'd commands above (no entry point) both read that one file.
  dc exec -T web sh -c 'test -s "$DATA_DIR/.app_key" && test -z "${APP_KEY:-}"' &&
    dc run --rm --no-deps -T web node ace tokens:revoke --help
}

# psql over TCP (password checked, as the app connects); the local socket trusts anyone.
psql_tcp() {
  dc exec -T -e "PGPASSWORD=$1" postgres psql -h 127.0.0.1 -U agency -d posts -tAc 'select 1'
}

generated_db_password() {
  local password
  password="$(dc exec -T postgres cat /secrets/pg_password)" || return 1
  echo "generated password: ${#password} characters"
  [ "${#password}" -ge 30 ] || return 1
  [ "$(psql_tcp "$password")" = 1 ] || { echo "the generated password is refused"; return 1; }
  if psql_tcp pistache >/dev/null 2>&1; then echo "the former default password is accepted"; return 1; fi
  dc exec -T postgres sha256sum /secrets/pg_password >"$WORK/pg-password.sum" || return 1
  # Every app container reads the file (no password in its environment), `run` containers too.
  local role
  for role in web worker; do
    dc exec -T "$role" sh -c 'test -z "$PG_PASSWORD" && test -r "$PG_PASSWORD_FILE"' ||
      { echo "$role does not read the password file"; return 1; }
  done
  dc run --rm --no-deps -T web node ace users:create --email=run@smoke.test --name=Run \
    "--password=$PASSWORD" --workspace='Run Agency' &&
    [ "$(psql_count run@smoke.test)" = 1 ]
}

db_password_kept() {
  # The postgres container restarted: the same password file, and the app still connects.
  dc restart postgres || return 1
  pg_ready() { dc exec -T postgres pg_isready -q -h 127.0.0.1; }
  wait_for 60 pg_ready || return 1
  local now
  now="$(dc exec -T postgres sha256sum /secrets/pg_password)"
  [ "$now" = "$(cat "$WORK/pg-password.sum")" ] || { echo "the password changed on restart"; return 1; }
  dc exec -T web node ace users:create --email=after-restart@smoke.test --name=Restart \
    "--password=$PASSWORD" --workspace='Restart Agency' &&
    [ "$(psql_count after-restart@smoke.test)" = 1 ]
}

backup_roundtrip() {
  local out archive
  out="$(dc exec -T web node ace backup:create 2>&1)" || { echo "$out"; return 1; }
  echo "$out"
  archive="$(printf '%s\n' "$out" | grep -oE '/[^ ]+\.(tar\.gz|tgz|tar|zip)' | tail -n 1)"
  [ -n "$archive" ] || { echo "no archive path in the output"; return 1; }
  dc exec -T web node ace users:create --email=after-backup@smoke.test --name=After \
    "--password=$PASSWORD" || return 1
  dc exec -T web node ace backup:restore "$archive" --force || return 1
  [ "$(psql_count after-backup@smoke.test)" = 0 ] && [ "$(psql_count admin@smoke.test)" = 1 ]
}

# ---- workers ----------------------------------------------------------------------------------
running_workers() { dc ps --status running -q worker | wc -l; }
healthy_workers() {
  local id count=0
  for id in $(dc ps -q worker); do
    [ "$(docker inspect -f '{{.State.Health.Status}}' "$id")" = healthy ] && count=$((count + 1))
  done
  echo "$count"
}
two_workers_running() { [ "$(running_workers)" -eq 2 ]; }
two_workers_healthy() { [ "$(healthy_workers)" -eq 2 ]; }

# The worker's healthcheck reads the file the worker touches after each heartbeat it writes to
# Redis; `node ace queue:health` (the same answer, from Redis) must agree in each worker.
queue_health_agrees() {
  local id out
  for id in $(dc ps -q worker); do
    out="$(docker exec "$id" node ace queue:health 2>&1)" || { echo "$out"; return 1; }
    echo "$out"
  done
}
workers_healthy() { wait_for 150 two_workers_healthy && queue_health_agrees; }

scale_workers() {
  dc up -d --no-build --no-recreate --scale worker=2 && wait_for 120 two_workers_running
}

crashed_worker_restarts() {
  local victim restarts
  victim="$(dc ps -q worker | tail -n 1)"
  restarts="$(docker inspect -f '{{.RestartCount}}' "$victim")"
  # A crash, not `docker kill` (a manual stop, which no restart policy undoes): every process
  # of the container but its init dies, the init exits, the restart policy brings it back.
  docker exec "$victim" sh -c 'kill -KILL -1' || true
  restarted() {
    [ "$(docker inspect -f '{{.RestartCount}} {{.State.Running}}' "$victim")" = "$((restarts + 1)) true" ]
  }
  wait_for 90 restarted && echo "worker $victim restarted" &&
    workers_healthy && echo "both workers healthy again"
}

wedged_worker_marked() {
  # A worker that stops working (SIGSTOP) but stays "Up": it stops touching its heartbeat file
  # and the healthcheck turns the container unhealthy. The process to stop is the one the file
  # names (the worker writes its pid there; Node names its main thread "MainThread", so no
  # "node" process shows in /proc/*/stat).
  two_workers_healthy || { echo "workers were not healthy to begin with"; return 1; }
  local victim pid
  victim="$(dc ps -q worker | head -n 1)"
  pid="$(docker exec "$victim" cat /tmp/pistache-worker-heartbeat)"
  case "$pid" in '' | *[!0-9]*) echo "no worker pid in the heartbeat file: '$pid'"; return 1 ;; esac
  docker exec "$victim" sh -c 'kill -STOP "$0"' "$pid" || return 1
  unhealthy() { [ "$(docker inspect -f '{{.State.Health.Status}}' "$victim")" = unhealthy ]; }
  local marked=0 started=$SECONDS
  wait_for 200 unhealthy && marked=1
  docker exec "$victim" sh -c 'kill -CONT "$0"' "$pid"
  [ "$marked" = 1 ] && echo "wedged worker $victim (pid $pid) marked unhealthy after $((SECONDS - started)) s"
}

logs_rotated() {
  local id config bad=0
  for id in $(dc ps -aq); do
    config="$(docker inspect -f '{{.Name}} {{.HostConfig.LogConfig.Type}} {{index .HostConfig.LogConfig.Config "max-size"}} {{index .HostConfig.LogConfig.Config "max-file"}}' "$id")"
    echo "$config"
    case "$config" in *" json-file 10m 5") ;; *) bad=1 ;; esac
  done
  [ "$bad" = 0 ]
}

# An upgrade is `docker compose up -d` with a new image: every app container is recreated and
# the migrate service runs again before web and worker. Switching to https recreates them the
# same way (new settings): the data must all be there, and migrate must have run again.
recreated_keeps_data() {
  local migrate
  migrate="$(dc ps -aq migrate)"
  [ -n "$migrate" ] && [ "$migrate" != "$(cat "$WORK/migrate.id")" ] || { echo "migrate was not recreated"; return 1; }
  [ "$(docker inspect -f '{{.State.ExitCode}}' "$migrate")" = 0 ] || return 1
  local email
  for email in lan@smoke.test admin@smoke.test run@smoke.test; do
    [ "$(psql_count "$email")" = 1 ] || { echo "$email is gone"; return 1; }
  done
  echo "migrate ran again ($migrate), the accounts made before are all there"
}

stack_stops_in_30s() {
  local started=$SECONDS
  dc stop || return 1
  echo "stopped in $((SECONDS - started)) s"
  [ $((SECONDS - started)) -le 30 ]
}

https_app_only_on_compose_network() {
  # No published port on web; APP_URL derived from DOMAIN; the proxy's real address trusted.
  local bindings url proxies caddy_ip
  bindings="$(docker inspect -f '{{json .HostConfig.PortBindings}}' "$(dc ps -q web)")"
  caddy_ip="$(docker inspect -f '{{range $name, $net := .NetworkSettings.Networks}}{{if eq $name "'"$PROJECT"'_proxy"}}{{$net.IPAddress}}{{end}}{{end}}' "$(dc ps -q caddy)")"
  url="$(dc exec -T web printenv APP_URL)"
  proxies="$(dc exec -T web printenv TRUSTED_PROXIES)"
  echo "web port bindings: $bindings; APP_URL=$url; TRUSTED_PROXIES=$proxies; caddy at $caddy_ip"
  case "$bindings" in '{}' | null | '') ;; *) return 1 ;; esac
  [ "$url" = "https://localhost:$HTTPS_PORT" ] && [ -n "$caddy_ip" ] && [ "$proxies" = "$caddy_ip" ]
}

caddy_root_ca() { dc cp caddy:/data/caddy/pki/authorities/local/root.crt "$WORK/caddy-root.crt"; }

# ======================================================================================
echo "smoke: image $IMAGE, project $PROJECT, work folder $WORK"
prepare_project

if [ -n "${SMOKE_SKIP_BUILD:-}" ]; then
  echo "SKIP image build and type-error build (SMOKE_SKIP_BUILD: checking the existing $IMAGE)"
else
  check "image builds (codegen, type checks, no --ignore-ts-errors)" build_image
fi
if ! docker image inspect "$IMAGE" >/dev/null 2>&1; then
  echo "FAIL no image: nothing else can run"
  exit 1
fi
check "image size ≤ $MAX_IMAGE_MB MB" image_size_ok
check "image ships no tests, fakes, build tools nor Debian's ffmpeg" image_is_lean
# Runs alongside the stack checks (it only needs the build cache); its result is read at the end.
type_error_job=
if [ -z "${SMOKE_SKIP_BUILD:-}" ]; then
  type_error_fails_build >"$WORK/type-error.out" 2>&1 &
  type_error_job=$!
fi
type_error_result() {
  local status=0
  wait "$type_error_job" || status=$?
  cat "$WORK/type-error.out"
  return "$status"
}
check "compose config: .env sets COOKIE_SECURE, HOST_PORT, PG user/password/database, APP_URL" config_plain_reads_env
check "compose config: https profile (no app port, APP_URL from DOMAIN, TRUSTED_PROXIES = proxy)" config_https_profile
check "compose config: no PG_PASSWORD in .env -> no default password, app reads the generated file" config_generated_password
check "headless ffmpeg: probe, stream copy, poster, H.264/AAC transcode of mp4/mov/webm" ffmpeg_handles_uploads

# ---- plain http, LAN name, COOKIE_SECURE=false from .env ----------------------------------------
LAN="pistache.lan"
# No PG_PASSWORD: the install generates its own on the first start (checked below).
write_env "PISTACHE_IMAGE=$IMAGE" "HOST_PORT=$HTTP_PORT" "APP_URL=http://$LAN:$HTTP_PORT" \
  SIGNUP_MODE=open COOKIE_SECURE=false PG_USER=agency PG_DATABASE=posts
LAN_CURL=(--resolve "$LAN:$HTTP_PORT:127.0.0.1")
up_plain() {
  dc up -d --no-build && wait_for 240 health_ok "${LAN_CURL[@]}" "http://$LAN:$HTTP_PORT/health"
}
check "stack up on plain http, published on 127.0.0.1:$HTTP_PORT, /health 200" up_plain
check "every container's log rotated by Docker (json-file, 10m x 5)" logs_rotated
dc ps -aq migrate >"$WORK/migrate.id"
check "sign-up over http://$LAN (COOKIE_SECURE=false from .env)" \
  signup "http://$LAN:$HTTP_PORT" lan@smoke.test "${LAN_CURL[@]}"
check "exec web node ace users:create" users_create
check "database password generated on first start (not the former default), read by web, worker and run" generated_db_password
check "exec web node ace plugins:list" dc exec -T web node ace plugins:list
check "exec web node ace tokens:revoke --help" dc exec -T web node ace tokens:revoke --help
check "generated key file shared by exec and run (no APP_KEY anywhere)" key_file_shared
check "exec web node ace backup:create + backup:restore (data back as it was)" backup_roundtrip
check "scale worker to 2" scale_workers
check "both workers healthy (heartbeat healthcheck; node ace queue:health agrees)" workers_healthy
check "crashed worker container restarted by compose, healthy again" crashed_worker_restarts
check "wedged worker marked unhealthy by its healthcheck" wedged_worker_marked

# ---- https profile (Caddy, its internal CA for localhost) ---------------------------------------
# The same install switched to https: same volumes, so the same generated database password.
write_env "PISTACHE_IMAGE=$IMAGE" COMPOSE_FILE=compose.yml:compose.https.yml DOMAIN=localhost \
  SIGNUP_MODE=open "HTTPS_PORT=$HTTPS_PORT" "HTTP_PORT=$((HTTPS_PORT + 1))" PG_USER=agency \
  PG_DATABASE=posts
HTTPS_CURL=(--resolve "localhost:$HTTPS_PORT:127.0.0.1")
up_https() {
  dc up -d --no-build --scale worker=2 &&
    wait_for 120 caddy_root_ca &&
    wait_for 120 health_ok --cacert "$WORK/caddy-root.crt" "${HTTPS_CURL[@]}" "https://localhost:$HTTPS_PORT/health"
}
check "https profile up: Caddy serves https://localhost:$HTTPS_PORT with a certificate from its CA" up_https
check "containers recreated as on an upgrade: migrate ran again, data kept" recreated_keeps_data
check "https profile: app only on the compose networks, APP_URL and TRUSTED_PROXIES set" https_app_only_on_compose_network
check "sign-up over https (secure cookies)" \
  signup "https://localhost:$HTTPS_PORT" tls@smoke.test --cacert "$WORK/caddy-root.crt" "${HTTPS_CURL[@]}"
check "database password kept across a restart (same file, exec still connects)" db_password_kept
check "whole stack stops within 30 s" stack_stops_in_30s
if [ -n "$type_error_job" ]; then
  check "a type error fails the image build" type_error_result
fi

echo "$failures failed"
[ "$failures" -eq 0 ]
