# The two commands a new user needs: `make demo` and `make test` (both install what they need).
SHELL := /bin/bash
ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
VENV := $(ROOT)/.venv
PY := $(VENV)/bin/python
export QT_QPA_PLATFORM ?= offscreen
# Debian bookworm packages the plugin and its tooling need.
APT_PACKAGES := python3-qgis qgis python3-requests python3-shapely python3-pil python3-plotly python3-venv \
	xvfb xauth xdotool pyqt5-dev-tools qttools5-dev-tools git zip imagemagick ffmpeg tinyproxy \
	python3-socks microsocks
PORT ?= 8765
TOKEN ?= sandbox-demo-token
LATENCY_MS ?= 0
QGIS_PLUGINS_DIR ?= $(HOME)/.local/share/QGIS/QGIS3/profiles/default/python/plugins
VERSION = $(shell sed -n 's/^version=//p' $(ROOT)/metadata.txt)
LRELEASE := $(firstword $(wildcard /usr/lib/qt5/bin/lrelease) lrelease)
PACKAGE_BUILD ?= $(ROOT)/build/package
DIST ?= $(ROOT)/dist
QM := $(patsubst %.ts,%.qm,$(wildcard $(ROOT)/i18n/*.ts))

.PHONY: setup test demo sandbox bench bench-table bench-national install package lint i18n qgis screenshot clean \
	test-versions test-version print-apt-packages

setup: $(VENV)/.setup-done $(QM)

$(VENV)/.setup-done: requirements-dev.txt
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:" $$missing; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi
	/usr/bin/python3 -m venv --system-site-packages $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

# PYTEST_ARGS: more pytest arguments (e.g. -k or --deselect), also handed to the chroots by test-versions.
PYTEST_ARGS ?=
test: setup lint
	cd $(ROOT) && $(PY) -m pytest tests $(PYTEST_ARGS)

# The version matrix: `make test` on QGIS 3.40 (Debian trixie) and 3.44 (Debian sid), each in a
# Debian chroot kept in CHROOTS (outside the clone, reused by every clone; rebuilt when
# tests/versions/provision.sh or APT_PACKAGES change). One version: make test-version SUITE=sid.
CHROOTS ?= /var/cache/kartaview-qgis-plugin/chroots
VERSION_SUITES ?= trixie sid
SUITE ?= trixie
test-versions: debootstrap-installed
	CHROOTS=$(CHROOTS) APT_PACKAGES="$(APT_PACKAGES)" PYTEST_ARGS="$(PYTEST_ARGS)" \
		$(ROOT)/tests/versions/run.sh test $(VERSION_SUITES)

test-version: debootstrap-installed
	CHROOTS=$(CHROOTS) APT_PACKAGES="$(APT_PACKAGES)" PYTEST_ARGS="$(PYTEST_ARGS)" \
		$(ROOT)/tests/versions/run.sh test $(SUITE)

# The script refuses clearly when not root or still without debootstrap.
.PHONY: debootstrap-installed
debootstrap-installed:
	@command -v debootstrap >/dev/null || { [ "$$(id -u)" = 0 ] && \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap; } || true

print-apt-packages:
	@echo $(APT_PACKAGES)

lint: setup
	cd $(ROOT) && $(VENV)/bin/ruff check --output-format concise .
	cd $(ROOT) && $(PY) -m tests.qt6_lint

# Translations: refresh the .ts from the code (then translate what is unfinished), compile the .qm.
i18n: setup
	cd $(ROOT) && $(PY) i18n/generate_pro.py && pylupdate5 -noobsolete i18n/kartaview.pro
	cd $(ROOT) && for ts in i18n/*.ts; do $(LRELEASE) -silent $$ts -qm $${ts%.ts}.qm || exit 1; done

%.qm: %.ts | $(VENV)/.setup-done
	$(LRELEASE) -silent $< -qm $@

# The zip for plugins.qgis.org / "Install from ZIP": committed files only (.gitattributes
# export-ignore keeps tests and tooling out), plus the .qm compiled from the committed .ts,
# scanned as the plugin repository scans uploads (tests/package_scan.py).
package: setup
	rm -rf $(PACKAGE_BUILD) && mkdir -p $(PACKAGE_BUILD) $(DIST)
	cd $(ROOT) && git archive --format=tar --prefix=kartaview/ HEAD | tar -x -C $(PACKAGE_BUILD)
	mkdir -p $(PACKAGE_BUILD)/kartaview/i18n
	cd $(ROOT) && for ts in $$(git ls-tree --name-only HEAD i18n/ | grep '\.ts$$'); do \
		git show HEAD:$$ts > $(PACKAGE_BUILD)/$$(basename $$ts) && \
		$(LRELEASE) -silent $(PACKAGE_BUILD)/$$(basename $$ts) \
			-qm $(PACKAGE_BUILD)/kartaview/i18n/$$(basename $$ts .ts).qm || exit 1; \
	done
	rm -f $(DIST)/kartaview-$(VERSION).zip
	cd $(PACKAGE_BUILD) && $(PY) -m zipfile -c $(DIST)/kartaview-$(VERSION).zip kartaview
	@# plugins.qgis.org blocks an upload on any bandit or detect-secrets finding: so does this (no zip then).
	$(PY) $(ROOT)/tests/package_scan.py $(DIST)/kartaview-$(VERSION).zip || { rm -f $(DIST)/kartaview-$(VERSION).zip; exit 1; }
	@echo "Built $(DIST)/kartaview-$(VERSION).zip"

# Into the default QGIS profile, from the package (then enable KartaView in the plugin manager).
install: package
	rm -rf $(QGIS_PLUGINS_DIR)/kartaview && mkdir -p $(QGIS_PLUGINS_DIR)
	$(PY) -m zipfile -e $(DIST)/kartaview-$(VERSION).zip $(QGIS_PLUGINS_DIR)
	@echo "Installed into $(QGIS_PLUGINS_DIR)/kartaview"

# Desktop QGIS with the plugin of this working tree, a throw-away profile and a sandbox KartaView.
qgis: setup
	cd $(ROOT) && env -u QT_QPA_PLATFORM $(PY) -m tests.desktop_qgis --port $(PORT)

# The README's screenshots (ui/screenshots/), taken in real QGIS under Xvfb against a sandbox.
screenshot: setup
	cd $(ROOT) && $(PY) -m tests.desktop.screenshots

demo: setup
	cd $(ROOT) && $(PY) -m tests.demo

sandbox: setup
	cd $(ROOT) && $(PY) -m tests.sandbox --port $(PORT) --token $(TOKEN) --latency-ms $(LATENCY_MS)

# Every benchmark runs, even after one missed its target (one miss must not hide the others); each
# records its figures and targets in build/bench/results.json; the run fails at the end if any missed.
bench: setup
	rm -f $(ROOT)/build/bench/results.json
	@cd $(ROOT) && failed=""; for b in tests/bench/bench_*.py; do \
		echo "== $$b"; $(PY) $$b || failed="$$failed $$b"; done; \
	$(PY) -m tests.bench.readme_table; \
	if [ -n "$$failed" ]; then echo "make bench: FAILED (a target missed, or the benchmark broke):$$failed"; exit 1; fi; \
	echo "make bench: every target met"

# The README's performance table from build/bench/results.json (run `make bench` first), or from
# several runs' copies of it: `make bench-table RUNS="run1.json run2.json run3.json"` (medians, min-max).
bench-table: setup
	cd $(ROOT) && $(PY) -m tests.bench.readme_table --write $(RUNS)

# Coverage gaps on ~5 M roads (copies of Cluj-Napoca's network): memory and time at a country's scale.
# About 45 minutes on a busy 2-core machine (10 to write the data) and 5 GB of temporary GeoPackages,
# so not part of `make bench`.
bench-national: setup
	cd $(ROOT) && $(PY) tests/bench/bench_coverage_gaps.py --national

clean:
	rm -rf $(VENV) build dist
