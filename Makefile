# Makefile — builds refsog, its tests, fuzz targets and benchmarks.
# `make help` lists the targets and variables.

CC       ?= cc
CXX      ?= g++
PREFIX   ?= /usr/local
DESTDIR  ?=
SANITIZE ?=
# Objects of a sanitizer build go to their own tree so the two never mix.
BUILD    ?= build$(if $(SANITIZE),$(if $(filter thread,$(SANITIZE)),-tsan,-san))

PKGS := xapian-core icu-uc icu-i18n glib-2.0 jansson libxml-2.0 zlib libzstd
# Loaded when first needed (common/dynlib.h), not linked: their headers at build time, their
# libraries at run time. Linked, poppler-glib (ingest/pdf.c) and libmicrohttpd (engine/mhd.c)
# bring 50 shared libraries (cairo, NSS, X11, GnuTLS…) into every start of refsog.
DLOPEN_PKGS := poppler-glib libmicrohttpd
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) $(DLOPEN_PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lstemmer -lpthread -lm
# the soname of pkg-config package $(1)'s library $(2) (empty when not found: the C default)
soname_of = $(shell objdump -p "$$(pkg-config --variable=libdir $(1) 2>/dev/null)/$(2)" 2>/dev/null | awk '$$1 == "SONAME" {print $$2}')
POPPLER_SONAME := $(call soname_of,poppler-glib,libpoppler-glib.so)
MHD_SONAME     := $(call soname_of,libmicrohttpd,libmicrohttpd.so)
TEST_CFLAGS := $(shell pkg-config --cflags cmocka 2>/dev/null)
TEST_LIBS   := $(shell pkg-config --libs cmocka 2>/dev/null)

WARN     := -Wall -Wextra -Werror
OPT      ?= -O2 -g
SANFLAGS := $(if $(SANITIZE),-fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all)
# Each layer sees its own headers and those of the layers below it, nothing above: an upward
# #include fails to compile (common ← stemmer ← ingest ← index ← engine ← cli).
INC_common  := -Icommon
INC_stemmer := -Istemmer $(INC_common)
INC_ingest  := -Iingest $(INC_stemmer)
INC_index   := -Iindex $(INC_ingest)
INC_engine  := -Iengine $(INC_index)
INC_cli     := -Icli $(INC_engine)
# tests, fuzz targets and benchmarks see the layer their name says (test_<layer>_*.c), else all
layer_inc = $(or $(INC_$(word 2,$(subst _, ,$(notdir $(1))))),$(INC_cli))
INCLUDES = $(if $(filter common stemmer ingest index engine cli,$(firstword $(subst /, ,$<))),$(INC_$(firstword $(subst /, ,$<))),$(call layer_inc,$<))
CFLAGS   += -std=c11 -D_GNU_SOURCE $(WARN) $(OPT) $(SANFLAGS) $(INCLUDES) $(PKG_CFLAGS) -MMD -MP
CXXFLAGS += -std=c++17 $(WARN) $(OPT) $(SANFLAGS) $(INCLUDES) $(PKG_CFLAGS) -MMD -MP
LDFLAGS  += $(SANFLAGS)

# One static library per layer; a layer may use the layers listed after it.
COMMON_SRC  := $(wildcard common/*.c)
# the build tools (lemmagen, headgen, leximagegen) are programs of their own, not in the library
STEMMER_TOOLS := stemmer/lemmagen.c stemmer/leximagegen.c stemmer/headgen.c
STEMMER_SRC := $(filter-out $(STEMMER_TOOLS),$(wildcard stemmer/*.c))
INGEST_SRC  := $(wildcard ingest/*.c)
INDEX_SRC   := $(wildcard index/*.c) $(wildcard index/*.cc)
ENGINE_SRC  := $(wildcard engine/*.c)
CLI_SRC     := $(wildcard cli/*.c)

objs = $(patsubst %,$(BUILD)/%.o,$(basename $(1)))

LIB_COMMON  := $(BUILD)/libcommon.a
LIB_STEMMER := $(BUILD)/librsstemmer.a
LIB_INGEST  := $(BUILD)/librsingest.a
LIB_INDEX   := $(BUILD)/librsindex.a
LIB_ENGINE  := $(BUILD)/librsengine.a

# Link order: engine → index → ingest → stemmer → common.
LIBS_common  := $(LIB_COMMON)
LIBS_stemmer := $(LIB_STEMMER) $(LIBS_common)
LIBS_ingest  := $(LIB_INGEST) $(LIBS_stemmer)
LIBS_index   := $(LIB_INDEX) $(LIBS_ingest)
LIBS_engine  := $(LIB_ENGINE) $(LIBS_index)
ALL_LIBS     := $(LIBS_engine)
# the CLI's own pieces that unit tests take (tests/unit/test_cli_*.c)
LIBS_cli     := $(BUILD)/cli/args.o $(BUILD)/cli/progress.o $(LIBS_engine)

REFSOG := $(BUILD)/refsog

# Unit tests: tests/unit/test_<layer>_<name>.c links the <layer> library and
# those below it, so a broken upper layer does not stop lower-layer tests.
UNIT_SRC   := $(wildcard tests/unit/test_*.c)
UNIT_BINS  := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))
TEST_SUPPORT_SRC := $(wildcard tests/support/*.c)
TEST_SUPPORT := $(call objs,$(TEST_SUPPORT_SRC))

# Fuzz targets: fuzz/fuzz_<layer>_<name>.c defines LLVMFuzzerTestOneInput.
# `make check` links each with fuzz/replay.c and replays fuzz/corpus/<name>/.
FUZZ_SRC   := $(wildcard fuzz/fuzz_*.c)
FUZZ_REPLAY_BINS := $(patsubst fuzz/fuzz_%.c,$(BUILD)/fuzz/replay_%,$(FUZZ_SRC))
FUZZ_BINS  := $(patsubst fuzz/fuzz_%.c,build-fuzz/fuzz_%,$(FUZZ_SRC))
SECONDS    ?= 60
SIZE       ?= 5000

.PHONY: all deps check unit e2e fuzz-replay fuzz fuzz-run demo install clean help bench relevance check-crash check-race print-includes
LEXIMAGE := $(BUILD)/da-lexicon.img
all: $(REFSOG) $(BUILD)/refsog.1 $(BUILD)/da-lemmas.txt $(BUILD)/da-words.txt $(LEXIMAGE)

help:
	@echo "Targets:"
	@echo "  make              build $(REFSOG)"
	@echo "  make deps         install the Debian packages the project needs (root)"
	@echo "  make check        install missing deps, build, run unit, fuzz-replay and end-to-end tests"
	@echo "  make unit         unit tests only;  make e2e  end-to-end tests only"
	@echo "  make demo         index the sample minutes in data/sample and run a search"
	@echo "  make bench        analyser and indexing throughput on the sample minutes"
	@echo "  make relevance    nDCG@10, MRR, recall@10 on the judged queries, refsog vs a Xapian peer"
	@echo "  make fuzz         build libFuzzer targets (clang) in build-fuzz/"
	@echo "  make fuzz-run     run each fuzz target for SECONDS (default 60)"
	@echo "  make check-crash  kill the indexer at 20 random points and check the index each time"
	@echo "  make check-race   ThreadSanitizer build (build-tsan/) of the server under 20 s of concurrent load"
	@echo "  make install      install refsog and its data into DESTDIR/PREFIX"
	@echo "  make clean        remove build trees"
	@echo "Variables: CC CXX PREFIX DESTDIR SANITIZE=address,undefined (own tree: build-san) OPT BUILD SECONDS"

deps:
	@scripts/deps.sh

# Install packages only when something is missing (deps.sh --check is quiet).
$(BUILD)/.deps-ok: scripts/deps.sh
	@scripts/deps.sh --check >/dev/null 2>&1 || scripts/deps.sh
	@mkdir -p $(BUILD) && touch $@

$(BUILD)/ingest/pdf.o: CFLAGS += $(if $(POPPLER_SONAME),-DRS_POPPLER_SONAME='"$(POPPLER_SONAME)"')
$(BUILD)/engine/mhd.o: CFLAGS += $(if $(MHD_SONAME),-DRS_MHD_SONAME='"$(MHD_SONAME)"')

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/%.o: %.cc
	@mkdir -p $(dir $@)
	$(CXX) $(CXXFLAGS) -c $< -o $@

$(LIB_COMMON): $(call objs,$(COMMON_SRC))
$(LIB_STEMMER): $(call objs,$(STEMMER_SRC))
$(LIB_INGEST): $(call objs,$(INGEST_SRC))
$(LIB_INDEX): $(call objs,$(INDEX_SRC))
$(LIB_ENGINE): $(call objs,$(ENGINE_SRC))
$(BUILD)/lib%.a:
	@mkdir -p $(dir $@)
	@rm -f $@
	ar rcs $@ $^

$(REFSOG): $(call objs,$(CLI_SRC)) $(ALL_LIBS)
	$(CXX) $(LDFLAGS) -o $@ $(call objs,$(CLI_SRC)) $(ALL_LIBS) $(PKG_LIBS)

layer_of = $(word 2,$(subst _, ,$(notdir $(1))))

.SECONDEXPANSION:
$(BUILD)/tests/test_%: $(BUILD)/tests/unit/test_%.o $(TEST_SUPPORT) $$(LIBS_$$(call layer_of,test_%))
	@mkdir -p $(dir $@)
	$(CXX) $(LDFLAGS) -o $@ $< $(TEST_SUPPORT) $(LIBS_$(call layer_of,$@)) $(PKG_LIBS) $(TEST_LIBS)

$(BUILD)/tests/unit/%.o: tests/unit/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(TEST_CFLAGS) -c $< -o $@

$(BUILD)/fuzz/replay_%: $(BUILD)/fuzz/fuzz_%.o $(BUILD)/fuzz/replay.o $$(LIBS_$$(call layer_of,fuzz_%))
	@mkdir -p $(dir $@)
	$(CXX) $(LDFLAGS) -o $@ $< $(BUILD)/fuzz/replay.o $(LIBS_$(call layer_of,fuzz_$*)) $(PKG_LIBS)

unit: $(BUILD)/.deps-ok
	@$(MAKE) --no-print-directory $(UNIT_BINS) $(LEXIMAGE)
	@tests/run-unit.sh $(UNIT_BINS)

fuzz-replay: $(BUILD)/.deps-ok
	@$(MAKE) --no-print-directory $(FUZZ_REPLAY_BINS) $(LEXIMAGE)
	@tests/run-fuzz-replay.sh $(FUZZ_REPLAY_BINS)

e2e: $(BUILD)/.deps-ok
	@$(MAKE) --no-print-directory all
	@REFSOG=$(abspath $(REFSOG)) tests/run-e2e.sh

# The whole suite; the last line is "N passed, N failed".
check: $(BUILD)/.deps-ok
	@$(MAKE) --no-print-directory all $(UNIT_BINS) $(FUZZ_REPLAY_BINS)
	@REFSOG=$(abspath $(REFSOG)) tests/run-all.sh $(UNIT_BINS) -- $(FUZZ_REPLAY_BINS)

# The long forms of the reliability tests (docs/reliability.md).
check-crash: $(BUILD)/.deps-ok
	@$(MAKE) --no-print-directory all
	@RS_CRASH_ROUNDS=20 REFSOG=$(abspath $(REFSOG)) bash tests/e2e/test_crash.sh

# The server under concurrent load of every query kind, built with ThreadSanitizer: any data race
# stops it (halt_on_error) and the test fails. G_SLICE=always-malloc: GLib's slice allocator hands
# memory between threads in a way ThreadSanitizer cannot see (a hash table of one indexing thread
# reported as raced with another's freed slice); with malloc it sees every allocation.
check-race: $(BUILD)/.deps-ok
	@$(MAKE) --no-print-directory SANITIZE=thread all
	@G_SLICE=always-malloc TSAN_OPTIONS="halt_on_error=1 exitcode=66 $${TSAN_OPTIONS:-}" RS_LOAD_SECONDS=20 \
	  REFSOG=$(abspath build-tsan/refsog) bash tests/e2e/test_serve_load.sh

fuzz: $(FUZZ_BINS)
build-fuzz/fuzz_%: fuzz/fuzz_%.c $(wildcard common/*.c stemmer/*.c ingest/*.c index/*.c index/*.cc engine/*.c)
	@$(MAKE) --no-print-directory BUILD=build-fuzz/obj CC=clang CXX=clang++ \
	  OPT="-O1 -g -fsanitize=fuzzer-no-link,address,undefined"\
	  build-fuzz/obj/libcommon.a build-fuzz/obj/librsstemmer.a build-fuzz/obj/librsingest.a build-fuzz/obj/librsindex.a build-fuzz/obj/librsengine.a
	clang -std=c11 -D_GNU_SOURCE -O1 -g -fsanitize=fuzzer,address,undefined $(INCLUDES) $(PKG_CFLAGS) \
	  -c -o $@.o $<
	clang++ -fsanitize=fuzzer,address,undefined -o $@ $@.o build-fuzz/obj/librsengine.a \
	  build-fuzz/obj/librsindex.a build-fuzz/obj/librsingest.a build-fuzz/obj/librsstemmer.a build-fuzz/obj/libcommon.a $(PKG_LIBS)

fuzz-run: fuzz
	@for f in $(FUZZ_BINS); do n=$${f##*/fuzz_}; mkdir -p build-fuzz/corpus/$$n; \
	  echo "== $$n ($(SECONDS)s)"; \
	  $$f -max_total_time=$(SECONDS) -print_final_stats=1 build-fuzz/corpus/$$n fuzz/corpus/$$n || exit 1; done

$(BUILD)/bench/bench_analyze: $(BUILD)/bench/bench_analyze.o $(LIBS_stemmer)
	@mkdir -p $(dir $@)
	$(CXX) $(LDFLAGS) -o $@ $< $(LIBS_stemmer) $(PKG_LIBS)

$(BUILD)/bench/bench_parse: $(BUILD)/bench/bench_parse.o $(LIBS_ingest)
	@mkdir -p $(dir $@)
	$(CXX) $(LDFLAGS) -o $@ $< $(LIBS_ingest) $(PKG_LIBS)

$(BUILD)/bench/bench_tables: $(BUILD)/bench/bench_tables.o $(LIBS_index)
	@mkdir -p $(dir $@)
	$(CXX) $(LDFLAGS) -o $@ $< $(LIBS_index) $(PKG_LIBS)

$(BUILD)/bench/bench_query: $(BUILD)/bench/bench_query.o $(LIBS_engine)
	@mkdir -p $(dir $@)
	$(CXX) $(LDFLAGS) -o $@ $< $(LIBS_engine) $(PKG_LIBS)

$(BUILD)/bench/fts5_peer: bench/peers/fts5_peer.c bench/timing.h
	@mkdir -p $(dir $@)
	$(CC) -std=c11 $(WARN) $(OPT) -o $@ $< -lsqlite3

$(BUILD)/bench/pg_peer: bench/peers/pg_peer.c bench/timing.h
	@mkdir -p $(dir $@)
	$(CC) -std=c11 $(WARN) $(OPT) -I$(shell pg_config --includedir 2>/dev/null || echo /usr/include/postgresql) -o $@ $< -lpq

$(BUILD)/bench/xapian_peer: bench/peers/xapian_peer.cc
	@mkdir -p $(dir $@)
	$(CXX) -std=c++17 $(WARN) $(OPT) $(PKG_CFLAGS) -o $@ $< $(PKG_LIBS)

# The Lucene peer (Debian's liblucene8-java; jars named with their version, so found by pattern).
lucene_nil :=
lucene_sp := $(lucene_nil) $(lucene_nil)
LUCENE_CP = $(subst $(lucene_sp),:,$(strip $(foreach j,core analyzers-common queryparser,\
  $(lastword $(sort $(wildcard /usr/share/java/lucene-$(j)-[0-9]*.jar))))))

$(BUILD)/bench/LucenePeer.class: bench/peers/LucenePeer.java
	@mkdir -p $(dir $@)
	@test -n "$(LUCENE_CP)" || { echo "no Lucene jars: run scripts/deps.sh --relevance" >&2; exit 1; }
	javac -nowarn -encoding UTF-8 -cp $(LUCENE_CP) -d $(dir $@) $<

# The Lucene peer of `make bench` (indexing and query speed; uses LucenePeer's tuned analyser).
LUCENE_BENCH_CP = $(LUCENE_CP):$(lastword $(sort $(wildcard /usr/share/java/lucene-facet-[0-9]*.jar)))
$(BUILD)/bench/LuceneBench.class: bench/peers/LuceneBench.java $(BUILD)/bench/LucenePeer.class
	@test -n "$(LUCENE_CP)" || { echo "no Lucene jars: run scripts/deps.sh --bench" >&2; exit 1; }
	javac -nowarn -encoding UTF-8 -cp $(dir $@):$(LUCENE_BENCH_CP) -d $(dir $@) $<

# Relevance on the judged queries: refsog against the Xapian peer and two Lucene peers (docs/relevance.md).
relevance: $(BUILD)/.deps-ok
	@scripts/deps.sh --relevance
	@$(MAKE) --no-print-directory all $(BUILD)/bench/xapian_peer $(BUILD)/bench/LucenePeer.class
	@python3 tests/relevance/eval.py --refsog $(REFSOG) --peer $(BUILD)/bench/xapian_peer \
	  --lucene "java -cp $(BUILD)/bench:$(LUCENE_CP) LucenePeer"

# Benchmarks (numbers go to docs/benchmarks.md by hand, with the command).
bench: $(BUILD)/.deps-ok
	@scripts/deps.sh --bench
	@$(MAKE) --no-print-directory $(BUILD)/bench/bench_analyze $(BUILD)/bench/bench_parse $(BUILD)/bench/bench_query \
	  $(BUILD)/bench/fts5_peer $(BUILD)/bench/xapian_peer $(BUILD)/bench/pg_peer all
	@if command -v javac >/dev/null && [ -n "$(LUCENE_CP)" ] && [ -n "$(wildcard /usr/share/java/lucene-facet-[0-9]*.jar)" ]; then \
	  $(MAKE) --no-print-directory $(BUILD)/bench/LuceneBench.class; \
	else echo "(Lucene peer skipped: no JDK or no Lucene 8 jars in /usr/share/java; scripts/deps.sh --bench installs them)"; fi
	@bench/run.sh $(BUILD)
	@LUCENE_BENCH="java -cp $(BUILD)/bench:$(LUCENE_BENCH_CP) LuceneBench" bench/compare.sh $(BUILD) $(SIZE)

demo: $(BUILD)/.deps-ok
	@$(MAKE) --no-print-directory all
	@scripts/demo.sh $(REFSOG)

# The Danish lemma table (stemmer/lemma.h): hunspell-da's analyses of the wdanish word list, kept
# where Snowball cannot join a form to its lemma (stemmer/lemmagen.c). Found next to the binary.
$(BUILD)/lemmagen: stemmer/lemmagen.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE $(WARN) -O2 -o $@ $< -lstemmer

$(BUILD)/da-lemmas.txt: $(BUILD)/lemmagen
	LC_ALL=C.UTF-8 hunspell -d da_DK -s < /usr/share/dict/danish 2>/dev/null | $(BUILD)/lemmagen > $@.tmp && mv $@.tmp $@

# The lexicon image (stemmer/leximage.h): the wdanish word list and the lemma table as the
# analyser uses them, mapped in place at start-up instead of parsed. Found next to the binary.
$(BUILD)/leximagegen: $(BUILD)/stemmer/leximagegen.o $(LIBS_stemmer)
	$(CXX) $(LDFLAGS) -o $@ $< $(LIBS_stemmer) $(PKG_LIBS)

# The decompounder's word list: wdanish, then hunspell-da's three-letter compound heads marked
# "word+" (stemmer/headgen.c). Found next to the binary; without it, /usr/share/dict/danish alone.
$(BUILD)/headgen: stemmer/headgen.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE $(WARN) -O2 -o $@ $<

$(BUILD)/da-words.txt: $(BUILD)/headgen /usr/share/dict/danish /usr/share/hunspell/da_DK.dic
	{ cat /usr/share/dict/danish && $(BUILD)/headgen < /usr/share/hunspell/da_DK.dic; } > $@.tmp && mv $@.tmp $@

$(LEXIMAGE): $(BUILD)/leximagegen $(BUILD)/da-lemmas.txt $(BUILD)/da-words.txt
	$(BUILD)/leximagegen $(BUILD)/da-words.txt $(BUILD)/da-lemmas.txt $@.tmp && mv $@.tmp $@

# The man page: the narrative of docs/refsog.1.md and each command's own --help.
$(BUILD)/refsog.1: docs/refsog.1.md scripts/mkman.py $(REFSOG)
	python3 scripts/mkman.py $(REFSOG) docs/refsog.1.md "$$($(REFSOG) version | head -1 | cut -d' ' -f2)" > $@.tmp && mv $@.tmp $@

install: $(REFSOG) $(BUILD)/refsog.1 $(BUILD)/da-lemmas.txt $(BUILD)/da-words.txt $(LEXIMAGE)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/refsog/web
	install -d $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/doc/refsog
	install -m 755 $(REFSOG) $(DESTDIR)$(PREFIX)/bin/refsog
	install -m 644 $(BUILD)/refsog.1 $(DESTDIR)$(PREFIX)/share/man/man1/refsog.1
	install -m 644 $(BUILD)/da-lemmas.txt $(DESTDIR)$(PREFIX)/share/refsog/da-lemmas.txt
	install -m 644 $(BUILD)/da-words.txt $(DESTDIR)$(PREFIX)/share/refsog/da-words.txt
	install -m 644 $(LEXIMAGE) $(DESTDIR)$(PREFIX)/share/refsog/da-lexicon.img
	install -m 644 README.md docs/*.md $(DESTDIR)$(PREFIX)/share/doc/refsog/
	if [ -n "$$(ls web 2>/dev/null)" ]; then cp -r web/. $(DESTDIR)$(PREFIX)/share/refsog/web/; fi

# The include flags of one layer (tests/e2e/test_layers.sh checks that upward includes fail).
print-includes:
	@echo $(INC_$(LAYER))

clean:
	rm -rf build build-san build-tsan build-fuzz build-inc

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
