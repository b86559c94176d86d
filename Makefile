# The two commands: `make run` and `make test`. Everything else is a helper for them.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev
# Extra arguments for localserve, e.g. `make run ARGS="--ports-base 2000"`.
ARGS ?=

.PHONY: run test lint typecheck pytest openapi sdk webmail bench check-openapi deps-debian mta-peers clean

run: $(RUN_STAMP)
	$(BIN)/mailwright localserve $(ARGS)

TS := clients/typescript
TS_STAMP := $(TS)/node_modules/.installed
WEBMAIL := clients/webmail
WEBMAIL_STAMP := $(WEBMAIL)/node_modules/.installed
# Two workers, each a test file at a time (a file's servers are shared by its tests):
# the suite waits on servers and clients more than it computes, so this halves its time.
PYTEST_PARALLEL ?= -n 2 --dist loadfile

test: $(DEV_STAMP) $(TS_STAMP) $(WEBMAIL_STAMP) deps-debian mta-peers
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest $(PYTEST_PARALLEL)
	cd $(TS) && npm test --silent
	cd $(WEBMAIL) && npm run --silent typecheck && npm test --silent

# The TypeScript SDK's tools, exactly as package-lock.json pins them.
$(TS_STAMP): $(TS)/package.json $(TS)/package-lock.json
	cd $(TS) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The webmail's tools and libraries (it depends on the SDK as a file: dependency).
$(WEBMAIL_STAMP): $(WEBMAIL)/package.json $(WEBMAIL)/package-lock.json
	cd $(WEBMAIL) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e .
	touch $@

$(DEV_STAMP): pyproject.toml constraints.txt clients/python/pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]' -e clients/python
	touch $@ $(RUN_STAMP)

# Debian tools the tests drive as real clients, as command:package.
DEBIAN_TOOLS := swaks:swaks mbsync:isync chromium:chromium
deps-debian:
	@missing=""; for t in $(DEBIAN_TOOLS); do command -v $${t%%:*} >/dev/null || missing="$$missing $${t#*:}"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing from Debian:$$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

# Debian's Exim and Postfix, downloaded and unpacked under .venv/mta-peers (not installed),
# for tests/test_bounces_live.py; it needs root, and is skipped without them.
mta-peers: $(DEV_STAMP)
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null; then \
		$(BIN)/python -m tests.mta_peers unpack || echo "could not unpack them: tests/test_bounces_live.py will be skipped"; \
	else echo "not root or no apt-get: tests/test_bounces_live.py will be skipped"; fi

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(DEV_STAMP)
	$(BIN)/mypy

pytest: $(DEV_STAMP)
	$(BIN)/pytest $(PYTEST_PARALLEL)

# Rewrite the committed OpenAPI contract from the code (tests fail when they differ).
openapi: $(DEV_STAMP)
	$(BIN)/python -m api.openapi > openapi/openapi.json

# Regenerate the SDKs' generated code from the committed contract (tests fail when they differ).
sdk: $(DEV_STAMP) $(TS_STAMP) $(WEBMAIL_STAMP)
	rm -rf clients/python/mailwright_client/generated
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/openapi-python-client generate --path openapi/openapi.json \
		--meta none --output-path clients/python/mailwright_client/generated --config clients/python/generator.yaml
	rm -rf $(TS)/src/generated $(TS)/dist
	cd $(TS) && npx --no-install openapi-ts --silent && npx --no-install tsc -p tsconfig.json && npm run --silent bundle
	cd $(WEBMAIL) && npm run --silent build

# Rebuild the webmail's committed files (clients/webmail/dist) from its source (tests fail when they differ).
webmail: $(WEBMAIL_STAMP)
	cd $(WEBMAIL) && npm run --silent typecheck && npm run --silent build

# The performance suite (never part of `make test`): writes bench/results/latest.{json,md}.
bench: $(DEV_STAMP)
	$(BIN)/python -m bench.run $(ARGS)

# Pin what the venv has now (after changing dependencies in pyproject.toml).
constraints: $(DEV_STAMP)
	$(BIN)/pip freeze --exclude-editable | grep -v '^-e ' > constraints.txt

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
