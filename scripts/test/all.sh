#!/usr/bin/env bash
# `npm test`: the type check, the unit suite, then the integration suite with the production build for the
# Playwright suite running beside it, then Playwright. The integration tests spend much of their time waiting
# (PostgreSQL, the sandbox's timers, the job worker), so on 2 cores the build fits into their idle time
# instead of adding its ~3 minutes after them. A failure anywhere fails the whole run.
set -uo pipefail
cd "$(dirname "$0")/../.."

npm run typecheck || exit 1
npm run test:unit || exit 1

build_log=$(mktemp -t paycenter-build.XXXXXX)
npm run build > "$build_log" 2>&1 &
build_pid=$!

integration=0
npm run test:integration || integration=$?

if ! wait "$build_pid"; then
  cat "$build_log"
  echo "npm test: the production build failed" >&2
  exit 1
fi
tail -n 3 "$build_log"
rm -f "$build_log"
[ "$integration" -eq 0 ] || { echo "npm test: the integration suite failed" >&2; exit "$integration"; }

npx playwright test
