#!/usr/bin/env bash
# Build the collection tarball from the staged copy, check that it holds only
# collection content, and run galaxy-importer (Galaxy's upload checks) on it.
#
# Built from the staged copy (git-listed files only), as a release from a clean checkout
# would be: local leftovers such as reports/ cannot hide or cause a problem.
# galaxy-importer exits 0 even when it reports problems, so its output is searched for
# WARNING / ERROR lines instead.
# Usage: scripts/importer.sh STAGED_COLLECTION DIST_DIR IMPORTER_CONFIG
set -euo pipefail

stage=${1:?usage: $0 STAGED_COLLECTION DIST_DIR IMPORTER_CONFIG}
dist=$(mkdir -p "${2:?}" && cd "$2" && pwd)
config=$(cd "$(dirname "${3:?}")" && pwd)/$(basename "$3")
log="$dist/galaxy-importer.log"

rm -f "$dist"/*.tar.gz
(cd "$stage" && ansible-galaxy collection build --output-path "$dist" --force)
tarballs=("$dist"/*.tar.gz)
tarball=${tarballs[0]}

# Anything of the development set-up that reaches the tarball is a build_ignore gap.
not_content='^(\.venv|\.ansible|\.ci|\.cache|\.pytest_cache|\.hypothesis|build|bench|scripts|tools|reports|tests/output)(/|$)'
not_content+='|^(Makefile|tests/integration/inventory|tests/requirements-dev\.txt|changelogs/\.plugin-cache\.yaml)$'
not_content+='|(^|/)(__pycache__|\.git[^/]*)(/|$)|\.pyc$|\.tar\.gz$'
if stray=$(tar -tzf "$tarball" | sed 's|^\./||' | grep -E "$not_content"); then
  echo "ERROR: $tarball holds files that are not collection content (extend build_ignore in galaxy.yml):" >&2
  echo "$stray" >&2
  exit 1
fi
echo "tarball content OK: $(tar -tzf "$tarball" | grep -vc '/$') files"

# From the dist folder: galaxy-importer writes importer_result.json into the current one.
(cd "$dist" && GALAXY_IMPORTER_CONFIG=$config python -m galaxy_importer.main "$tarball") 2>&1 | tee "$log"
if grep -Eq '(^|[^A-Za-z])(WARNING|ERROR)([^A-Za-z]|$)' "$log"; then
  echo "ERROR: galaxy-importer reported problems (see the WARNING/ERROR lines above, log: $log)" >&2
  exit 1
fi
echo "galaxy-importer: no warnings or errors"
