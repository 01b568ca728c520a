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

# Generated pages refer to Ansible's own documentation (ansible.builtin plugins, common
# return values), which intersphinx would resolve online. Offline, those references
# become plain links to the published pages; any other unresolved reference still fails.
ANSIBLE_DOCS = 'https://docs.ansible.com/ansible/latest/'
ANSIBLE_LABELS = {
    'common_return_values': 'reference_appendices/common_return_values.html',
    'ansible_configuration_settings': 'reference_appendices/config.html',
}
BUILTIN_PREFIX = 'ansible_collections.ansible.builtin.'


def _link_to_ansible_docs(app, env, node, contnode):
    from docutils import nodes
    target = node.get('reftarget', '')
    if node.get('reftype') != 'ref':
        return None
    if target in ANSIBLE_LABELS:
        page = ANSIBLE_LABELS[target]
    elif target.startswith(BUILTIN_PREFIX):
        page = 'collections/ansible/builtin/%s.html' % target[len(BUILTIN_PREFIX):].split('#')[0]
    else:
        return None
    reference = nodes.reference('', '', internal=False, refuri=ANSIBLE_DOCS + page)
    reference += contnode
    return reference


def setup(app):
    app.connect('missing-reference', _link_to_ansible_docs)
CONF

mkdir -p "$dest/rst"
chmod og-w "$dest/rst"
antsibull-docs --config-file "$dest/antsibull-docs.cfg" collection --cleanup everything \
  --fail-on-error --use-current --dest-dir "$dest/rst" hwcloud.dis >/dev/null

# The guides, and a page that lists them next to the generated reference.
mkdir -p "$dest/rst/guides"
# Links from a guide to files outside docs/ (../playbooks/..., ../tools/...) point at the
# repository in the site, as they do on the forge.
repository=$(sed -n 's/^repository: *//p' "$root/galaxy.yml")
for guide in "$root"/docs/*.md; do
  sed "s#](\.\./#](${repository}/blob/main/#g" "$guide" >"$dest/rst/guides/$(basename "$guide")"
done
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

sphinx-build -M html "$dest/rst" "$dest/build" -c "$dest" -q -W --keep-going
pages=$(find "$dest/build/html" -name '*.html' | wc -l)
echo "docs: $pages pages in $dest/build/html (index: $dest/build/html/index.html)"
