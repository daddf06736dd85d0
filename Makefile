# oasis — one binary: importers, APL engine, SQLite store, web server.
#
#   make          build build/rel/oasis
#   make run      install what is missing, build, prepare var/oasis.db, serve :8080
#   make test     unit (cmocka, ASan+UBSan), fmtcheck, layers, a short fuzz
#                 run of every parser target, API and browser tests
#   make bench    engine and HTTP benchmarks (ratios measured in one run)

CC      ?= gcc
PKGS    := libmicrohttpd sqlite3 jansson libsodium xlsxwriter libcmark libcurl zlib
DATA    ?= $(firstword $(wildcard ../shared/data) data)
export OASIS_DATA_DIR ?= $(abspath $(DATA))

WARN    := -std=c17 -Wall -Wextra -Werror -Wno-unused-parameter
CPPFLAGS:= -D_GNU_SOURCE -Isrc -Ibuild/gen
PKGCF    = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKGLIBS  = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm -lpthread

REL_CFLAGS  := -O2 -g -DNDEBUG
ASAN_CFLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
               -fno-sanitize-recover=undefined -DOASIS_DEBUG

SRCS    := $(sort $(wildcard src/*/*.c))
SCHEMA  := $(sort $(wildcard src/store/schema/*.sql))
ASSETS  := $(sort $(shell find web -type f 2>/dev/null))
# Front-end packages from npm (pinned by package-lock.json), embedded too.
NPM_ASSETS := node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css
UNIT    := $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))

.PHONY: all run test unit api e2e fmtcheck layers bench deps clean db asan fuzz
all: build/rel/oasis

# ---- dependencies (Debian packages, npm ci) ---------------------------------
build/.deps: tools/deps.sh package-lock.json
	@mkdir -p build
	bash tools/deps.sh
	@touch $@
deps: build/.deps

# ---- generated sources: embedded SQL migrations and web assets --------------
build/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -O1 -Wall -Wextra -o $@ $<

build/gen/schema.c: build/tools/embed $(SCHEMA)
	@mkdir -p $(dir $@)
	build/tools/embed $@ embedded_schema $(foreach f,$(SCHEMA),$(notdir $(f))=$(f))

build/gen/assets.c: build/tools/embed $(ASSETS) $(wildcard $(NPM_ASSETS))
	@mkdir -p $(dir $@)
	build/tools/embed $@ embedded_assets \
	  $(foreach f,$(ASSETS),$(patsubst web/%,%,$(f))=$(f)) \
	  $(foreach f,$(wildcard $(NPM_ASSETS)),vendor/$(notdir $(f))=$(f))

# Common passwords refused by admin/password.c (data/passwords/common.txt).
build/gen/passwords.c: build/tools/embed data/passwords/common.txt
	@mkdir -p $(dir $@)
	build/tools/embed $@ embedded_passwords common.txt=data/passwords/common.txt

# The route table, from the ROUTE: comments above the handlers (tools/mkroutes.c).
build/tools/mkroutes: tools/mkroutes.c
	@mkdir -p $(dir $@)
	$(CC) -O1 -Wall -Wextra -Werror -o $@ $<

build/gen/routes.c: build/tools/mkroutes $(SRCS)
	@mkdir -p $(dir $@)
	build/tools/mkroutes $@ $(SRCS)

GEN := build/gen/schema.c build/gen/assets.c build/gen/passwords.c build/gen/routes.c

# ---- two builds: release and sanitized --------------------------------------
define variant
build/$(1)/%.o: src/%.c | build/.deps
	@mkdir -p $$(dir $$@)
	$$(CC) $$(WARN) $$(CPPFLAGS) $$(PKGCF) $(2) -MMD -MP -c -o $$@ $$<
build/$(1)/gen/%.o: build/gen/%.c
	@mkdir -p $$(dir $$@)
	$$(CC) -std=c17 -O1 $(2) -Isrc -c -o $$@ $$<
build/$(1)/liboasis.a: $$(patsubst src/%.c,build/$(1)/%.o,$$(SRCS)) \
                       $$(patsubst build/gen/%.c,build/$(1)/gen/%.o,$$(GEN))
	@rm -f $$@
	ar rcs $$@ $$^
build/$(1)/oasis: build/$(1)/main.o build/$(1)/liboasis.a
	$$(CC) $(2) -o $$@ $$^ $$(PKGLIBS)
-include $$(patsubst src/%.c,build/$(1)/%.d,$$(SRCS) src/main.c)
endef
$(eval $(call variant,rel,$(REL_CFLAGS)))
$(eval $(call variant,asan,$(ASAN_CFLAGS)))

asan: build/asan/oasis

# ---- tests ------------------------------------------------------------------
build/asan/tests/%: tests/unit/%.c build/asan/liboasis.a
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CPPFLAGS) $(PKGCF) $(ASAN_CFLAGS) -o $@ $< build/asan/liboasis.a \
	  $(PKGLIBS) -lcmocka

build/tools/fmtcheck: tools/fmtcheck.c
	@mkdir -p $(dir $@)
	$(CC) -O1 -Wall -Wextra -Werror -o $@ $<

unit: $(addprefix build/asan/tests/,$(UNIT))
	@set -e; for t in $^; do echo "== $$t"; $$t; done

fmtcheck: build/tools/fmtcheck
	build/tools/fmtcheck $(SRCS)

# Arrows point down: no module includes one of its layer or above
# (docs/conventions.md); the self-test plants violations and expects them.
layers:
	bash tools/layers.sh --self-test
	bash tools/layers.sh src

api: build/asan/oasis
	OASIS_BIN=$(abspath build/asan/oasis) node --test --test-concurrency=1 tests/api/

e2e: build/asan/oasis
	mkdir -p test-output
	OASIS_BIN=$(abspath build/asan/oasis) node --test --test-concurrency=1 tests/e2e/

test: build/.deps
	$(MAKE) unit
	$(MAKE) fmtcheck
	$(MAKE) layers
	$(MAKE) fuzz FUZZ_SECONDS=5
	$(MAKE) api
	$(MAKE) e2e

# ---- fuzzing (clang libFuzzer; `make test` runs each target 5 s) ------------
FUZZ        := $(patsubst tests/fuzz/%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_SECONDS ?= 30
FUZZ_CFLAGS := -std=c17 -g -O1 -fsanitize=fuzzer-no-link,address,undefined \
               -D_GNU_SOURCE -DOASIS_DEBUG -Isrc -Ibuild/gen
build/fuzz/%.o: src/%.c | build/.deps
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) $(PKGCF) -c -o $@ $<
build/fuzz/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) -c -o $@ $<
build/fuzz/liboasis.a: $(patsubst src/%.c,build/fuzz/%.o,$(SRCS)) \
                       $(patsubst build/gen/%.c,build/fuzz/gen/%.o,$(GEN))
	@rm -f $@
	ar rcs $@ $^
build/fuzz/bin/%: tests/fuzz/%.c build/fuzz/liboasis.a
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer $(PKGCF) -o $@ $< build/fuzz/liboasis.a $(PKGLIBS)
# Each target runs FUZZ_SECONDS on its seed corpus (tests/fuzz/NAME/).
fuzz: $(addprefix build/fuzz/bin/,$(FUZZ))
	@set -e; for f in $(FUZZ); do c=tests/fuzz/$${f#fuzz_}; mkdir -p build/fuzz/corpus/$$f; \
	  echo "== $$f ($(FUZZ_SECONDS) s)"; \
	  build/fuzz/bin/$$f -max_total_time=$(FUZZ_SECONDS) build/fuzz/corpus/$$f $$c; done

# ---- run --------------------------------------------------------------------
var/oasis.db: | build/rel/oasis
	@mkdir -p var
	bash tools/initdb.sh build/rel/oasis $@

db: var/oasis.db

run: build/.deps build/rel/oasis var/oasis.db
	build/rel/oasis serve --listen 127.0.0.1:8080 --db var/oasis.db

# ---- benchmarks (print ratios; never fail) ----------------------------------
bench: build/.deps build/rel/oasis
	-bash bench/run.sh build/rel/oasis

clean:
	rm -rf build
