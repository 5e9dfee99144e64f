/* fts5_peer.c — the SQLite FTS5 peer (unicode61 tokenizer), one row per agenda item, sqlite3 C API.
 *   fts5_peer index DB < items.tsv          lines: id TAB municipality TAB date TAB text (\n as \\n)
 *   fts5_peer bench DB ROUNDS [--facets] < queries.tsv
 *                                         lines: name TAB MATCH-expression TAB municipality-or-empty
 * bench prints per query: name, result count, best and median milliseconds over ROUNDS runs of the
 * top 10 by bm25 (the count is taken once, untimed: refsog and Xapian give an estimate there); with
 * --facets each run also counts the matches per municipality exactly (GROUP BY). */
#define _GNU_SOURCE
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "../timing.h"

static void die(sqlite3 *db, const char *what) {
    fprintf(stderr, "fts5_peer: %s: %s\n", what, sqlite3_errmsg(db));
    exit(1);
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: fts5_peer index DB < items.tsv | fts5_peer bench DB ROUNDS < queries.tsv\n");
        return 2;
    }
    sqlite3 *db;
    if (sqlite3_open(argv[2], &db) != SQLITE_OK) die(db, "open");
    static char line[1 << 22];
    if (!strcmp(argv[1], "index")) {
        sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", 0, 0, 0);
        if (sqlite3_exec(db, "CREATE VIRTUAL TABLE items USING fts5(id UNINDEXED, municipality UNINDEXED, "
                             "date UNINDEXED, body, tokenize='unicode61')", 0, 0, 0) != SQLITE_OK)
            die(db, "create");
        sqlite3_stmt *ins;
        if (sqlite3_prepare_v2(db, "INSERT INTO items VALUES (?,?,?,?)", -1, &ins, 0) != SQLITE_OK) die(db, "prepare");
        sqlite3_exec(db, "BEGIN", 0, 0, 0);
        long n = 0;
        while (fgets(line, sizeof line, stdin)) {
            line[strcspn(line, "\n")] = '\0';
            char *f[4] = {line, 0, 0, 0};
            for (int i = 1; i < 4; i++) {
                f[i] = strchr(f[i - 1], '\t');
                if (!f[i]) break;
                *f[i]++ = '\0';
            }
            if (!f[3]) continue;
            for (char *p = f[3]; (p = strstr(p, "\\n"));) { p[0] = ' '; p[1] = '\n'; }
            for (int i = 0; i < 4; i++) sqlite3_bind_text(ins, i + 1, f[i], -1, SQLITE_STATIC);
            if (sqlite3_step(ins) != SQLITE_DONE) die(db, "insert");
            sqlite3_reset(ins);
            if (++n % 10000 == 0) { sqlite3_exec(db, "COMMIT; BEGIN", 0, 0, 0); } /* batched commits */
        }
        sqlite3_exec(db, "COMMIT", 0, 0, 0);
        sqlite3_finalize(ins);
        sqlite3_exec(db, "INSERT INTO items(items) VALUES('optimize')", 0, 0, 0);
        sqlite3_close(db);
        return 0;
    }
    int rounds = argc > 3 ? atoi(argv[3]) : 10, facets = argc > 4 && !strcmp(argv[4], "--facets");
    sqlite3_stmt *top, *cnt, *topf, *cntf, *fac, *facf;
    if (sqlite3_prepare_v2(db, "SELECT id FROM items WHERE items MATCH ? ORDER BY bm25(items) LIMIT 10", -1, &top, 0) ||
        sqlite3_prepare_v2(db, "SELECT count(*) FROM items WHERE items MATCH ?", -1, &cnt, 0) ||
        sqlite3_prepare_v2(db, "SELECT id FROM items WHERE items MATCH ? AND municipality = ? ORDER BY bm25(items) LIMIT 10", -1, &topf, 0) ||
        sqlite3_prepare_v2(db, "SELECT count(*) FROM items WHERE items MATCH ? AND municipality = ?", -1, &cntf, 0) ||
        sqlite3_prepare_v2(db, "SELECT municipality, count(*) FROM items WHERE items MATCH ? GROUP BY municipality", -1, &fac, 0) ||
        sqlite3_prepare_v2(db, "SELECT municipality, count(*) FROM items WHERE items MATCH ? AND municipality = ? GROUP BY municipality", -1, &facf, 0))
        die(db, "prepare");
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = '\0';
        char *name = line, *expr = strchr(line, '\t'), *muni;
        if (!expr) continue;
        *expr++ = '\0';
        muni = strchr(expr, '\t');
        if (muni) *muni++ = '\0';
        int filt = muni && *muni;
        double *t = calloc((size_t)rounds + 1, sizeof *t);
        long count = 0;
        sqlite3_stmt *a = filt ? topf : top, *b = filt ? cntf : cnt, *g = filt ? facf : fac;
        sqlite3_bind_text(b, 1, expr, -1, SQLITE_STATIC);
        if (filt) sqlite3_bind_text(b, 2, muni, -1, SQLITE_STATIC);
        if (sqlite3_step(b) == SQLITE_ROW) count = sqlite3_column_int64(b, 0);
        sqlite3_reset(b);
        for (int r = 0; r <= rounds; r++) { /* round 0 warms up */
            double s = bench_now_ms();
            sqlite3_bind_text(a, 1, expr, -1, SQLITE_STATIC);
            if (filt) sqlite3_bind_text(a, 2, muni, -1, SQLITE_STATIC);
            while (sqlite3_step(a) == SQLITE_ROW) {}
            sqlite3_reset(a);
            if (facets) {
                long sum = 0;
                sqlite3_bind_text(g, 1, expr, -1, SQLITE_STATIC);
                if (filt) sqlite3_bind_text(g, 2, muni, -1, SQLITE_STATIC);
                while (sqlite3_step(g) == SQLITE_ROW) sum += sqlite3_column_int64(g, 1);
                sqlite3_reset(g);
                if (sum != count) fprintf(stderr, "fts5_peer: %s: facet counts sum to %ld, not %ld\n", name, sum, count);
            }
            if (r) t[r - 1] = bench_now_ms() - s;
        }
        qsort(t, (size_t)rounds, sizeof *t, bench_cmp_double);
        printf("%s\t%ld\t%.3f\t%.3f\n", name, count, t[0], t[rounds / 2]);
        free(t);
    }
    sqlite3_close(db);
    return 0;
}
