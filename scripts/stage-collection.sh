#!/usr/bin/env bash
# Copy the collection into DEST (a path ending in ansible_collections/NAMESPACE/NAME) and
# make the copy a git repository of its own.
#
# Why: ansible-test must run from .../ansible_collections/hwcloud/dis and resolves
# symlinks, so a link to the repository does not do. Inside this repository the copy
# would sit under the ignored build/ folder and ansible-test (which lists files with
# git) would find nothing to test; a git repository of its own fixes that.
#
# What is copied: files git tracks plus untracked files that are not ignored (work in
# progress is tested too), as `git ls-files --cached --others --exclude-standard` lists.
# The copy's tests/output/ is kept between runs: it holds ansible-test's caches.
# Usage: scripts/stage-collection.sh DEST
set -euo pipefail

dest=${1:?usage: $0 DEST}
root=$(git -C "$(dirname "${BASH_SOURCE[0]}")" rev-parse --show-toplevel)
cd "$root"

mkdir -p "$dest"
# Remove the previous copy but keep its git metadata and ansible-test's output/caches.
find "$dest" -mindepth 1 -maxdepth 1 ! -name .git ! -name tests -exec rm -rf {} +
if [ -d "$dest/tests" ]; then
  find "$dest/tests" -mindepth 1 -maxdepth 1 ! -name output -exec rm -rf {} +
fi

# Files deleted from the work tree but still in the index are skipped.
git ls-files -z --cached --others --exclude-standard |
  while IFS= read -r -d '' path; do
    if [ -e "$path" ] || [ -L "$path" ]; then printf '%s\0' "$path"; fi
  done |
  tar --create --null --files-from=- --file=- | tar --extract --file=- --directory="$dest"

cd "$dest"
[ -d .git ] || git init --quiet
git add --all
echo "staged $(git ls-files | wc -l) files in $dest"
