# shellcheck shell=bash
# run_limited SECONDS COMMAND [ARG…]
#
# Runs COMMAND in a session of its own (setsid), with a marker in its environment, and, when it
# ends or when SECONDS have passed, ends every process it started (see run_pids): SIGTERM, then
# SIGKILL after CI_KILL_GRACE seconds (default 10). Exits with COMMAND's exit code, or 124 when
# the limit was reached.
#
# Why not `timeout`: it signals its child (and its own process group) only. `node ace test`
# starts the test process as a grandchild, and Playwright starts Chromium in a process group of
# its own; those survived `timeout` as orphans that kept the log pipe open, so CI hung long past
# its limit. A session holds whatever process group its members move to; Chromium and its crash
# handler even leave the session (Node's `detached` is setsid), but they keep the environment.
#
# Sourced by .ci/run and by tests/unit/ci/run_limited.spec.ts.

# The processes a run started: its session, the processes that carry the run's marker in their
# environment (they moved to a session of their own: Chromium, its crash handler) and the
# process groups of both (Chromium's renderers start with an empty environment in the browser's
# group). $1 session id, $2 marker (NAME=VALUE).
run_pids() {
  local sid="$1" marker="$2" own_pgid marked
  own_pgid="$(ps -o pgid= -p $$ | tr -d ' ')"
  marked="$(grep -lszxF -- "$marker" /proc/[0-9]*/environ 2>/dev/null | cut -d/ -f3 | tr '\n' ' ')"
  # Zombies are skipped: they are gone already, only their parent has not collected them yet.
  ps -e -o pid= -o pgid= -o sid= -o stat= | awk -v sid="$sid" -v marked=" $marked" -v own="$own_pgid" -v self="$$" '
    $4 ~ /^Z/ { next }
    { n++; pid[n] = $1; pgid[n] = $2; sess[n] = $3 }
    END {
      for (i = 1; i <= n; i++)
        if (sess[i] == sid || index(marked, " " pid[i] " ")) groups[pgid[i]] = 1
      for (i = 1; i <= n; i++)
        if (pid[i] != self && pgid[i] != own && (sess[i] == sid || index(marked, " " pid[i] " ") || groups[pgid[i]]))
          print pid[i]
    }'
}

# Ends every process of a run: TERM, a grace period (CI_KILL_GRACE, default 10 s), then KILL.
end_run() {
  local sid="$1" marker="$2" grace="${CI_KILL_GRACE:-10}" pids i
  pids="$(run_pids "$sid" "$marker")"
  [ -n "$pids" ] || return 0
  # shellcheck disable=SC2086
  kill -TERM $pids 2>/dev/null || true
  for ((i = 0; i < grace * 5; i++)); do
    [ -n "$(run_pids "$sid" "$marker")" ] || return 0
    sleep 0.2
  done
  pids="$(run_pids "$sid" "$marker")"
  # shellcheck disable=SC2086
  [ -z "$pids" ] || kill -KILL $pids 2>/dev/null || true
}

run_limited() {
  local limit="$1" pid rc=0 timed_out=0 deadline marker
  shift
  marker="CI_RUN_LIMITED=$$-$RANDOM-$(date +%s%N)"
  # A background job of a non-interactive shell is never a process-group leader, so setsid
  # does not fork: the PID below is the session's leader and its id is the session id.
  setsid env "$marker" "$@" &
  pid=$!
  deadline=$((SECONDS + limit))
  while kill -0 "$pid" 2>/dev/null; do
    # A zombie leader counts as ended: `wait` below collects it.
    [ "$(ps -o stat= -p "$pid" 2>/dev/null | cut -c1)" = Z ] && break
    if ((SECONDS >= deadline)); then
      timed_out=1
      echo "run_limited: $* still running after ${limit}s; ending its session" >&2
      break
    fi
    sleep 0.5
  done
  # Ends the session whether the command timed out or finished: anything it left behind
  # (a browser, a dev server) would otherwise keep running and keep the output pipe open.
  end_run "$pid" "$marker"
  wait "$pid" 2>/dev/null || rc=$?
  if ((timed_out)); then return 124; fi
  return "$rc"
}
