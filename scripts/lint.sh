#!/usr/bin/env bash
# ansible-lint with the production profile over the collection's playbooks and roles.
# Offline (galaxy.yml has no dependencies to fetch); the collection itself is found
# through ANSIBLE_COLLECTIONS_PATH, which the Makefile points at build/collections.
# Usage: scripts/lint.sh (from `make lint`: the venv's ansible-lint must be on PATH)
set -euo pipefail

: "${ANSIBLE_COLLECTIONS_PATH:?set it to a folder holding ansible_collections/hwcloud/dis}"

paths=()
for dir in playbooks roles; do
  # Only folders with YAML in them: an empty one makes ansible-lint lint the whole tree.
  if [ -n "$(find "$dir" -name '*.y*ml' -print -quit 2>/dev/null)" ]; then
    paths+=("$dir")
  fi
done
if [ ${#paths[@]} -eq 0 ]; then
  echo "lint: no playbooks/ or roles/ with YAML yet; nothing to lint"
  exit 0
fi
# Plain text when the output goes to a log file.
color=()
[ -t 1 ] || color=(--nocolor)
exec ansible-lint --profile production --offline "${color[@]}" "${paths[@]}"
