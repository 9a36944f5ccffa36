# specbench - server benchmarking and spec verification.
#
#   make            build build/specbench
#   make check      build, then run every test, plain and under ASan+UBSan
#   make check-load the same with a CPU hog beside it (stress-ng --cpu 1), as on
#                   a shared, noisy CI machine
#   make deps       install the Debian 12 packages specbench needs (root)
#   make benchmark  speed figures, as ratios against reference tools
#   make fuzz       run each libFuzzer harness for FUZZ_SECONDS (default 60),
#                   or until FUZZ_RUNS executions
#   make golden     write the golden files of the fixture machines anew (tests/golden/)
#   make hostile    the hostile round: ~1,500 bad inputs against the sanitized binary
#   make install    PREFIX=/usr/local DESTDIR=
#   make deb        the Debian package, build/deb/specbench_VERSION_amd64.deb (lintian-checked)

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/specbench
MANDIR ?= $(PREFIX)/share/man
DESTDIR ?=

LIBEXECDIR ?= $(PREFIX)/lib/specbench
LOCALEDIR ?= $(PREFIX)/share/locale
SYSCONFDIR ?= /etc
UNITDIR ?= /lib/systemd/system
COMPLETIONDIR ?= $(PREFIX)/share/bash-completion/completions

# specbench itself; libcurl (and its thirty libraries) only in the helper
# specbench-net, so that specbench starts fast and stays small.
PKGS := libcpuid jansson libcurl sqlite3 libpq mount libmnl inih libunbound libcrypto
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# libpq: opened by history/postgres.c when a postgresql:// history is used
PKG_LIBS := $(shell pkg-config --libs libcpuid jansson sqlite3 mount libmnl inih libcrypto 2>/dev/null) -lm -ldl
NET_LIBS := $(shell pkg-config --libs jansson libcurl inih 2>/dev/null)
# the mail helper: libunbound and libcurl (see mail/specbench_mail.c)
MAIL_LIBS := $(shell pkg-config --libs jansson libcurl inih libunbound libcrypto 2>/dev/null)

CC ?= cc
CFLAGS ?= -O2 -g
WARN := -Wall -Wextra -Werror
BASE_CFLAGS := -std=c11 -D_DEFAULT_SOURCE -I. $(WARN) $(PKG_CFLAGS) \
	-DSPECBENCH_DATADIR='"$(DATADIR)"' -DSPECBENCH_LIBEXECDIR='"$(LIBEXECDIR)"' \
	-DSPECBENCH_LOCALEDIR='"$(LOCALEDIR)"'
SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

NET_SRC := bench/netbench.c bench/netsend.c
# the parts of mail/ that talk to the network live only in the helper
MAIL_NET_SRC := mail/specbench_mail.c mail/resolver.c mail/smtp.c
LAYERS := base model probes bench reports verify history site mail cli
SRC := $(filter-out $(NET_SRC) $(MAIL_NET_SRC),$(wildcard $(LAYERS:%=%/*.c)))
LIB_SRC := $(filter-out cli/main.c,$(SRC))
TEST_SRC := $(wildcard tests/unit/*.c)

OBJ := $(SRC:%.c=build/obj/%.o)
LIB_OBJ := $(LIB_SRC:%.c=build/obj/%.o)
TEST_OBJ := $(TEST_SRC:%.c=build/obj/%.o)
SAN_OBJ := $(SRC:%.c=build/san/%.o)
SAN_LIB_OBJ := $(LIB_SRC:%.c=build/san/%.o)
SAN_TEST_OBJ := $(TEST_SRC:%.c=build/san/%.o)

PO_LANGS := nl
MO := $(PO_LANGS:%=build/locale/%/LC_MESSAGES/specbench.mo)

all: build/specbench build/specbench-net build/specbench-mail $(MO)

# ---- translations: the spec page's words (site/) and the shipped specs'
# texts, in GNU gettext catalogues: po/LANG.po -> build/locale/LANG/... .mo,
# found next to the binary (site/i18n.c).  `make po` extracts the messages
# anew into po/specbench.pot and merges them into each po/LANG.po.
SPEC_FILES := $(wildcard specs/*.json specs/apps/*.json)

build/locale/%/LC_MESSAGES/specbench.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

po:
	@mkdir -p build/po
	po/spec_texts.sh $(SPEC_FILES) > build/po/spec_texts.c
	xgettext --from-code=UTF-8 -k_ -kN_ -ki18n_ntext:1,2 --language=C --add-comments=TRANSLATORS --package-name=specbench \
	  --msgid-bugs-address=specbench-developers -o po/specbench.pot site/*.c model/registry.c build/po/spec_texts.c
	for l in $(PO_LANGS); do msgmerge -q -U --backup=none po/$$l.po po/specbench.pot; done

check-pkgs:
	@pkg-config --exists $(PKGS) || { \
	  echo "missing development libraries: $$(for p in $(PKGS); do pkg-config --exists $$p || printf '%s ' $$p; done)" >&2; \
	  echo "run 'make deps' (as root) first" >&2; exit 1; }

# CPPFLAGS and LDFLAGS: the hardening flags of dpkg-buildflags in make deb
build/obj/%.o: %.c | check-pkgs
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(BASE_CFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

build/san/%.o: %.c | check-pkgs
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) $(SAN_FLAGS) -MMD -MP -c -o $@ $<

build/specbench: $(OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

# the helper links only the base parts it uses (its option parser)
NET_BASE := base/options.c base/optfile.c base/safeopen.c base/error.c base/printable.c base/text.c base/validate.c base/files.c base/clock.c base/rmtree.c \
	base/orderstat.c base/docpath.c base/strbuf.c
build/specbench-net: $(NET_SRC:%.c=build/obj/%.o) $(NET_BASE:%.c=build/obj/%.o)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(NET_LIBS)

build/san/specbench-net: $(NET_SRC:%.c=build/san/%.o) $(NET_BASE:%.c=build/san/%.o)
	$(CC) $(CFLAGS) $(SAN_FLAGS) -o $@ $^ $(NET_LIBS)

MAIL_PURE := mail/facts.c mail/spf.c mail/dmarc.c mail/dkim.c mail/taglist.c mail/firewall.c mail/hostport.c
MAIL_BASE := $(NET_BASE) base/jsonutil.c
MAIL_OBJ := $(MAIL_NET_SRC) $(MAIL_PURE) $(MAIL_BASE)
build/specbench-mail: $(MAIL_OBJ:%.c=build/obj/%.o)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(MAIL_LIBS)

build/san/specbench-mail: $(MAIL_OBJ:%.c=build/san/%.o)
	$(CC) $(CFLAGS) $(SAN_FLAGS) -o $@ $^ $(MAIL_LIBS)

build/unit: $(LIB_OBJ) $(TEST_OBJ)
	$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS)

build/san/specbench: $(SAN_OBJ)
	$(CC) $(CFLAGS) $(SAN_FLAGS) -o $@ $^ $(PKG_LIBS)

build/san/unit: $(SAN_LIB_OBJ) $(SAN_TEST_OBJ)
	$(CC) $(CFLAGS) $(SAN_FLAGS) -o $@ $^ $(PKG_LIBS)

# ---- fuzzing: libFuzzer harnesses (tests/fuzz), built with clang ----------------
# The library is compiled again with clang's fuzzer instrumentation, ASan and
# UBSan; each harness links it with libFuzzer's main.
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_RUNS ?=
FUZZ_FLAGS := -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_NAMES := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS := $(FUZZ_NAMES:%=build/fuzz/fuzz_%)
FUZZ_LIB_OBJ := $(LIB_SRC:%.c=build/fuzz/obj/%.o)

build/fuzz/obj/%.o: %.c | check-pkgs
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(BASE_CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(FUZZ_LIB_OBJ)
	$(FUZZ_CC) $(BASE_CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_LIB_OBJ) $(PKG_LIBS)

fuzz-build: $(FUZZ_BINS)
.SECONDARY: $(FUZZ_LIB_OBJ)

fuzz: build/specbench build/unit fuzz-build
	@rm -rf build/fuzz/fixtures && tests/fixtures/build.sh build/fuzz/fixtures && \
	  build/unit --write-smbios build/fuzz/fixtures >/dev/null && \
	  tests/fuzz/run.sh fuzz $(FUZZ_SECONDS) build/fuzz/fixtures $(FUZZ_RUNS)

# After an intended change of what specbench prints: write the golden files
# of every fixture machine anew (tests/golden.sh), then review the diff.
golden: build/specbench build/unit
	@rm -rf build/golden-fixtures && tests/fixtures/build.sh build/golden-fixtures && \
	  build/unit --write-smbios build/golden-fixtures >/dev/null && \
	  FIXTURES=build/golden-fixtures SPECBENCH=build/specbench tests/golden.sh --update

hostile: build/san/specbench build/san/specbench-mail build/unit
	@rm -rf build/hostile-fixtures && tests/fixtures/build.sh build/hostile-fixtures && \
	  build/unit --write-smbios build/hostile-fixtures >/dev/null && \
	  python3 tests/hostile.py build/san/specbench build/hostile-fixtures

# The test command of the README.  Its last line is "N passed, N failed".
# the whole suite with one CPU of the two kept busy: every test must hold on a
# loaded machine (a duration is a bound on behaviour, never a tight timing)
check-load:
	@command -v stress-ng >/dev/null || { echo "make check-load: stress-ng is missing (make deps)" >&2; exit 3; }
	@stress-ng --cpu 1 --timeout 3600s --quiet & hog=$$!; \
	  trap 'kill $$hog 2>/dev/null; wait $$hog 2>/dev/null' EXIT INT TERM; \
	  $(MAKE) --no-print-directory check

# the edit-test loop's tier: layering, unit tests, golden files; plain build
check-quick: build/specbench build/unit
	@tests/run.sh --quick

CHECK_BUILDS := build/specbench build/specbench-net build/specbench-mail $(MO) build/unit build/san/specbench \
	build/san/specbench-net build/san/specbench-mail build/san/unit build/cpuid_brand build/openat2_shim.so fuzz-build

# the four builds (plain, sanitizers, clang's fuzzing harnesses) on every
# core: a clean checkout's `make check` spent two minutes compiling on one
check:
	@$(MAKE) --no-print-directory -j$$(nproc) $(CHECK_BUILDS)
	@tests/run.sh

deps:
	@ci/install-deps.sh

build/timeit: tests/tools/timeit.c
	@mkdir -p build
	$(CC) $(CFLAGS) -std=c11 -D_DEFAULT_SOURCE $(WARN) -o $@ $<

build/cpuid_brand: tests/tools/cpuid_brand.c
	@mkdir -p build
	$(CC) $(CFLAGS) -std=c11 -D_DEFAULT_SOURCE $(WARN) -o $@ $<

# valgrind 3.19 answers ENOSYS to openat2(): its runs preload this (tests only)
build/openat2_shim.so: tests/tools/openat2_shim.c
	@mkdir -p build
	$(CC) $(CFLAGS) -std=c11 $(WARN) -shared -fPIC -o $@ $< -ldl

benchmark: build/specbench build/specbench-net build/specbench-mail $(MO) build/timeit
	@tests/benchmark.sh

# ---- the Debian package (debian/): built with dpkg-buildpackage from a copy
# of the source tree in build/deb, so that nothing is written outside build/
deb:
	@tests/deb.sh build

install: build/specbench build/specbench-net build/specbench-mail $(MO)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBEXECDIR) $(DESTDIR)$(DATADIR)/specs/apps $(DESTDIR)$(MANDIR)/man1
	install -m 0755 build/specbench $(DESTDIR)$(BINDIR)/specbench
	install -m 0755 build/specbench-net $(DESTDIR)$(LIBEXECDIR)/specbench-net
	install -m 0755 build/specbench-mail $(DESTDIR)$(LIBEXECDIR)/specbench-mail
	install -m 0644 man/specbench.1 $(DESTDIR)$(MANDIR)/man1/specbench.1
	install -m 0644 specs/*.json specs/README.md $(DESTDIR)$(DATADIR)/specs/
	install -m 0644 specs/apps/*.json $(DESTDIR)$(DATADIR)/specs/apps/
	install -D -m 0644 dist/prometheus/specbench.rules.yml $(DESTDIR)$(DATADIR)/prometheus/specbench.rules.yml
	for l in $(PO_LANGS); do install -D -m 0644 build/locale/$$l/LC_MESSAGES/specbench.mo \
	  $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/specbench.mo; done
	install -D -m 0644 dist/bash-completion/specbench $(DESTDIR)$(COMPLETIONDIR)/specbench
	# the scheduled run's units, with this install's paths
	install -d $(DESTDIR)$(UNITDIR)
	sed -e 's|@BINDIR@|$(BINDIR)|g' -e 's|@SYSCONFDIR@|$(SYSCONFDIR)|g' dist/systemd/specbench-regress.service.in \
	  > $(DESTDIR)$(UNITDIR)/specbench-regress.service
	install -m 0644 dist/systemd/specbench-regress.timer $(DESTDIR)$(UNITDIR)/
	# an operator's own settings are never overwritten; they name the
	# history and its key files: not the world's to read
	[ -e $(DESTDIR)$(SYSCONFDIR)/specbench/specbench.conf ] || \
	  install -D -m 0640 dist/specbench.conf $(DESTDIR)$(SYSCONFDIR)/specbench/specbench.conf

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/specbench $(DESTDIR)$(MANDIR)/man1/specbench.1
	rm -rf $(DESTDIR)$(LIBEXECDIR)
	rm -rf $(DESTDIR)$(DATADIR)
	for l in $(PO_LANGS); do rm -f $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/specbench.mo; done
	rm -f $(DESTDIR)$(COMPLETIONDIR)/specbench $(DESTDIR)$(UNITDIR)/specbench-regress.service \
	  $(DESTDIR)$(UNITDIR)/specbench-regress.timer

clean:
	rm -rf build

.PHONY: check-load check-quick all check check-pkgs deps deb benchmark fuzz fuzz-build golden hostile install uninstall clean po

-include $(OBJ:.o=.d) $(TEST_OBJ:.o=.d) $(SAN_OBJ:.o=.d) $(SAN_TEST_OBJ:.o=.d) $(NET_SRC:%.c=build/obj/%.d) $(NET_SRC:%.c=build/san/%.d) \
	$(FUZZ_LIB_OBJ:.o=.d)
