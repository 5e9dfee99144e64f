/* pg_peer.c — the PostgreSQL peer: to_tsvector('danish') + GIN, one row per agenda item, libpq.
 *   pg_peer index CONNINFO < items.tsv          lines: id TAB municipality TAB date TAB text (\n as \\n)
 *   pg_peer bench CONNINFO ROUNDS [--facets] < queries.tsv
 *                                               lines: name TAB query TAB municipality-or-empty
 * index loads the rows with COPY in batches of 10,000 (one transaction each), then builds the GIN
 * index, as a PostgreSQL user would bulk-load; it prints the server backend's CPU seconds and peak
 * RSS (read from /proc: the server runs on this machine) and the table's total size:
 *   cpu_s TAB peak_rss_kb TAB total_bytes TAB gin_bytes
 * bench: a query is websearch_to_tsquery('danish', q), or to_tsquery('danish', q) when it starts
 * with "t:"; per query it prints name, count, best and median ms over ROUNDS runs of the top 10
 * by ts_rank (the count is taken once, untimed: refsog and Xapian give an estimate there); with
 * --facets each run also counts the matches per municipality exactly (GROUP BY). */
#define _GNU_SOURCE
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "../timing.h"

static void die(PGconn *c, const char *what) {
    fprintf(stderr, "pg_peer: %s: %s\n", what, PQerrorMessage(c));
    PQfinish(c);
    exit(1);
}

static void exec(PGconn *c, const char *sql) {
    PGresult *r = PQexec(c, sql);
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
        fprintf(stderr, "pg_peer: %s: %s", sql, PQresultErrorMessage(r));
        PQclear(r);
        PQfinish(c);
        exit(1);
    }
    PQclear(r);
}

static long long scalar(PGconn *c, const char *sql) {
    PGresult *r = PQexec(c, sql);
    if (PQresultStatus(r) != PGRES_TUPLES_OK) die(c, sql);
    long long v = atoll(PQgetvalue(r, 0, 0));
    PQclear(r);
    return v;
}

/* The backend's CPU seconds (utime + stime) and peak RSS in kB, from /proc. */
static void backend_usage(int pid, double *cpu, long *rss_kb) {
    char p[64], buf[4096];
    *cpu = 0;
    *rss_kb = 0;
    snprintf(p, sizeof p, "/proc/%d/stat", pid);
    FILE *f = fopen(p, "r");
    if (f && fgets(buf, sizeof buf, f)) {
        char *s = strrchr(buf, ')');
        unsigned long ut = 0, st = 0;
        /* after ") ": state(3) ... utime is field 14, stime 15 */
        if (s && sscanf(s + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &st) == 2)
            *cpu = (double)(ut + st) / 100.0;
    }
    if (f) fclose(f);
    snprintf(p, sizeof p, "/proc/%d/status", pid);
    f = fopen(p, "r");
    while (f && fgets(buf, sizeof buf, f))
        if (!strncmp(buf, "VmHWM:", 6)) *rss_kb = atol(buf + 6);
    if (f) fclose(f);
}

/* COPY text format: backslash, tab and newline escaped; the input has \n as the two characters
 * backslash-n already, which is COPY's own escape for a newline. */
static int copy_line(PGconn *c, char *line) {
    return PQputCopyData(c, line, (int)strlen(line)) == 1 && PQputCopyData(c, "\n", 1) == 1;
}

static void copy_end(PGconn *c) {
    if (PQputCopyEnd(c, NULL) != 1) die(c, "copy end");
    PGresult *r;
    while ((r = PQgetResult(c))) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK) die(c, "copy");
        PQclear(r);
    }
}

static int do_index(PGconn *c) {
    static char line[1 << 22];
    int pid = PQbackendPID(c);
    exec(c, "SET maintenance_work_mem = '256MB'");
    exec(c, "SET client_min_messages = warning");
    exec(c, "DROP TABLE IF EXISTS items");
    exec(c, "CREATE TABLE items (id text PRIMARY KEY, municipality text, date text, body text, "
            "tsv tsvector GENERATED ALWAYS AS (to_tsvector('danish', body)) STORED)");
    long n = 0;
    int open = 0;
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = '\0';
        if (!open) {
            exec(c, "BEGIN");
            PGresult *r = PQexec(c, "COPY items (id, municipality, date, body) FROM STDIN");
            if (PQresultStatus(r) != PGRES_COPY_IN) die(c, "copy");
            PQclear(r);
            open = 1;
        }
        if (!copy_line(c, line)) die(c, "copy data");
        if (++n % 10000 == 0) { /* batched commits */
            copy_end(c);
            exec(c, "COMMIT");
            open = 0;
        }
    }
    if (open) {
        copy_end(c);
        exec(c, "COMMIT");
    }
    exec(c, "CREATE INDEX items_tsv ON items USING gin (tsv)");
    exec(c, "CREATE INDEX items_muni ON items (municipality)");
    exec(c, "VACUUM ANALYZE items");
    double cpu;
    long rss;
    backend_usage(pid, &cpu, &rss);
    long long total = scalar(c, "SELECT pg_total_relation_size('items')");
    long long gin = scalar(c, "SELECT pg_relation_size('items_tsv')");
    printf("%.2f\t%ld\t%lld\t%lld\n", cpu, rss, total, gin);
    return 0;
}

static void run(PGconn *c, const char *stmt, int nparams, const char *const *params, long *count,
                int count_col) {
    PGresult *r = PQexecPrepared(c, stmt, nparams, params, NULL, NULL, 0);
    if (PQresultStatus(r) != PGRES_TUPLES_OK) die(c, stmt);
    if (count) {
        if (count_col < 0) { /* sum of the GROUP BY counts */
            long s = 0;
            for (int i = 0; i < PQntuples(r); i++) s += atol(PQgetvalue(r, i, 1));
            *count = s;
        } else if (PQntuples(r)) {
            *count = atol(PQgetvalue(r, 0, count_col));
        }
    }
    PQclear(r);
}

static void prepare(PGconn *c, const char *name, const char *sql, int n) {
    PGresult *r = PQprepare(c, name, sql, n, NULL);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) die(c, name);
    PQclear(r);
}

static int do_bench(PGconn *c, int rounds, int facets) {
    static char line[1 << 16];
    exec(c, "SET client_min_messages = warning"); /* "query contains only stop words" */
    static const char *Q[2] = {"websearch_to_tsquery('danish', $1)", "to_tsquery('danish', $1)"};
    char sql[512];
    /* each statement in both query forms: name<m>, %s = the tsquery, $2 = the municipality */
    static const struct {
        const char *name, *sql;
        int nparams;
    } S[] = {
        {"top", "SELECT id FROM items, %s q WHERE tsv @@ q ORDER BY ts_rank(tsv, q) DESC LIMIT 10", 1},
        {"cnt", "SELECT count(*) FROM items WHERE tsv @@ %s", 1},
        {"topf", "SELECT id FROM items, %s q WHERE tsv @@ q AND municipality = $2 ORDER BY ts_rank(tsv, q) DESC LIMIT 10", 2},
        {"cntf", "SELECT count(*) FROM items WHERE tsv @@ %s AND municipality = $2", 2},
        {"fac", "SELECT municipality, count(*) FROM items WHERE tsv @@ %s GROUP BY municipality", 1},
        {"facf", "SELECT municipality, count(*) FROM items WHERE tsv @@ %s AND municipality = $2 GROUP BY municipality", 2},
    };
    for (int m = 0; m < 2; m++)
        for (size_t k = 0; k < sizeof S / sizeof *S; k++) {
            char n[32];
            snprintf(n, sizeof n, "%s%d", S[k].name, m);
            snprintf(sql, sizeof sql, S[k].sql, Q[m]);
            prepare(c, n, sql, S[k].nparams);
        }
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = '\0';
        char *name = line, *q = strchr(line, '\t'), *muni;
        if (!q) continue;
        *q++ = '\0';
        muni = strchr(q, '\t');
        if (muni) *muni++ = '\0';
        int filt = muni && *muni, m = !strncmp(q, "t:", 2);
        if (m) q += 2;
        const char *params[2] = {q, filt ? muni : NULL};
        char top[16], cnt[16], fac[16];
        snprintf(top, sizeof top, "%s%d", filt ? "topf" : "top", m);
        snprintf(cnt, sizeof cnt, "%s%d", filt ? "cntf" : "cnt", m);
        snprintf(fac, sizeof fac, "%s%d", filt ? "facf" : "fac", m);
        double *t = calloc((size_t)rounds + 1, sizeof *t);
        long count = 0;
        run(c, cnt, filt ? 2 : 1, params, &count, 0);
        for (int r = 0; r <= rounds; r++) { /* round 0 warms up */
            double s = bench_now_ms();
            run(c, top, filt ? 2 : 1, params, NULL, 0);
            if (facets) {
                long sum = 0;
                run(c, fac, filt ? 2 : 1, params, &sum, -1);
                if (sum != count) fprintf(stderr, "pg_peer: %s: facet counts sum to %ld, not %ld\n", name, sum, count);
            }
            if (r) t[r - 1] = bench_now_ms() - s;
        }
        qsort(t, (size_t)rounds, sizeof *t, bench_cmp_double);
        printf("%s\t%ld\t%.3f\t%.3f\n", name, count, t[0], t[rounds / 2]);
        free(t);
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 3 || (strcmp(argv[1], "index") && strcmp(argv[1], "bench"))) {
        fprintf(stderr, "usage: pg_peer index CONNINFO < items.tsv | "
                        "pg_peer bench CONNINFO ROUNDS [--facets] < queries.tsv\n");
        return 2;
    }
    PGconn *c = PQconnectdb(argv[2]);
    if (PQstatus(c) != CONNECTION_OK) die(c, "connect");
    int rc = !strcmp(argv[1], "index")
                 ? do_index(c)
                 : do_bench(c, argc > 3 ? atoi(argv[3]) : 10, argc > 4 && !strcmp(argv[4], "--facets"));
    PQfinish(c);
    return rc;
}
