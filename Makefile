# Guichet — the two commands of the README, and the pieces they are made of.
SHELL := /bin/bash
BIN := .build/debug/guichet
HOST ?= 127.0.0.1
PORT ?= 8080

.PHONY: run test bench deps build test-sqlite test-postgres test-browser db-up db-down clean

## make run: install what is missing, build, and serve http://127.0.0.1:8080 with demo data.
run: deps
	swift build --product guichet
	$(BIN) demo
	$(BIN) serve --hostname $(HOST) --port $(PORT)

## make test: build once, then the whole suite on SQLite, on PostgreSQL, and the browser journeys.
test: deps build
	scripts/test.sh sqlite postgres browser

## make bench: the document engine against img2pdf and pikepdf, with the goals' ratios.
bench: deps
	scripts/bench.sh

deps:
	scripts/deps.sh

build:
	swift build --build-tests

test-sqlite: build
	scripts/test.sh sqlite

test-postgres: build
	scripts/test.sh postgres

test-browser: build
	scripts/test.sh browser

## A PostgreSQL server on 127.0.0.1:5433 for trying DATABASE_URL by hand.
db-up:
	scripts/postgres.sh start
	@echo "DATABASE_URL=postgres://guichet:guichet@127.0.0.1:5433/guichet"

db-down:
	scripts/postgres.sh stop

clean:
	rm -rf .build data
