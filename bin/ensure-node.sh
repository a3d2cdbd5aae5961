# shellcheck shell=bash
# Sourced by bin/setup, bin/start, bin/test and .ci/run: puts a Node >= 24 first on PATH.
#
#   1. `node` on PATH is already >= 24            -> use it;
#   2. the project-local .tools/node24 exists      -> use it;
#   3. otherwise install Node 24 from the npm registry into .tools/node24 (git-ignored)
#      with whatever npm is on the machine. Nothing outside the project is touched.
#
# Safe to source under `set -euo pipefail`; sourcing it twice is harmless.

_pistache_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_pistache_node_prefix="$_pistache_root/.tools/node24"

_pistache_node_major() {
  # Prints the major version of the `node` found on PATH, or 0 when there is none.
  if command -v node >/dev/null 2>&1; then
    node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
  else
    echo 0
  fi
}

_pistache_npm_major() {
  if command -v npm >/dev/null 2>&1; then
    npm -v 2>/dev/null | cut -d. -f1 || echo 0
  else
    echo 0
  fi
}

if [ "$(_pistache_node_major)" -lt 24 ]; then
  if [ ! -x "$_pistache_node_prefix/bin/node" ]; then
    if ! command -v npm >/dev/null 2>&1; then
      echo "ensure-node: Node >= 24 is required and no npm is available to fetch it." >&2
      echo "ensure-node: install Node 24 (OS package, nvm, fnm…) and run this again." >&2
      return 1 2>/dev/null || exit 1
    fi
    echo "ensure-node: Node $(node -v 2>/dev/null || echo '(none)') found; installing Node 24 into .tools/node24 (project-local)…" >&2
    # No --allow-scripts=node: it breaks the nested install (STACK_NOTES).
    npm install -g --prefix "$_pistache_node_prefix" --no-audit --no-fund --loglevel=error node@24 >&2 || {
      echo "ensure-node: installing node@24 from the npm registry failed." >&2
      return 1 2>/dev/null || exit 1
    }
  fi
  case ":$PATH:" in
    *":$_pistache_node_prefix/bin:"*) ;;
    *) export PATH="$_pistache_node_prefix/bin:$PATH" ;;
  esac
  hash -r 2>/dev/null || true
  if [ "$(_pistache_node_major)" -lt 24 ]; then
    echo "ensure-node: $_pistache_node_prefix/bin/node is not Node >= 24; delete .tools/ and retry." >&2
    return 1 2>/dev/null || exit 1
  fi
fi

# The project relies on npm 11 (package.json "allowScripts"); the system npm runs under Node 24
# through PATH. An older npm gets a project-local npm 11 next to the local Node.
if [ "$(_pistache_npm_major)" -lt 11 ]; then
  if [ ! -x "$_pistache_node_prefix/bin/npm" ]; then
    echo "ensure-node: npm $(npm -v 2>/dev/null || echo '(none)') found; installing npm 11 into .tools/node24…" >&2
    npm install -g --prefix "$_pistache_node_prefix" --no-audit --no-fund --loglevel=error npm@11 >&2 || {
      echo "ensure-node: installing npm@11 failed." >&2
      return 1 2>/dev/null || exit 1
    }
  fi
  case ":$PATH:" in
    *":$_pistache_node_prefix/bin:"*) ;;
    *) export PATH="$_pistache_node_prefix/bin:$PATH" ;;
  esac
  hash -r 2>/dev/null || true
fi

unset -f _pistache_node_major _pistache_npm_major
unset _pistache_root _pistache_node_prefix
