# Bulletin - an office wall news display.
# `make run` and `make test` are the contract (see README.md): both first
# install the Debian packages that are missing, through firmware/deps.sh.

VERSION    := 0.1.0
PREFIX     ?= /usr/local
DESTDIR    ?=
PKG_CONFIG ?= pkg-config
CC         ?= cc
BUILD      ?= build

PKGS := sdl2 SDL2_ttf SDL2_image libcurl libxml-2.0 sqlite3 inih libcjson \
        libutf8proc libqrencode fribidi libsystemd

CFLAGS  ?= -O2 -g
WARN    := -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wno-unused-parameter
DEFS    := -D_GNU_SOURCE -DBULLETIN_VERSION='"$(VERSION)"' -DBULLETIN_DATADIR='"$(PREFIX)/share/bulletin"'
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -lstemmer -lm
TEST_LIBS  = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

SRCS      := $(wildcard app/*.c)
LIB_SRCS  := $(filter-out app/main.c,$(SRCS))
TEST_SRCS := $(wildcard tests/test_*.c)

SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

.PHONY: all run test test-plain test-asan bench install clean deps deps-test deps-bench \
        fuzz soak deb cross test-arm64
all: bulletin

# ---------------------------------------------------------------- build
# $(call objs,DIR): the object files of the library sources built into DIR.
objs = $(patsubst app/%.c,$(1)/obj/%.o,$(LIB_SRCS))

$(BUILD)/plain/obj/%.o: app/%.c $(wildcard app/*.h) | $(BUILD)/plain/obj
	@echo "  CC  $@"
	@$(CC) $(WARN) $(CFLAGS) $(DEFS) $(PKG_CFLAGS) -c $< -o $@
$(BUILD)/asan/obj/%.o: app/%.c $(wildcard app/*.h) | $(BUILD)/asan/obj
	@echo "  CC  $@"
	@$(CC) $(WARN) -O1 -g $(SAN_FLAGS) $(DEFS) $(PKG_CFLAGS) -c $< -o $@

$(BUILD)/plain/obj $(BUILD)/asan/obj $(BUILD)/plain/tests $(BUILD)/asan/tests:
	mkdir -p $@

bulletin: $(call objs,$(BUILD)/plain) $(BUILD)/plain/obj/main.o
	$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/asan/bulletin: $(call objs,$(BUILD)/asan) $(BUILD)/asan/obj/main.o
	$(CC) $(SAN_FLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/plain/tests/%: tests/%.c tests/testutil.h $(call objs,$(BUILD)/plain) | $(BUILD)/plain/tests
	@echo "  CC  $@"
	@$(CC) $(WARN) $(CFLAGS) $(DEFS) $(PKG_CFLAGS) -Iapp -o $@ $< $(call objs,$(BUILD)/plain) $(PKG_LIBS) $(TEST_LIBS)
$(BUILD)/asan/tests/%: tests/%.c tests/testutil.h $(call objs,$(BUILD)/asan) | $(BUILD)/asan/tests
	@echo "  CC  $@"
	@$(CC) $(WARN) -O1 -g $(SAN_FLAGS) $(DEFS) $(PKG_CFLAGS) -Iapp -o $@ $< $(call objs,$(BUILD)/asan) $(PKG_LIBS) $(TEST_LIBS)

PLAIN_TESTS := $(patsubst tests/%.c,$(BUILD)/plain/tests/%,$(TEST_SRCS))
ASAN_TESTS  := $(patsubst tests/%.c,$(BUILD)/asan/tests/%,$(TEST_SRCS))

# ---------------------------------------------------------------- the contract
deps:
	@sh firmware/deps.sh build
deps-test:
	@sh firmware/deps.sh build test
deps-bench:
	@sh firmware/deps.sh build test bench

run: deps
	@$(MAKE) --no-print-directory bulletin
	./bulletin run --config feeds/demo.conf $(RUN_ARGS)

test: deps-test
	@$(MAKE) --no-print-directory test-plain test-asan

test-plain: bulletin $(PLAIN_TESTS)
	@BULLETIN_BIN=$(CURDIR)/bulletin sh tests/run.sh "plain" $(PLAIN_TESTS)

test-asan: $(BUILD)/asan/bulletin $(ASAN_TESTS)
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
	 BULLETIN_BIN=$(CURDIR)/$(BUILD)/asan/bulletin sh tests/run.sh "asan+ubsan" $(ASAN_TESTS)

bench: deps-bench bulletin
	@sh tests/bench/run.sh

# ---------------------------------------------------------------- install
install: bulletin
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/bulletin/fonts \
	    $(DESTDIR)$(PREFIX)/share/bulletin/feeds
	install -m 0755 bulletin $(DESTDIR)$(PREFIX)/bin/bulletin
	install -m 0644 fonts/*.ttf fonts/*.txt $(DESTDIR)$(PREFIX)/share/bulletin/fonts/
	cp -R feeds/. $(DESTDIR)$(PREFIX)/share/bulletin/feeds/

clean:
	rm -rf $(BUILD) bulletin
