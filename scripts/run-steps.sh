#!/usr/bin/env bash
# Run each step as `make STEP`, all of them even when one fails, each logged to
# LOG_DIR/STEP.log; then print a summary table, the tail of each failed log, and a
# closing `N passed, M failed` line (counting steps) that CI parsers read.
# Exit status: 0 only if every step passed.
# Usage: scripts/run-steps.sh LOG_DIR STEP...
set -euo pipefail

log_dir=${1:?usage: $0 LOG_DIR STEP...}
shift
make=${MAKE:-make}
tail_lines=${TAIL_LINES:-60}
mkdir -p "$log_dir"

steps=() results=() seconds=()
for step in "$@"; do
  log="$log_dir/$step.log"
  echo "==> $step (log: $log)"
  start=$SECONDS
  # No stdin: a step that prompts fails instead of hanging CI.
  if "$make" --no-print-directory "$step" </dev/null >"$log" 2>&1; then
    result=PASS
  else
    result=FAIL
  fi
  steps+=("$step") results+=("$result") seconds+=($(( SECONDS - start )))
  echo "    $result in ${seconds[-1]} s"
done

passed=0 failed=0
for i in "${!steps[@]}"; do
  if [ "${results[$i]}" = FAIL ]; then
    failed=$(( failed + 1 ))
    echo
    echo "----- ${steps[$i]} failed; last $tail_lines lines of $log_dir/${steps[$i]}.log:"
    tail -n "$tail_lines" "$log_dir/${steps[$i]}.log"
  else
    passed=$(( passed + 1 ))
  fi
done

# The table also goes to LOG_DIR/summary.txt: .ci/run repeats its last line after make's
# own "Error" line, so that the count stays the closing line of CI's output.
{
  echo
  printf '%-16s %-6s %8s\n' STEP RESULT SECONDS
  total=0
  for i in "${!steps[@]}"; do
    printf '%-16s %-6s %8d\n' "${steps[$i]}" "${results[$i]}" "${seconds[$i]}"
    total=$(( total + seconds[i] ))
  done
  printf '%-16s %-6s %8d\n' total "" "$total"
  echo
  echo "$passed passed, $failed failed"
} | tee "$log_dir/summary.txt"
[ "$failed" -eq 0 ]
