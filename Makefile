# hwcloud.dis: set-up, test and demo entry points (how it works: docs/development.md).
# Every target creates .venv first when needed, so a fresh clone with Python 3.11,
# git and make needs nothing else: `make demo`, `make test`.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
# sanity, units, integration and importer share one staged copy: never run them at once.
.NOTPARALLEL:
MAKEFLAGS += --no-print-directory

PYTHON ?= python3.11
VENV ?= .venv
BIN := $(abspath $(VENV))/bin
# Written once `pip install -r tests/requirements-dev.txt` succeeded; newer requirements
# re-run the install.
VENV_STAMP := $(VENV)/.requirements-dev.stamp

NAMESPACE := hwcloud
NAME := dis
# ansible-test only works on a real copy under ansible_collections/NAMESPACE/NAME (it
# resolves symlinks); scripts/stage-collection.sh makes it.
STAGE := build/ansible_collections/$(NAMESPACE)/$(NAME)
# ansible-playbook, ansible-doc and ansible-lint load the collection in place through a
# symlink, so edits show up without a copy.
COLLECTIONS_ROOT := $(CURDIR)/build/collections
LINK := $(COLLECTIONS_ROOT)/ansible_collections/$(NAMESPACE)/$(NAME)
export ANSIBLE_COLLECTIONS_PATH := $(COLLECTIONS_ROOT)
# The venv's tools (ansible, ansible-test, ansible-lint, ...) come first for every recipe
# and for the programs they start.
export PATH := $(BIN):$(PATH)

# ansible-test: always one Python (else it looks for every version from 3.8 on), from the
# staged copy; it sets its own collections path.
ANSIBLE_TEST = cd $(STAGE) && env -u ANSIBLE_COLLECTIONS_PATH ansible-test

# Extra arguments for one run of sanity, units, integration or emulator-tests, e.g.
# make sanity ARGS='--test pylint'   make integration ARGS='emulator_smoke -vvv'
ARGS ?=

# The steps of `make test`, in order.
TEST_STEPS := sanity units emulator-tests integration docs-tests lint docs-lint docs importer

.PHONY: help venv collection-link stage sanity units emulator-tests integration \
	docs-tests lint docs-lint docs importer system-deps test demo bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

venv: $(VENV_STAMP) ## Create .venv with the pinned tools (and the offline pip shim)
	@scripts/install-get-pip-shim.sh $(VENV)

$(VENV_STAMP): tests/requirements-dev.txt
	@scripts/make-venv.sh $(PYTHON) $(VENV) tests/requirements-dev.txt
	@touch $@

collection-link: ## Link build/collections/ansible_collections/hwcloud/dis to this repository
	@mkdir -p $(dir $(LINK))
	@ln -sfn $(CURDIR) $(LINK)

stage: ## Copy the collection to build/ansible_collections/hwcloud/dis for ansible-test
	@scripts/stage-collection.sh $(STAGE)

sanity: venv stage ## ansible-test sanity (every test this ansible-core has)
	$(ANSIBLE_TEST) sanity --python 3.11 $(ARGS)

units: venv stage ## ansible-test units (tests/unit)
	$(ANSIBLE_TEST) units --python 3.11 $(ARGS)

emulator-tests: venv ## pytest tests/emulator against tools/dis_emulator
	PYTHONPATH=tools python -m pytest tests/emulator -q $(ARGS)

integration: venv stage ## ansible-test integration (tests/integration/targets, local)
	$(ANSIBLE_TEST) integration --python 3.11 $(ARGS)

docs-tests: venv collection-link ## Run every command block the guides in docs/ mark with <!-- doctest -->
	python -m pytest tests/docs -q -p no:cacheprovider

lint: venv collection-link ## ansible-lint --profile production on playbooks/ and roles/
	@scripts/lint.sh

docs-lint: venv ## antsibull-docs collection docs lint and antsibull-changelog lint
	antsibull-docs lint-collection-docs --plugin-docs .
	antsibull-changelog lint

docs: venv collection-link ## Build the documentation site into build/docsite/build/html (warnings are errors)
	@scripts/build-docs.sh build/docsite

importer: venv stage ## Build the tarball, check its contents, run galaxy-importer on it
	@scripts/importer.sh $(STAGE) build/dist tests/galaxy-importer.cfg

system-deps: ## Install shellcheck and chromium from Debian's packages when missing (root)
	@scripts/system-deps.sh

test: venv system-deps ## Every check above; logs in build/logs/, summary at the end
	@MAKE="$(MAKE)" scripts/run-steps.sh build/logs $(TEST_STEPS)

demo: venv collection-link ## Run the audit demo against the emulator
	@scripts/demo.sh

bench: venv collection-link ## Benchmarks on the emulator; rewrites docs/performance.md (BENCH_QUICK=1: fewer runs). Not part of test
	$(BIN)/python bench/run.py $(if $(filter-out 0,$(BENCH_QUICK)),--quick)

clean: ## Remove build output (keeps .venv)
	rm -rf build tests/output .pytest_cache
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
