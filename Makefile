# Bulletin - an office wall news display.
# `make run` and `make test` are the contract (see README.md): both first
# install the Debian packages that are missing, through firmware/deps.sh.

VERSION    := 0.1.0
PREFIX     ?= /usr/local
LIBEXECDIR ?= $(PREFIX)/libexec/bulletin
DESTDIR    ?=
PKG_CONFIG ?= pkg-config
CC         ?= cc
BUILD      ?= build

PKGS := sdl2 SDL2_ttf SDL2_image libcurl libxml-2.0 sqlite3 libcjson \
        libutf8proc libqrencode fribidi libsystemd uchardet nettle

CFLAGS  ?= -O2 -g
WARN    := -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wno-unused-parameter
DEFS    := -D_GNU_SOURCE -DBULLETIN_VERSION='"$(VERSION)"' -DBULLETIN_DATADIR='"$(PREFIX)/share/bulletin"' \
           -DBULLETIN_LIBEXECDIR='"$(LIBEXECDIR)"'
# Wall clocks before this are not believed (app/clock.h): the commit time.
# A clock before this is surely wrong (a Pi without RTC before NTP): 30 days
# before the commit, so a build machine's skewed clock cannot mislead it.
BUILD_EPOCH ?= $(shell t=$(or $(SOURCE_DATE_EPOCH),$(shell git log -1 --format=%ct 2>/dev/null),1738281600); echo $$((t - 2592000)))
DEFS    += -DBULLETIN_BUILD_EPOCH=$(BUILD_EPOCH)
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -lstemmer -lm
# Each executable keeps only the libraries its objects use (app/helper.h).
LINK_LIBS  = -Wl,--as-needed $(PKG_LIBS)
# The front end (`bulletin points` of a plain-text file) links statically:
# a short command then starts without the dynamic loader's relocations.
FRONT_LIBS = -static $(shell $(PKG_CONFIG) --static --libs libutf8proc 2>/dev/null) -lstemmer -lm
TEST_LIBS  = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null) $(shell $(PKG_CONFIG) --libs libwebp 2>/dev/null)

SRCS      := $(wildcard app/*.c)
# main.c is built once per role; source_http_none.c only into bulletin-text
# and bulletin-display, textinput_plain.c only into the front end.
LIB_SRCS  := $(filter-out app/main.c app/source_http_none.c app/textinput_plain.c,$(SRCS))
TEST_SRCS := $(wildcard tests/test_*.c)

SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined


# The executables, split by role (app/helper.h): bulletin, the front end, runs
# `points` of a plain-text file itself and execs bulletin-text (the other text
# commands), bulletin-display (run, shot) or bulletin-fetch (fetch; feed and
# extract of a URL, through bulletin-text), installed in LIBEXECDIR.
BINS := bulletin bulletin-text bulletin-display bulletin-fetch

.PHONY: stemtab all run test test-plain test-asan test-longrun test-fuzz valgrind bench install clean deps deps-test deps-bench \
        fuzz soak deb cross test-arm64 test-firmware test-boot bench-parser
all: $(BINS)

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

# main.c once per role: main-front.o, main-display.o, main-fetch.o.
ROLE_front   :=
ROLE_text    := -DBULLETIN_ROLE_TEXT
ROLE_display := -DBULLETIN_ROLE_DISPLAY
ROLE_fetch   := -DBULLETIN_ROLE_FETCH
$(BUILD)/plain/obj/main-%.o: app/main.c $(wildcard app/*.h) | $(BUILD)/plain/obj
	@echo "  CC  $@"
	@$(CC) $(WARN) $(CFLAGS) $(DEFS) $(ROLE_$*) $(PKG_CFLAGS) -c $< -o $@
$(BUILD)/asan/obj/main-%.o: app/main.c $(wildcard app/*.h) | $(BUILD)/asan/obj
	@echo "  CC  $@"
	@$(CC) $(WARN) -O1 -g $(SAN_FLAGS) $(DEFS) $(ROLE_$*) $(PKG_CFLAGS) -c $< -o $@

# The objects as an archive: each executable links only the ones it uses.
$(BUILD)/plain/libbulletin.a: $(call objs,$(BUILD)/plain)
	@rm -f $@; $(AR) rcs $@ $^
$(BUILD)/asan/libbulletin.a: $(call objs,$(BUILD)/asan)
	@rm -f $@; $(AR) rcs $@ $^

# $(call role_objs,DIR,ROLE): what executable ROLE links, from DIR.
role_objs = $(1)/obj/main-$(2).o $(if $(filter text display,$(2)),$(1)/obj/source_http_none.o) \
            $(if $(filter front,$(2)),$(1)/obj/textinput_plain.o) $(1)/libbulletin.a

bulletin: $(call role_objs,$(BUILD)/plain,front)
	$(CC) $(CFLAGS) -o $@ $^ $(FRONT_LIBS)
bulletin-text: $(call role_objs,$(BUILD)/plain,text)
	$(CC) $(CFLAGS) -o $@ $^ $(LINK_LIBS)
bulletin-display: $(call role_objs,$(BUILD)/plain,display)
	$(CC) $(CFLAGS) -o $@ $^ $(LINK_LIBS)
bulletin-fetch: $(call role_objs,$(BUILD)/plain,fetch)
	$(CC) $(CFLAGS) -o $@ $^ $(LINK_LIBS)

# (the sanitizers' runtime needs the dynamic loader: the front end too is dynamic here)
$(BUILD)/asan/bulletin: $(call role_objs,$(BUILD)/asan,front)
	$(CC) $(SAN_FLAGS) -o $@ $^ $(LINK_LIBS)
$(BUILD)/asan/bulletin-text: $(call role_objs,$(BUILD)/asan,text)
	$(CC) $(SAN_FLAGS) -o $@ $^ $(LINK_LIBS)
$(BUILD)/asan/bulletin-display: $(call role_objs,$(BUILD)/asan,display)
	$(CC) $(SAN_FLAGS) -o $@ $^ $(LINK_LIBS)
$(BUILD)/asan/bulletin-fetch: $(call role_objs,$(BUILD)/asan,fetch)
	$(CC) $(SAN_FLAGS) -o $@ $^ $(LINK_LIBS)
ASAN_BINS := $(addprefix $(BUILD)/asan/,$(BINS))

$(BUILD)/plain/tests/%: tests/%.c $(wildcard tests/*.h) $(call objs,$(BUILD)/plain) | $(BUILD)/plain/tests
	@echo "  CC  $@"
	@$(CC) $(WARN) $(CFLAGS) $(DEFS) $(PKG_CFLAGS) -Iapp -o $@ $< $(call objs,$(BUILD)/plain) $(PKG_LIBS) $(TEST_LIBS)
$(BUILD)/asan/tests/%: tests/%.c $(wildcard tests/*.h) $(call objs,$(BUILD)/asan) | $(BUILD)/asan/tests
	@echo "  CC  $@"
	@$(CC) $(WARN) -O1 -g $(SAN_FLAGS) $(DEFS) $(PKG_CFLAGS) -Iapp -o $@ $< $(call objs,$(BUILD)/asan) $(PKG_LIBS) $(TEST_LIBS)

# The stems of tools/common_en.txt as app/stemtab_en.h (committed: regenerate
# after changing the list or when test_summarize says libstemmer changed).
stemtab: $(BUILD)/tools/stemtab_gen
	$(BUILD)/tools/stemtab_gen tools/common_en.txt >app/stemtab_en.h.new && mv app/stemtab_en.h.new app/stemtab_en.h
$(BUILD)/tools/stemtab_gen: tools/stemtab_gen.c app/hash.c app/hash.h
	@mkdir -p $(@D)
	$(CC) $(WARN) -O2 -Iapp -o $@ tools/stemtab_gen.c app/hash.c -lstemmer

# clock.o and its test carry the build epoch: rebuild them when it moves.
EPOCH_STAMP := $(BUILD)/epoch-$(BUILD_EPOCH)
$(EPOCH_STAMP):
	@mkdir -p $(BUILD); rm -f $(BUILD)/epoch-*; touch $@
$(BUILD)/plain/obj/clock.o $(BUILD)/asan/obj/clock.o: $(EPOCH_STAMP)
$(BUILD)/plain/tests/test_clock $(BUILD)/asan/tests/test_clock: $(EPOCH_STAMP)

PLAIN_TESTS := $(patsubst tests/%.c,$(BUILD)/plain/tests/%,$(TEST_SRCS))
# test_firmware checks the units and the .deb: once (plain) is enough.
ASAN_TESTS  := $(patsubst tests/%.c,$(BUILD)/asan/tests/%,$(filter-out tests/test_firmware.c,$(TEST_SRCS)))

# ---------------------------------------------------------------- the contract
deps:
	@sh firmware/deps.sh build
deps-test:
	@sh firmware/deps.sh build test
deps-bench:
	@sh firmware/deps.sh build test bench

run: deps
	@$(MAKE) --no-print-directory $(BINS)
	./bulletin run --config feeds/demo.conf $(RUN_ARGS)

# Every stage runs even when one fails; tests/total.sh adds up their counts
# (tests/out/counts) into the one closing line CI reads.
test: deps-test
	@mkdir -p tests/out; rm -f tests/out/counts; status=0; \
	 $(MAKE) --no-print-directory test-plain || status=1; \
	 $(MAKE) --no-print-directory test-asan || status=1; \
	 $(MAKE) --no-print-directory test-longrun || status=1; \
	 $(MAKE) --no-print-directory test-fuzz || status=1; \
	 sh tests/total.sh $$status

# Bounded slices of the long runs; the full ones are fuzz, valgrind, soak.
test-longrun: $(BINS) $(BUILD)/plain/tests/test_soak
	@BULLETIN_BIN=$(CURDIR)/bulletin VALGRIND_KIOSK_SECONDS=8 sh tests/longrun.sh valgrind
	@BULLETIN_BIN=$(CURDIR)/bulletin SOAK_SECONDS=15 SOAK_WORKER_BIN=$(BUILD)/plain/tests/test_soak sh tests/longrun.sh soak

# libFuzzer (clang): one binary per target of tests/fuzz/targets.h, the app
# built again with -fsanitize=fuzzer-no-link,address,undefined. `make fuzz`
# runs them for FUZZ_SECONDS in all; `make test` a slice (tests/fuzz/run.sh).
FUZZ_CC      ?= clang
FUZZ_TARGETS := feed jsonfeed extract summarize feeddate config
FUZZ_CFLAGS  := $(filter-out -Werror,$(WARN)) -g -O1 -fno-omit-frame-pointer \
                -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_BINS    := $(patsubst %,$(BUILD)/fuzz/fuzz_%,$(FUZZ_TARGETS))
$(BUILD)/fuzz/obj:
	mkdir -p $@
$(BUILD)/fuzz/obj/%.o: app/%.c $(wildcard app/*.h) | $(BUILD)/fuzz/obj
	@echo "  CC  $@"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(DEFS) $(PKG_CFLAGS) -c $< -o $@
$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_main.c tests/fuzz/targets.h $(call objs,$(BUILD)/fuzz)
	@echo "  LD  $@"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -DFUZZ_TARGET=fuzz_$* $(DEFS) $(PKG_CFLAGS) -Iapp \
	  -o $@ $< $(call objs,$(BUILD)/fuzz) $(PKG_LIBS)
$(BUILD)/fuzz/obj/clock.o: $(EPOCH_STAMP)
.SECONDARY: $(call objs,$(BUILD)/fuzz)

FUZZ_SECONDS ?= 3600
fuzz: deps-test $(FUZZ_BINS)
	FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/run.sh long

test-fuzz: $(FUZZ_BINS)
	@sh tests/fuzz/run.sh slice

VALGRIND_KIOSK_SECONDS ?= 600
valgrind: deps-test $(BINS)
	BULLETIN_BIN=$(CURDIR)/bulletin VALGRIND_KIOSK_SECONDS=$(VALGRIND_KIOSK_SECONDS) sh tests/longrun.sh valgrind

SOAK_SECONDS ?= 604800
soak: deps-test $(BINS) $(BUILD)/plain/tests/test_soak
	BULLETIN_BIN=$(CURDIR)/bulletin SOAK_SECONDS=$(SOAK_SECONDS) SOAK_WORKER_BIN=$(BUILD)/plain/tests/test_soak sh tests/longrun.sh soak

test-plain: $(BINS) $(PLAIN_TESTS)
	@mkdir -p tests/out; $(MAKE) --no-print-directory deb >tests/out/deb-build.log 2>&1 || { cat tests/out/deb-build.log; exit 1; }
	@BULLETIN_BIN=$(CURDIR)/bulletin BULLETIN_DEB=$(CURDIR)/$(DEB) sh tests/run.sh "plain" $(PLAIN_TESTS)

test-asan: $(ASAN_BINS) $(ASAN_TESTS)
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
	 BULLETIN_BIN=$(CURDIR)/$(BUILD)/asan/bulletin sh tests/run.sh "asan+ubsan" $(ASAN_TESTS)

# `make bench` (tests/bench/run.sh, docs/benchmarks.md): every figure beside
# its peer, into build/bench/results.md; ARCH=arm64 adds the arm64 build's
# figures under qemu-user (and installs the cross toolchain for them).
bench:
	@sh firmware/deps.sh build test bench $(if $(filter arm64,$(ARCH)),cross)
	@$(MAKE) --no-print-directory -j$(shell nproc 2>/dev/null || echo 2) $(BINS) \
	    $(BUILD)/plain/libbulletin.a $(BUILD)/plain/tests/test_cluster
	@BENCH_ARM64=$(if $(filter arm64,$(ARCH)),1) sh tests/bench/run.sh

# link-grammar weighed as a checker of the shaper's cuts (issue 11,
# docs/summarizer.md "A parser, weighed"); installs it, not part of bench
bench-parser:
	@sh firmware/deps.sh build bench parser
	@$(MAKE) --no-print-directory -j$(shell nproc 2>/dev/null || echo 2) $(BINS) $(BUILD)/plain/libbulletin.a
	@sh tests/bench/parser.sh

# ---------------------------------------------------------------- install
install: $(BINS)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(LIBEXECDIR) \
	    $(DESTDIR)$(PREFIX)/share/bulletin/fonts $(DESTDIR)$(PREFIX)/share/bulletin/feeds
	install -m 0755 bulletin $(DESTDIR)$(PREFIX)/bin/bulletin
	install -m 0755 bulletin-text bulletin-display bulletin-fetch $(DESTDIR)$(LIBEXECDIR)/
	install -m 0644 fonts/*.ttf fonts/*.txt $(DESTDIR)$(PREFIX)/share/bulletin/fonts/
	cp -R feeds/. $(DESTDIR)$(PREFIX)/share/bulletin/feeds/

clean:
	rm -rf $(BUILD) $(BINS)

# ---------------------------------------------------------------- firmware
# A Raspberry Pi that boots into Bulletin: see firmware/README.md.
# `make deb [ARCH=arm64]` packages build/deb/bulletin_VERSION_ARCH.deb;
# `make cross ARCH=arm64` cross-builds into build/arm64 (Debian multiarch);
# `make test-arm64` runs the test suite's arm64 build under qemu-aarch64-static.
HOST_ARCH := $(shell dpkg --print-architecture 2>/dev/null || echo amd64)
ARCH      ?= $(HOST_ARCH)
DEB       := build/deb/bulletin_$(VERSION)_$(ARCH).deb
ARM64_MAKE := BUILD=build/arm64 PREFIX=/usr CC=aarch64-linux-gnu-gcc \
              PKG_CONFIG=aarch64-linux-gnu-pkg-config
ifeq ($(ARCH),$(HOST_ARCH))
ARCH_MAKE := BUILD=build/pkg-$(ARCH) PREFIX=/usr
ARCH_BIN  := build/pkg-$(ARCH)/bulletin
else ifeq ($(ARCH),arm64)
ARCH_MAKE := $(ARM64_MAKE)
ARCH_BIN  := build/arm64/bulletin
else
$(error ARCH=$(ARCH): only $(HOST_ARCH) and arm64 are supported)
endif

# The executables linked into $(BUILD) itself (for packaging and cross
# builds); mkdeb.sh takes the helpers from beside --bin.
$(BUILD)/bulletin: $(call role_objs,$(BUILD)/plain,front)
	$(CC) $(CFLAGS) -o $@ $^ $(FRONT_LIBS)
$(BUILD)/bulletin-text: $(call role_objs,$(BUILD)/plain,text)
	$(CC) $(CFLAGS) -o $@ $^ $(LINK_LIBS)
$(BUILD)/bulletin-display: $(call role_objs,$(BUILD)/plain,display)
	$(CC) $(CFLAGS) -o $@ $^ $(LINK_LIBS)
$(BUILD)/bulletin-fetch: $(call role_objs,$(BUILD)/plain,fetch)
	$(CC) $(CFLAGS) -o $@ $^ $(LINK_LIBS)
ARCH_BINS = $(ARCH_BIN) $(ARCH_BIN)-text $(ARCH_BIN)-display $(ARCH_BIN)-fetch

deb:
	@sh firmware/deps.sh build test $(if $(filter $(HOST_ARCH),$(ARCH)),,cross)
	@$(MAKE) --no-print-directory $(ARCH_MAKE) $(ARCH_BINS)
	@sh firmware/mkdeb.sh --bin $(ARCH_BIN) --arch $(ARCH) --version $(VERSION) --out $(DEB)

cross:
	@if [ "$(ARCH)" = "$(HOST_ARCH)" ]; then echo "make cross: give ARCH=arm64" >&2; exit 2; fi
	@sh firmware/deps.sh cross
	@$(MAKE) --no-print-directory $(ARCH_MAKE) $(ARCH_BINS)
	@echo "cross: $(ARCH_BIN) ($(ARCH))"

# The arm64 suite: the same cmocka binaries, run through qemu (no binfmt
# needed); BULLETIN_BIN is a wrapper that runs the arm64 bulletin under qemu.
ARM64_TESTS := $(patsubst tests/%.c,build/arm64/plain/tests/%,$(filter-out tests/test_firmware.c,$(TEST_SRCS)))
test-arm64:
	@sh firmware/deps.sh build test cross
	@mkdir -p tests/out build/arm64
	@$(MAKE) --no-print-directory $(ARM64_MAKE) build/arm64/bulletin build/arm64/bulletin-text build/arm64/bulletin-display build/arm64/bulletin-fetch $(ARM64_TESTS)
	@# Without binfmt the front end cannot exec its arm64 helpers: pick the
	@# executable that runs the command (app/main.c) here instead.
	@printf '#!/bin/sh\nd="%s/build/arm64"\ncase "$$1" in\nrun|shot) b=bulletin-display ;;\nfetch|feed|extract) b=bulletin-fetch ;;\npoints|story|status|opml) b=bulletin-text ;;\n*) b=bulletin ;;\nesac\nexec qemu-aarch64-static "$$d/$$b" "$$@"\n' "$(CURDIR)" >build/arm64/bulletin-qemu
	@chmod +x build/arm64/bulletin-qemu
	@$(MAKE) --no-print-directory ARCH=arm64 deb >tests/out/deb-arm64.log 2>&1 || { cat tests/out/deb-arm64.log; exit 1; }
	@$(MAKE) --no-print-directory $(BINS) $(BUILD)/plain/tests/test_firmware
	@BULLETIN_BIN=$(CURDIR)/bulletin BULLETIN_DEB=$(CURDIR)/build/deb/bulletin_$(VERSION)_arm64.deb \
	 sh tests/run.sh "arm64-package" $(BUILD)/plain/tests/test_firmware
	@TEST_WRAPPER=qemu-aarch64-static BULLETIN_BIN=$(CURDIR)/build/arm64/bulletin-qemu \
	 sh tests/run.sh "arm64" $(ARM64_TESTS)

# Units verified, security score, the .deb inspected and installed into a
# scratch root, install.sh run twice on a scratch root (tests/test_firmware.c).
test-firmware: $(BINS) $(BUILD)/plain/tests/test_firmware
	@$(MAKE) --no-print-directory deb
	@BULLETIN_BIN=$(CURDIR)/bulletin BULLETIN_DEB=$(CURDIR)/$(DEB) \
	 sh tests/run.sh "firmware" $(BUILD)/plain/tests/test_firmware

# A real boot under QEMU (firmware/test-boot/, firmware/README.md): a Debian
# bookworm image from Debian's packages, the .deb and install.sh as an owner
# runs them, then the wall checked from outside. Minutes: not in `make test`.
# Needs root (mmdebstrap, chroot); the images go to build/boot/ARCH.
test-boot:
	@sh firmware/deps.sh build test boot $(if $(filter $(HOST_ARCH),$(ARCH)),,cross)
	@$(MAKE) --no-print-directory ARCH=$(ARCH) deb
	@sh firmware/test-boot/image.sh $(ARCH) $(DEB) build/boot/$(ARCH)
	@python3 firmware/test-boot/boot.py $(ARCH) build/boot/$(ARCH)
