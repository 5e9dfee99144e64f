/* test_stemmer_compounds.c — decompounding accuracy on hand-judged compounds from the sample minutes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decompound.h"
#include "stem.h"

#ifndef RS_COMPOUNDS_TSV
#define RS_COMPOUNDS_TSV "tests/data/compounds.tsv"
#endif
/* Floors: raise them when decompounding improves (docs/analysis.md). */
#define MIN_PRECISION 0.95
#define MIN_RECALL 0.92

/* Parts compared by their Snowball stems, as they are indexed: a linking
 * letter left on a part ("arbejdsmarkeds") stems like the part without it. */
static int same_parts(RsStemmer *st, const char *w, const RsSplit *s, const char *gold) {
    char buf[256];
    snprintf(buf, sizeof buf, "%s", gold);
    size_t n = 0;
    char *save = NULL;
    for (char *p = strtok_r(buf, "+", &save); p; p = strtok_r(NULL, "+", &save), n++) {
        if (n >= s->n) return 0;
        char a[128], b[128];
        size_t la, lb;
        const char *x = rs_stem(st, p, strlen(p), &la);
        snprintf(a, sizeof a, "%.*s", (int)la, x);
        const char *y = rs_stem(st, w + s->start[n], s->len[n], &lb);
        snprintf(b, sizeof b, "%.*s", (int)lb, y);
        if (strcmp(a, b)) {
            /* allow the linking s/e kept on a non-final part */
            size_t pl = strlen(p);
            if (!(n + 1 < s->n && s->len[n] == pl + 1 && !memcmp(w + s->start[n], p, pl))) return 0;
        }
    }
    return n == s->n;
}

/* The lexicon and the stemmer every test reads, opened once for the group. */
static RsLexicon *lex;
static RsStemmer *st;

static int setup(void **state) {
    (void)state;
    RsError err;
    return rs_lexicon_load(rs_lexicon_default_path(), &lex, &err) == RS_OK && rs_stemmer_open(0, &st, &err) == RS_OK
               ? 0
               : -1;
}

static int teardown(void **state) {
    (void)state;
    rs_stemmer_close(st);
    rs_lexicon_free(lex);
    return 0;
}

static void test_accuracy(void **state) {
    (void)state;
    FILE *f = fopen(RS_COMPOUNDS_TSV, "r");
    assert_non_null(f);
    char line[512];
    int compounds = 0, plain = 0, tp = 0, made = 0, fp_plain = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n') continue;
        line[strcspn(line, "\n")] = '\0';
        char *tab = strchr(line, '\t');
        assert_non_null(tab);
        *tab = '\0';
        const char *w = line, *gold = tab + 1;
        RsSplit s;
        rs_decompound(lex, w, strlen(w), 3, &s);
        if (s.n) made++;
        if (!strcmp(gold, "-")) {
            plain++;
            if (s.n) {
                fp_plain++;
                printf("  split but should not: %s\n", w);
            }
        } else {
            compounds++;
            if (s.n && same_parts(st, w, &s, gold)) tp++;
            else {
                printf("  %s: want %s, got ", w, gold);
                for (size_t i = 0; i < s.n; i++) printf("%s%.*s", i ? "+" : "", (int)s.len[i], w + s.start[i]);
                printf("%s\n", s.n ? "" : "(no split)");
            }
        }
    }
    fclose(f);
    double precision = made ? (double)tp / made : 0, recall = compounds ? (double)tp / compounds : 0;
    printf("decompounding: %d compounds, %d non-compounds; %d splits made, %d correct, "
           "%d non-compounds split; precision %.3f, recall %.3f\n",
           compounds, plain, made, tp, fp_plain, precision, recall);
    assert_true(compounds >= 200);
    assert_true(plain >= 100);
    assert_true(precision >= MIN_PRECISION);
    assert_true(recall >= MIN_RECALL);
}

/* A linking letter the last part begins with as a word goes to it (cykel + stier, not cykels +
 * tier); only the one letter moves (arbejdsmarked + udvalget, not arbejd + markedsudvalget). */
static void test_linking_letter_to_the_last_part(void **state) {
    (void)state;
    static const char *const cases[][2] = {{"cykelstier", "cykel+stier"},
                                           {"fodboldstadion", "fodbold+stadion"},
                                           {"arbejdsmarkedsudvalget", "arbejdsmarked+udvalget"},
                                           {"misbrugsområdet", "misbrug+området"}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        RsSplit s;
        rs_decompound(lex, cases[i][0], strlen(cases[i][0]), 3, &s);
        char got[256] = "";
        for (size_t k = 0; k < s.n; k++)
            snprintf(got + strlen(got), sizeof got - strlen(got), "%s%.*s", k ? "+" : "", (int)s.len[k],
                     cases[i][0] + s.start[k]);
        if (!same_parts(st, cases[i][0], &s, cases[i][1])) fail_msg("%s: want %s, got %s", cases[i][0], cases[i][1], got);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_accuracy),
                                       cmocka_unit_test(test_linking_letter_to_the_last_part)};
    return cmocka_run_group_tests(tests, setup, teardown);
}
