# The two commands a new user needs: `make demo` and `make test` (both install what they need).
SHELL := /bin/bash
ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
VENV := $(ROOT)/.venv
PY := $(VENV)/bin/python
export QT_QPA_PLATFORM ?= offscreen
# Debian bookworm packages the plugin and its tooling need.
APT_PACKAGES := python3-qgis qgis python3-requests python3-shapely python3-pil python3-venv \
	xvfb xauth pyqt5-dev-tools qttools5-dev-tools git zip imagemagick
PORT ?= 8765
TOKEN ?= sandbox-demo-token
LATENCY_MS ?= 0
QGIS_PLUGINS_DIR ?= $(HOME)/.local/share/QGIS/QGIS3/profiles/default/python/plugins

.PHONY: setup test demo sandbox bench install package lint i18n clean

setup: $(VENV)/.setup-done

$(VENV)/.setup-done: requirements-dev.txt
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:" $$missing; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi
	/usr/bin/python3 -m venv --system-site-packages $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

test: setup
	cd $(ROOT) && $(PY) -m pytest tests

demo: setup
	cd $(ROOT) && $(PY) -m tests.demo

sandbox: setup
	cd $(ROOT) && $(PY) -m tests.sandbox --port $(PORT) --token $(TOKEN) --latency-ms $(LATENCY_MS)

bench: setup
	cd $(ROOT) && for b in tests/bench/bench_*.py; do $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) build dist
