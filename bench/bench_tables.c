/* bench_tables.c — the hand-written hash table of the hot path (the stem cache) against GLib's
 * GHashTable doing the same work, on the words of the given files.
 * usage: bench_tables FILE...   (prints the minimum CPU time of 9 runs of each) */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "stem.h"

static double cpu(void) {
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

static int letter(unsigned char c) { return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0x80; }

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: bench_tables FILE...\n");
        return 2;
    }
    size_t cap = 1u << 20, nw = 0;
    const char **w = malloc(cap * sizeof *w);
    size_t *l = malloc(cap * sizeof *l);
    for (int f = 1; f < argc; f++) {
        char *d;
        size_t n;
        RsError e = {0};
        if (rs_read_file(argv[f], 1u << 26, &d, &n, &e) != RS_OK) {
            fprintf(stderr, "bench_tables: %s\n", e.msg);
            return 1;
        }
        for (size_t i = 0; i < n;) {
            while (i < n && !letter((unsigned char)d[i])) i++;
            size_t s = i;
            while (i < n && letter((unsigned char)d[i]) && i - s < 64) i++;
            if (i > s && nw < cap) w[nw] = d + s, l[nw++] = i - s;
        }
    }
    RsError e = {0};
    RsStemmer *st;
    if (rs_stemmer_open(0, &st, &e) != RS_OK) return 1;
    double stem_rs = 1e9, stem_gh = 1e9;
    size_t sink = 0;
    char key[65];
    for (int r = 0; r < 9; r++) {
        /* stem cache: rs_stem's own table; a GHashTable in front of it (a miss asks rs_stem) */
        double t0 = cpu();
        for (int k = 0; k < 50; k++)
            for (size_t i = 0; i < nw; i++) {
                size_t o;
                sink += rs_stem(st, w[i], l[i], &o) != NULL;
            }
        double t = cpu() - t0;
        if (t < stem_rs) stem_rs = t;
        t0 = cpu();
        GHashTable *h = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
        for (int k = 0; k < 50; k++)
            for (size_t i = 0; i < nw; i++) {
                memcpy(key, w[i], l[i]);
                key[l[i]] = '\0';
                const char *v = g_hash_table_lookup(h, key);
                if (!v) {
                    size_t o;
                    const char *s = rs_stem(st, w[i], l[i], &o);
                    v = g_strndup(s, o);
                    g_hash_table_insert(h, g_strdup(key), (char *)v);
                }
                sink += v != NULL;
            }
        g_hash_table_destroy(h);
        t = cpu() - t0;
        if (t < stem_gh) stem_gh = t;
    }
    rs_stemmer_close(st);
    printf("%zu words (sink %zu), minimum CPU time of 9 runs:\n", nw, sink);
    printf("stem cache x50:  hand-written %6.1f ns/word, GHashTable %6.1f ns/word (%+.0f %%)\n",
           stem_rs * 1e9 / (nw * 50.0), stem_gh * 1e9 / (nw * 50.0), (stem_gh / stem_rs - 1) * 100);
    return 0;
}
