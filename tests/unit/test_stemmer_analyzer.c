/* test_stemmer_analyzer.c — unit tests for the Danish analyser: each rule and its boundary cases. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "analyzer.h"
#include "buf.h"

static RsAnalyzer *an;

static int setup(void **state) {
    (void)state;
    return rs_analyzer_open(NULL, &an, NULL) == RS_OK ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    rs_analyzer_close(an);
    rs_analyzer_close(NULL);
    return 0;
}

/* The token stream as one line per token:
 * "pos kind norm stem [fold=] [case=] [parts=a+b] [stop] [sub]". */
static int collect(void *ctx, const RsToken *t) {
    RsBuf *b = ctx;
    rs_buf_printf(b, "%u %s %.*s %.*s", t->position, rs_token_kind_name(t->kind), (int)t->norm.len,
                  t->norm.s, (int)t->stem.len, t->stem.s);
    if (t->fold.s) rs_buf_printf(b, " fold=%.*s", (int)t->fold.len, t->fold.s);
    if (t->case_key.s) rs_buf_printf(b, " case=%.*s", (int)t->case_key.len, t->case_key.s);
    for (size_t i = 0; i < t->n_parts; i++)
        rs_buf_printf(b, "%s%.*s", i ? "+" : " parts=", (int)t->parts[i].len, t->parts[i].s);
    if (t->flags & RS_TOKF_STOPWORD) rs_buf_puts(b, " stop");
    if (t->flags & RS_TOKF_SUBTOKEN) rs_buf_puts(b, " sub");
    rs_buf_putc(b, '\n');
    return 0;
}

static char *tokens(const char *text, RsAnalyzeMode mode) {
    RsBuf b = {0};
    RsError err;
    assert_int_equal(rs_analyze(an, mode, text, strlen(text), 0, collect, &b, NULL, &err), RS_OK);
    return rs_buf_steal(&b);
}

#define EXPECT_TOKENS(text, want)              \
    do {                                       \
        char *got_ = tokens(text, RS_MODE_DOCUMENT); \
        assert_string_equal(got_, want);       \
        free(got_);                            \
    } while (0)

static void test_words_stems_stopwords_offsets(void **state) {
    (void)state;
    /* (with the lemma table: har → have, budgetter → budget, stemmed as the lemma: budget's
     * forms now all meet at Snowball's stem of budget) */
    EXPECT_TOKENS("Kommunen har Budgetter", "0 word kommunen kommun\n"
                                            "1 word har hav stop\n"
                                            "2 word budgetter budg\n");
    /* byte offsets point at the surface form, also after multi-byte letters */
    const char *text = "Ærø økonomi";
    struct { size_t s[4], e[4]; int n; } off = {{0}, {0}, 0};
    int cb(void *ctx, const RsToken *t);
    rs_analyze(an, RS_MODE_DOCUMENT, text, strlen(text), 7, cb, &off, NULL, NULL);
    assert_int_equal(off.n, 2);
    assert_int_equal(off.s[0], 0);
    assert_int_equal(off.e[0], 5); /* Æ(2) r(1) ø(2) */
    assert_int_equal(off.s[1], 6);
    assert_int_equal(off.e[1], strlen(text));
}

int cb(void *ctx, const RsToken *t) {
    struct { size_t s[4], e[4]; int n; } *o = ctx;
    if (t->position != (uint32_t)(7 + o->n)) return 1; /* positions start at first_position */
    o->s[o->n] = t->start;
    o->e[o->n++] = t->end;
    return 0;
}

static void test_nfc_and_case_folding(void **state) {
    (void)state;
    /* "Å" written as A + combining ring (U+030A) normalises to the precomposed form */
    EXPECT_TOKENS("A\xcc\x8arhus ÅRHUS", "0 word århus århus fold=arhus\n1 word århus århus fold=arhus\n");
    /* German sharp s folds to ss (full case folding): same tokens as STRASSE */
    char *a = tokens("Straße", RS_MODE_DOCUMENT), *b = tokens("STRASSE", RS_MODE_DOCUMENT);
    assert_string_equal(a, b);
    assert_memory_equal(a, "0 word strasse ", 15);
    free(a);
    free(b);
    /* Greek capitals go through ICU's full case folding */
    a = tokens("ΣΟΦΙΑ", RS_MODE_DOCUMENT);
    assert_memory_equal(a, "0 word σοφια ", strlen("0 word σοφια "));
    free(a);
}

/* The stem of one word (the first token's). */
static void stem_of(const char *w, char *out, size_t cap) {
    char *t = tokens(w, RS_MODE_QUERY);
    char fmt[32];
    snprintf(fmt, sizeof fmt, "%%*u %%*s %%*s %%%zus", cap - 1);
    assert_int_equal(sscanf(t, fmt, out), 1);
    free(t);
}

/* The lemma table's irregular forms, whole and as a compound's last part (stemmer/lemma.c), in a
 * word short enough for the lookups fetched at once and in one longer than that. */
static void test_lemma_last_part(void **state) {
    (void)state;
    const char *cases[][2] = {{"børn", "barn"}, {"skolebørn", "skolebarn"}, {"dagtilbudsreglen", "dagtilbudsregel"},
                              {"reglen", "regel"}, {"centret", "cent"}};
    char st[160];
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        stem_of(cases[i][0], st, sizeof st);
        assert_string_equal(st, cases[i][1]);
    }
    for (size_t n = 17; n <= 19; n++) { /* 90, 95 and 100 bytes */
        char w[160] = "", want[160] = "";
        for (size_t k = 0; k < n; k++) strcat(w, "skole"), strcat(want, "skole");
        strcat(w, "børn");
        strcat(want, "barn");
        stem_of(w, st, sizeof st);
        assert_string_equal(st, want);
    }
}

static void test_ig_suffixes_kept(void **state) {
    (void)state;
    /* Snowball removes -ig, -lig and -elig: tidlig(ere) met tid, ledig(hed) led/leder/ledelse,
     * billig bil, rådighed råd, samtlige samt, endelig ende. The stem keeps them (stem.c keep_ig). */
    const char *apart[][2] = {{"tidligere", "tid"},   {"tidlig", "tiden"},    {"ledighed", "leder"},
                              {"ledige", "ledelse"},   {"billig", "bil"},      {"billigere", "biler"},
                              {"rådighed", "råd"},     {"samtlige", "samt"},   {"endelig", "ende"},
                              {"virkelig", "virke"},   {"daglige", "dagen"},   {"oversigten", "oversendes"}};
    for (size_t i = 0; i < sizeof apart / sizeof *apart; i++) {
        char a[64], b[64];
        stem_of(apart[i][0], a, sizeof a);
        stem_of(apart[i][1], b, sizeof b);
        if (!strcmp(a, b)) fail_msg("%s and %s still meet (%s)", apart[i][0], apart[i][1], a);
    }
    /* the forms of one word still meet, -ig kept or not */
    const char *together[][3] = {{"ledig", "ledige", "ledighed"},       {"ledighed", "ledigheden", "ledigt"},
                                 {"tidlig", "tidligere", "tidligst"},   {"mulig", "muligt", "muligheder"},
                                 {"nødvendig", "nødvendigt", "nødvendige"}, {"billig", "billigt", "billigste"},
                                 {"tid", "tiden", "tider"},             {"leder", "lederen", "ledere"}};
    for (size_t i = 0; i < sizeof together / sizeof *together; i++) {
        char a[64], b[64], c[64];
        stem_of(together[i][0], a, sizeof a);
        stem_of(together[i][1], b, sizeof b);
        stem_of(together[i][2], c, sizeof c);
        if (strcmp(a, b) || strcmp(a, c))
            fail_msg("%s %s %s → %s %s %s", together[i][0], together[i][1], together[i][2], a, b, c);
    }
    char st[64];
    stem_of("ledighed", st, sizeof st);
    assert_string_equal(st, "ledig");
    stem_of("endelige", st, sizeof st);
    assert_string_equal(st, "endelig");
    stem_of("huset", st, sizeof st); /* no -ig: Snowball's stem as it was */
    assert_string_equal(st, "hus");
}

static void test_danish_folding_pairs_meet(void **state) {
    (void)state;
    /* a word typed without æ/ø/å (or with aa/oe) gets the same folding key
     * as the document's word */
    const char *pairs[][2] = {{"Aaroe", "Aarøe"},       {"okonomi", "økonomi"},
                              {"hjemlose", "hjemløse"}, {"Sondergaard", "Søndergård"},
                              {"Aarhus", "Århus"},      {"boern", "børn"},
                              {"direktoeren", "direktøren"}, {"hoeringssvar", "høringssvar"}};
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
        char a[64], b[64];
        /* fold of the stem: take it from the token stream */
        char *ta = tokens(pairs[i][0], RS_MODE_QUERY), *tb = tokens(pairs[i][1], RS_MODE_DOCUMENT);
        const char *fa = strstr(ta, "fold="), *fb = strstr(tb, "fold=");
        /* the ASCII spelling may have no fold (it equals its stem): use the stem then */
        if (fa) sscanf(fa + 5, "%63s", a);
        else sscanf(ta, "%*u %*s %*s %63s", a);
        assert_non_null(fb);
        sscanf(fb + 5, "%63s", b);
        if (strcmp(a, b)) fail_msg("%s → %s but %s → %s", pairs[i][0], a, pairs[i][1], b);
        free(ta);
        free(tb);
    }
    char k[64];
    rs_fold_key("Social & Arbejdsmarkedsudvalget", 31, k, sizeof k);
    assert_string_equal(k, "social & arbejdsmarkedsudvalget");
    rs_fold_key("ÆRØ", strlen("ÆRØ"), k, sizeof k);
    assert_string_equal(k, "aro");
    assert_int_equal(rs_fold_key("aero", 4, k, 3), 2); /* truncated to the buffer */
    assert_string_equal(k, "ar");
}

static void test_numbers_dates_abbreviations_sections(void **state) {
    (void)state;
    EXPECT_TOKENS("4.667.281 kr. og 12,5 mio.", "0 number 4.667.281 4.667.281\n"
                                                "1 abbrev kr. kr.\n"
                                                "2 word og og stop\n"
                                                "3 number 12,5 12,5\n"
                                                "4 abbrev mio. mio.\n");
    /* dates in three spellings give one ISO form; an impossible date is not a date */
    EXPECT_TOKENS("21-11-2023 3/3-2021 2023-11-21 31-02-2023",
                  "0 date 2023-11-21 2023-11-21\n"
                  "1 date 2021-03-03 2021-03-03\n"
                  "2 date 2023-11-21 2023-11-21\n"
                  "3 number 31-02-2023 31-02-2023\n"
                  "3 number 31 31 sub\n4 number 02 02 sub\n5 number 2023 2023 sub\n");
    EXPECT_TOKENS("bl.a. jf. § 17, stk. 2", "0 abbrev bl.a. bl.a.\n"
                                            "1 abbrev jf. jf.\n"
                                            "2 section §17 §17\n"
                                            "3 abbrev stk. stk.\n"
                                            "4 number 2 2\n");
    EXPECT_TOKENS("kl. 11:00", "0 abbrev kl. kl.\n1 number 11:00 11:00\n");
}

static void test_hyphenated_whole_and_parts(void **state) {
    (void)state;
    /* the whole at p, the parts at p, p+1; the next word after the parts */
    EXPECT_TOKENS("SSP-samrådet i", "0 word ssp-samrådet ssp-samråd fold=ssp-samrad\n"
                                    "0 word ssp ssp sub\n"
                                    "1 word samrådet samråd fold=samrad sub\n"
                                    "2 word i i stop\n");
    EXPECT_TOKENS("Covid-19", "0 word covid-19 covid-19\n0 word covid covid sub\n1 number 19 19 sub\n");
    /* budget years are a number range, not a case number */
    EXPECT_TOKENS("2024-2027", "0 number 2024-2027 2024-2027\n0 number 2024 2024 sub\n1 number 2027 2027 sub\n");
    /* a slash between words separates them */
    EXPECT_TOKENS("formand/forvaltning", "0 word formand formand\n1 word forvaltning forvaltning\n");
    /* genitive apostrophe */
    EXPECT_TOKENS("SSP's", "0 word ssp ssp\n");
}

static void test_case_numbers(void **state) {
    (void)state;
    EXPECT_TOKENS("23/15645", "0 caseno 23/15645 23/15645 case=23-15645\n"
                              "0 number 23 23 sub\n1 number 15645 15645 sub\n");
    /* canonical keys: separator, case and zero padding do not matter */
    const char *same[][2] = {{"EMN-24/0001629", "emn-24/1629"},
                             {"EMN-24/0001629", "EMN 24-1629"},
                             {"23/15645", "23-15645"},
                             {"27.00.00-P22-1-20", "27-00-00-p22-1-20"},
                             {"S2020-26746", "s-2020-26746"},
                             {"mig-a-2024-19506", "MIG A 2024 19506"},
                             {"EMN-2023-04567", "emn/2023/4567"},
                             {"SAG-2022-1234", "sag 2022 01234"},
                             /* the formats of other ESDH systems (rules-3) */
                             {"330-2018-3619", "330 2018 3619"},
                             {"24-011578", "24/11578"},
                             {"018520-2013", "18520 2013"},
                             {"00.01.00P35-0098", "00.01.00-P35-98"},
                             {"2007/34364", "2007/034364"},
                             /* a KLE facet with a Danish letter (Ø40), typed in either case */
                             {"18.15.00-Ø40-2-19", "18.15.00-ø40-2-19"},
                             {"18.15.00-Ø40-2-19", "18 15 0 Ø40 2 19"}};
    for (size_t i = 0; i < sizeof same / sizeof *same; i++) {
        char a[64], b[64];
        assert_true(rs_case_key(same[i][0], strlen(same[i][0]), a, sizeof a) > 0);
        assert_true(rs_case_key(same[i][1], strlen(same[i][1]), b, sizeof b) > 0);
        if (strcmp(a, b)) fail_msg("%s → %s, %s → %s", same[i][0], a, same[i][1], b);
    }
    char k[64];
    rs_case_key("EMN-24/0001629", 14, k, sizeof k);
    assert_string_equal(k, "emn-24-1629");
    rs_case_key("27.00.00-P22-1-20", 17, k, sizeof k);
    assert_string_equal(k, "27-0-0-p-22-1-20");
    rs_case_key("18.15.00-\xC3\x98" "40-2-19", 18, k, sizeof k);
    assert_string_equal(k, "18-15-0-\xC3\xB8-40-2-19");
    /* another non-ASCII letter is no facet: no case number */
    assert_int_equal(rs_case_key("18.15.00-\xC3\x89" "40-2-19", 18, k, sizeof k), 0);
    /* not case numbers: dates, amounts, budget years, times, short fractions */
    const char *not_cases[] = {"21-11-2023", "2024-2027", "4.667.281", "11:00", "1/2",
                               "3/3-2021",   "12,5",      "2023",      "Covid-19", "budget"};
    for (size_t i = 0; i < sizeof not_cases / sizeof *not_cases; i++)
        if (rs_case_key(not_cases[i], strlen(not_cases[i]), k, sizeof k))
            fail_msg("'%s' taken for a case number (%s)", not_cases[i], k);
    /* in document text these are one case-number token each */
    EXPECT_TOKENS("330-2018-3619", "0 caseno 330-2018-3619 330-2018-3619 case=330-2018-3619\n"
                                   "0 number 330 330 sub\n1 number 2018 2018 sub\n2 number 3619 3619 sub\n");
    EXPECT_TOKENS("00.01.00P35-0098", "0 caseno 00.01.00p35-0098 00.01.00p35-0098 case=0-1-0-p-35-98\n"
                                      "0 number 00 00 sub\n1 number 01 01 sub\n2 number 00 00 sub\n"
                                      "3 word p p sub\n4 number 35 35 sub\n5 number 0098 0098 sub\n");
    /* in document text a month-year such as 11-2023 is not a case number */
    char *t = tokens("11-2023", RS_MODE_DOCUMENT);
    assert_null(strstr(t, "caseno"));
    free(t);
}

static void test_decompounding(void **state) {
    (void)state;
    const char *cases[][2] = {{"opioidmisbruget", "opioid+misbrug"},
                              {"misbrugsområdet", "misbrug+områd"},
                              {"håndhygiejne", "hånd+hygiejn"},
                              {"husholdningsaffald", "husholdning+affald"},
                              {"beskæftigelsesindsatsen", "beskæftig+indsat"}}; /* indsatsen → indsats → Snowball's indsat */
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *t = tokens(cases[i][0], RS_MODE_DOCUMENT);
        char want[64];
        snprintf(want, sizeof want, "parts=%s", cases[i][1]);
        if (!strstr(t, want)) fail_msg("%s: want %s, got %s", cases[i][0], want, t);
        free(t);
    }
    /* words that must not be split */
    const char *whole[] = {"kommune", "programmet", "forvaltning", "beslutning", "udvalget"};
    for (size_t i = 0; i < sizeof whole / sizeof *whole; i++) {
        char *t = tokens(whole[i], RS_MODE_DOCUMENT);
        if (strstr(t, "parts=")) fail_msg("%s split: %s", whole[i], t);
        free(t);
    }
    /* no lexicon, no splitting; the fingerprint says so */
    RsAnalyzerOptions o = {.no_decompound = 1};
    RsAnalyzer *a2;
    assert_int_equal(rs_analyzer_open(&o, &a2, NULL), RS_OK);
    assert_string_not_equal(rs_analyzer_fingerprint(a2), rs_analyzer_fingerprint(an));
    rs_analyzer_close(a2);
    /* a missing lexicon is a clear error */
    RsAnalyzerOptions bad = {.lexicon_path = "/nonexistent/danish"};
    RsError err;
    assert_int_equal(rs_analyzer_open(&bad, &a2, &err), RS_ERR_IO);
    assert_non_null(strstr(err.msg, "/nonexistent/danish"));
}

static void test_bad_input(void **state) {
    (void)state;
    /* empty input: no tokens */
    EXPECT_TOKENS("", "");
    /* invalid UTF-8 and NUL bytes separate words; nothing is lost around them */
    const char bin[] = "hej\xff\xfe" "med\0dig\xc3";
    RsBuf b = {0};
    assert_int_equal(rs_analyze(an, RS_MODE_DOCUMENT, bin, sizeof bin - 1, 0, collect, &b, NULL, NULL), RS_OK);
    assert_string_equal(b.data, "0 word hej hej\n1 word med med stop\n2 word dig du stop\n"); /* dig → du */
    rs_buf_free(&b);
    /* a 1 MB word is cut into pieces, every piece inside the input */
    size_t n = 1 << 20;
    char *big = malloc(n + 1);
    memset(big, 'a', n);
    big[n] = '\0';
    uint32_t next = 0;
    assert_int_equal(rs_analyze(an, RS_MODE_DOCUMENT, big, n, 0, collect, &b, &next, NULL), RS_OK);
    assert_int_equal(next, n / 256);
    rs_buf_free(&b);
    free(big);
}

/* The memo of a word's forms (stemmer/wordcache.c) changes nothing: the sample minutes (every
 * word kind, compounds, stopwords, folded letters, case numbers) give the same token stream read
 * twice by an analyser that remembers (the second time almost all from the memo) as read by one
 * that analyses every word afresh; and the words of a second text that fill the memo past its
 * size (it empties and starts again) too. */
/* The bytes of the file at path appended to b. */
static void append_file(RsBuf *b, const char *path) {
    char *data;
    size_t len;
    RsError err;
    assert_int_equal(rs_read_file(path, 0, &data, &len, &err), RS_OK);
    assert_int_equal(rs_buf_append(b, data, len), RS_OK);
    free(data);
}

static void test_word_memo_changes_nothing(void **state) {
    (void)state;
    RsAnalyzerOptions o = {.no_word_cache = 1};
    RsAnalyzer *fresh;
    assert_int_equal(rs_analyzer_open(&o, &fresh, NULL), RS_OK);
    RsBuf text = {0};
    const char *files[] = {"data/sample/000_082cc86b9df59ed8.txt", "data/sample/001_f2525942d8ac13d5.txt",
                           "data/sample/002_b5ca74bce736c226.txt", "data/sample/003_2da60960a1decf7e.txt",
                           "data/sample/004_4215b85305d5dec8.txt"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) append_file(&text, files[i]);
    /* many distinct words: more than the memo holds before it starts again */
    for (unsigned i = 0; i < 40000; i++) rs_buf_printf(&text, " ord%uæ budgetopfølgning%u", i * 7919u, i);
    assert_true(text.len > 100000);
    RsBuf want = {0}, got1 = {0}, got2 = {0};
    RsError err;
    assert_int_equal(rs_analyze(fresh, RS_MODE_DOCUMENT, text.data, text.len, 0, collect, &want, NULL, &err), RS_OK);
    assert_int_equal(rs_analyze(an, RS_MODE_DOCUMENT, text.data, text.len, 0, collect, &got1, NULL, &err), RS_OK);
    assert_int_equal(rs_analyze(an, RS_MODE_DOCUMENT, text.data, text.len, 0, collect, &got2, NULL, &err), RS_OK);
    assert_true(want.len > 1000000);
    assert_int_equal(got1.len, want.len);
    assert_true(!memcmp(got1.data, want.data, want.len));
    assert_int_equal(got2.len, want.len);
    assert_true(!memcmp(got2.data, want.data, want.len));
    /* nor does fetching the next word's memo slot ahead, nor writing the tables through at open
     * (the indexer's analyser) */
    RsAnalyzerOptions po = {.prefetch_words = 1, .prefault_caches = 1};
    RsAnalyzer *ahead;
    assert_int_equal(rs_analyzer_open(&po, &ahead, NULL), RS_OK);
    RsBuf got3 = {0};
    assert_int_equal(rs_analyze(ahead, RS_MODE_DOCUMENT, text.data, text.len, 0, collect, &got3, NULL, &err), RS_OK);
    assert_int_equal(got3.len, want.len);
    assert_true(!memcmp(got3.data, want.data, want.len));
    rs_buf_free(&got3);
    rs_analyzer_close(ahead);
    rs_buf_free(&want);
    rs_buf_free(&got1);
    rs_buf_free(&got2);
    rs_buf_free(&text);
    rs_analyzer_close(fresh);
}

extern char **environ;

static long minor_faults(void) {
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return u.ru_minflt;
}

static int count_token(void *ctx, const RsToken *t) {
    (void)t;
    ++*(size_t *)ctx;
    return 0;
}

/* Run in a process of its own (this binary with --prefault-child), where the analysers' tables
 * are fresh memory rather than heap memory earlier tests freed: an analyser opened with
 * prefault_caches (the indexer's) takes its caches' table pages at open (minor faults), and
 * analysing many new words afterwards takes fewer than one opened without, whose tables are
 * faulted a page at a time as words are looked up, twice where a page is read before it is
 * written. Returns 0 when so. */
static int prefault_child(void) {
    mallopt(M_MMAP_THRESHOLD, 128 * 1024); /* the tables from mmap */
    RsAnalyzerOptions eo = {.prefault_caches = 1};
    RsAnalyzer *lazy = NULL, *eager = NULL;
    long f0 = minor_faults();
    if (rs_analyzer_open(NULL, &lazy, NULL) != RS_OK) return 2;
    long f1 = minor_faults();
    if (rs_analyzer_open(&eo, &eager, NULL) != RS_OK) return 2;
    long f2 = minor_faults();
    RsBuf text = {0};
    for (unsigned i = 0; i < 30000; i++) rs_buf_printf(&text, " ord%uæ budgetopfølgning%u", i * 7919u, i);
    size_t n_lazy = 0, n_eager = 0;
    long g0 = minor_faults();
    if (rs_analyze(lazy, RS_MODE_DOCUMENT, text.data, text.len, 0, count_token, &n_lazy, NULL, NULL) != RS_OK) return 2;
    long g1 = minor_faults();
    if (rs_analyze(eager, RS_MODE_DOCUMENT, text.data, text.len, 0, count_token, &n_eager, NULL, NULL) != RS_OK) return 2;
    long g2 = minor_faults();
    fprintf(stderr, "minor faults: open %ld (lazy) %ld (prefaulted); analysing %ld (lazy) %ld (prefaulted)\n",
            f1 - f0, f2 - f1, g1 - g0, g2 - g1);
    rs_buf_free(&text);
    rs_analyzer_close(lazy);
    rs_analyzer_close(eager);
    /* the stem cache's, the memo's and the split cache's slots are ~3,900 pages of 4 KiB */
    return n_lazy == n_eager && (f2 - f1) - (f1 - f0) >= 2000 && (g1 - g0) - (g2 - g1) >= 4000 ? 0 : 1;
}

static void test_prefault_caches(void **state) {
    (void)state;
    char *argv[] = {"test_stemmer_analyzer", "--prefault-child", NULL};
    pid_t pid;
    assert_int_equal(posix_spawn(&pid, "/proc/self/exe", NULL, NULL, argv, environ), 0);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

/* rs_analyzer_token_stem_is_norm answers as rs_analyzer_stem_is_norm of the token's norm, for
 * every token: words (their own stem or not, stopwords, -ig words, compounds, words typed
 * without æ/ø/å), numbers, dates, abbreviations, case numbers, hyphenated words' parts. */
typedef struct {
    RsAnalyzer *a;
    size_t stemmed_yes, stemmed_no, literal, differ;
} StemIsNorm;

static int check_stem_is_norm(void *ctx, const RsToken *t) {
    StemIsNorm *c = ctx;
    int want = rs_analyzer_stem_is_norm(c->a, t->norm.s, t->norm.len);
    int got = rs_analyzer_token_stem_is_norm(c->a, t);
    if (got != want) {
        c->differ++;
        fprintf(stderr, "differ: %.*s (stem %.*s): %d, want %d\n", (int)t->norm.len, t->norm.s, (int)t->stem.len,
                t->stem.s, got, want);
    }
    if (!(t->flags & RS_TOKF_STEMMED)) c->literal++;
    else if (got) c->stemmed_yes++;
    else c->stemmed_no++;
    return 0;
}

static void test_token_stem_is_norm_agrees(void **state) {
    (void)state;
    RsBuf text = {0};
    const char *files[] = {"data/sample/000_082cc86b9df59ed8.txt", "data/sample/003_2da60960a1decf7e.txt"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) append_file(&text, files[i]);
    rs_buf_puts(&text, " budget og til at det billig tidlig ledig ledighed vej vejen S2020-26746 s2020 23/15645 "
                       "EMN-24/0001629 27.00.00-P22-1-20 330-2018-3619 12.03.2024 § 17 jf. bl.a. 2024 "
                       "opioidmisbruget familiecentret okonomi økonomi aeldre ældre fritids- og kulturudvalget "
                       "covid19 A1 a-kasse 3F kl. 16.30 Æ Ø Å ø i");
    RsAnalyzerOptions plain = {.no_stopwords = 1};
    RsAnalyzer *all_words;
    assert_int_equal(rs_analyzer_open(&plain, &all_words, NULL), RS_OK);
    RsAnalyzer *as[] = {an, all_words};
    for (size_t k = 0; k < 2; k++)
        for (int mode = 0; mode < 2; mode++) {
            StemIsNorm c = {as[k], 0, 0, 0, 0};
            RsError err;
            assert_int_equal(rs_analyze(as[k], mode ? RS_MODE_QUERY : RS_MODE_DOCUMENT, text.data, text.len, 0,
                                        check_stem_is_norm, &c, NULL, &err),
                             RS_OK);
            assert_int_equal(c.differ, 0);
            assert_true(c.stemmed_yes > 100 && c.stemmed_no > 100 && c.literal > 5);
        }
    rs_analyzer_close(all_words);
    rs_buf_free(&text);
}

static void test_fingerprint_stable(void **state) {
    (void)state;
    RsAnalyzer *a2;
    assert_int_equal(rs_analyzer_open(NULL, &a2, NULL), RS_OK);
    assert_string_equal(rs_analyzer_fingerprint(a2), rs_analyzer_fingerprint(an));
    assert_non_null(strstr(rs_analyzer_fingerprint(an), "snowball-danish"));
    rs_analyzer_close(a2);
}

int main(int argc, char **argv) {
    if (argc > 1 && !strcmp(argv[1], "--prefault-child")) return prefault_child();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words_stems_stopwords_offsets),
        cmocka_unit_test(test_nfc_and_case_folding),
        cmocka_unit_test(test_danish_folding_pairs_meet),
        cmocka_unit_test(test_ig_suffixes_kept),
        cmocka_unit_test(test_lemma_last_part),
        cmocka_unit_test(test_numbers_dates_abbreviations_sections),
        cmocka_unit_test(test_hyphenated_whole_and_parts),
        cmocka_unit_test(test_case_numbers),
        cmocka_unit_test(test_decompounding),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_fingerprint_stable),
        cmocka_unit_test(test_word_memo_changes_nothing),
        cmocka_unit_test(test_prefault_caches),
        cmocka_unit_test(test_token_stem_is_norm_agrees),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
