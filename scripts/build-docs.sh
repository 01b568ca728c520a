#!/usr/bin/env bash
# `make docs`: build the collection's documentation site into build/docsite/build/html.
#
# antsibull-docs generates the reference pages (modules, filters, roles) from the
# plugins' own documentation; the guides in docs/*.md are added as they are (MyST
# reads Markdown), so the same files read well on a forge and in the site. The build
# treats every Sphinx warning as an error, so broken references fail `make test`.
# Usage: scripts/build-docs.sh [DEST]   (ANSIBLE_COLLECTIONS_PATH must find hwcloud.dis)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dest=${1:-$root/build/docsite}

rm -rf "$dest"
mkdir -p "$dest"
antsibull-docs sphinx-init --use-current --fail-on-error --dest-dir "$dest" hwcloud.dis >/dev/null

# The machines this runs on reach no documentation hosts: intersphinx inventories
# cannot be fetched, and a failed fetch is a warning (an error under -W).
cat >>"$dest/conf.py" <<'CONF'

# hwcloud.dis: offline build, Markdown guides.
intersphinx_mapping = {}
extensions.append('myst_parser')
source_suffix = {'.rst': 'restructuredtext', '.md': 'markdown'}
myst_heading_anchors = 3
project = 'hwcloud.dis'
title = html_short_title = 'hwcloud.dis documentation'
CONF

mkdir -p "$dest/rst"
chmod og-w "$dest/rst"
antsibull-docs --config-file "$dest/antsibull-docs.cfg" collection --cleanup everything \
  --fail-on-error --use-current --dest-dir "$dest/rst" hwcloud.dis >/dev/null

# The guides, and a page that lists them next to the generated reference.
mkdir -p "$dest/rst/guides"
cp "$root"/docs/*.md "$dest/rst/guides/"
{
  echo "Guides"
  echo "======"
  echo
  echo ".. toctree::"
  echo "   :maxdepth: 1"
  echo
  for guide in "$dest"/rst/guides/*.md; do
    echo "   guides/$(basename "$guide" .md)"
  done
} >"$dest/rst/guides.rst"
printf '\n.. toctree::\n   :maxdepth: 1\n   :caption: Guides\n\n   guides\n' >>"$dest/rst/index.rst"

# Generated pages link to labels of Ansible's own documentation, which intersphinx would
# resolve online. Offline, this page defines them and links to the published pages.
cat >"$dest/rst/ansible-docs-links.rst" <<'RST'
:orphan:

Ansible documentation
=====================

.. _common_return_values:

Common return values
--------------------

See `Return Values <https://docs.ansible.com/ansible/latest/reference_appendices/common_return_values.html>`_
in the Ansible documentation.

.. _ansible_configuration_settings:

Ansible configuration settings
------------------------------

See `Ansible Configuration Settings <https://docs.ansible.com/ansible/latest/reference_appendices/config.html>`_
in the Ansible documentation.
RST

sphinx-build -M html "$dest/rst" "$dest/build" -c "$dest" -q -W --keep-going
pages=$(find "$dest/build/html" -name '*.html' | wc -l)
echo "docs: $pages pages in $dest/build/html (index: $dest/build/html/index.html)"
