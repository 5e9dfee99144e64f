/* errors_da.c — the engine's and the server's error messages as plain Danish sentences (errors_da.h). */
#include "errors_da.h"

#include <pthread.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

/* A message pattern (POSIX extended) and its sentence; %1 and %2 are the pattern's groups. */
static const struct {
    const char *re, *text;
} table[] = {
    {"unbalanced quote", "Et anførselstegn (\") er ikke lukket. Tilføj det afsluttende anførselstegn, eller fjern det."},
    {"'\\(' at byte [0-9]+ is not closed", "En parentes er ikke lukket: der mangler en »)«."},
    {"'\\)' at byte [0-9]+ has no '\\('", "Der er en »)« uden en »(« foran."},
    {"empty parentheses", "Der står intet mellem parenteserne."},
    {"empty phrase", "Der står intet mellem anførselstegnene."},
    {"a lone '\\*'", "En stjerne (*) skal stå efter mindst to bogstaver, fx budget*."},
    {"'(AND|OR)' at byte [0-9]+ needs", "»%1« skal have et søgeord på begge sider."},
    {"'(OR)' needs", "»%1« skal have et søgeord på begge sider."},
    {"'NOT' at byte [0-9]+ has nothing after", "»NOT« skal efterfølges af et søgeord."},
    {"prefix '([^']*)' is too short", "»%1« er for kort: skriv mindst to bogstaver før stjernen."},
    {"unknown field '([^']*)'", "Feltet »%1:« findes ikke. Brug titel:, resume:, sagsfremstilling:, indstilling:, "
                                "beslutning: eller bilag:, eller et filter som kommune:, udvalg:, aar:, dato:."},
    {"field '([^']*):' has no value", "Der står intet efter »%1:«."},
    {": has no value", "Et filter mangler sin værdi (fx kommune:Esbjerg)."},
    {"aar: takes a year YYYY, not '([^']*)'", "»%1« er ikke et årstal. Skriv fx aar:2020."},
    {"'([^']*)' is not a date", "»%1« er ikke en dato. Skriv ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD."},
    {"impossible date '([^']*)'", "Datoen »%1« findes ikke."},
    {"ends before it starts", "Perioden slutter, før den begynder: byt om på fra og til."},
    {"empty date range", "Datoperioden er tom: skriv mindst en fra- eller til-dato."},
    {"^til must be a date", "Til-datoen skal skrives ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD."},
    {"^fra must be a date|fra/til must be", "Fra-datoen skal skrives ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD."},
    {"'([^']*)' is not a case number", "»%1« er ikke et sagsnummer."},
    {"unknown type '([^']*)' \\((.*)\\)$", "Sagstypen »%1« findes ikke. Brug en af: %2."},
    {"unknown outcome '([^']*)' \\((.*)\\)$", "Udfaldet »%1« findes ikke. Brug et af: %2."},
    {"kle: takes a KLE", "kle: skal have et KLE-hovedgruppenummer (fx kle:27)."},
    {"dokument: takes dagsorden or referat, not '([^']*)'", "dokument: skal være dagsorden eller referat, ikke »%1«."},
    {"a [a-z]+ value cannot contain", "Et filter kan ikke indeholde anførselstegn."},
    {"is not one value", "Et filter må kun have én værdi."},
    {"inside a section field", "Et felt (fx titel:) kan ikke stå inde i et andet felt."},
    {"longer than [0-9]+ bytes|query too long", "Søgningen er for lang. Gør den kortere."},
    {"not valid UTF-8", "Søgningen indeholder ugyldige tegn."},
    {"more than [0-9]+ terms", "Søgningen har for mange ord. Gør den kortere."},
    {"nested deeper", "Der er for mange parenteser inden i hinanden."},
    {"missing term at the end", "Søgningen slutter uden et søgeord."},
    {"no search terms|empty query", "Søgningen indeholder ingen søgeord."},
    {"sort must be", "Ukendt sortering. Vælg relevans, nyeste eller ældste først."},
    {"limit must be|offset", "Den side findes ikke."},
    {"too many filter values", "Der er valgt for mange filtre (højst 64)."},
    {"facets must be", "Ukendt optælling af filtre."},
    {"correction must be", "Ukendt indstilling for stavekontrol."},
};
#define N_TABLE (sizeof table / sizeof *table)

static regex_t compiled[N_TABLE];
static int compiled_ok[N_TABLE];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void compile_table(void) {
    for (size_t i = 0; i < N_TABLE; i++) compiled_ok[i] = regcomp(&compiled[i], table[i].re, REG_EXTENDED) == 0;
}

const char *rs_error_code(RsStatus rc) {
    switch (rc) {
    case RS_ERR_QUERY: return "malformed_query";
    case RS_ERR_USAGE: return "bad_parameter";
    case RS_ERR_NOTFOUND: return "not_found";
    case RS_ERR_NETWORK: return "shard_unreachable";
    case RS_ERR_TIMEOUT: return "timeout";
    default: return "internal";
    }
}

/* The sentence of the first table row whose pattern `msg` matches, into out; 0 when none does. */
static int from_table(const char *msg, RsBuf *out) {
    pthread_once(&once, compile_table);
    for (size_t i = 0; i < N_TABLE; i++) {
        regmatch_t g[3];
        if (!compiled_ok[i] || regexec(&compiled[i], msg, 3, g, 0) != 0) continue;
        for (const char *t = table[i].text; *t; t++) {
            if (t[0] == '%' && (t[1] == '1' || t[1] == '2')) {
                regmatch_t m = g[t[1] - '0'];
                if (m.rm_so >= 0) rs_buf_append(out, msg + m.rm_so, (size_t)(m.rm_eo - m.rm_so));
                t++;
            } else {
                rs_buf_putc(out, *t);
            }
        }
        return 1;
    }
    return 0;
}

/* The code point index in q of the character byte `at` is in (the end when past it). */
static long char_index(const char *q, size_t at) {
    size_t n = strlen(q);
    if (at > n) at = n;
    long chars = 0;
    for (size_t i = 0; i < at; i++) chars += ((unsigned char)q[i] & 0xC0) != 0x80;
    if (at < n && ((unsigned char)q[at] & 0xC0) == 0x80) chars--; /* inside a character: that one */
    return chars;
}

RsStatus rs_error_danish(const char *code, const char *msg, const char *query, RsBuf *out, long *pos) {
    size_t before = out->len;
    msg = msg ? msg : "";
    *pos = -1;
    if (!strcmp(code, "timeout") && !strncmp(msg, "søgningen", 10)) { /* already Danish */
        rs_buf_putc(out, 'S');
        rs_buf_puts(out, msg + 1);
    } else if (!strcmp(code, "shard_unreachable")) {
        rs_buf_puts(out, "En del af arkivet svarer ikke lige nu. Prøv igen om lidt.");
    } else if (!strcmp(code, "not_found")) {
        rs_buf_puts(out, "Det findes ikke i arkivet. Måske er referatet fjernet, eller adressen er forkert.");
    } else if (!strcmp(code, "method_not_allowed")) {
        rs_buf_puts(out, "Kun GET og HEAD kan bruges.");
    } else if (!strcmp(code, "bad_request")) {
        rs_buf_puts(out, "Adressen kan ikke læses: den har ugyldige tegn.");
    } else if (!strcmp(code, "internal")) {
        rs_buf_puts(out, "Der skete en fejl i søgemaskinen. Prøv igen om lidt.");
    } else if (!from_table(msg, out)) {
        rs_buf_puts(out, "Søgningen kunne ikke udføres. Prøv at omformulere den.");
    }
    const char *b = query ? strstr(msg, "at byte ") : NULL;
    if (b && b[8] >= '0' && b[8] <= '9') *pos = char_index(query, (size_t)strtoul(b + 8, NULL, 10));
    if (!out->data || out->len == before) return RS_ERR_NOMEM;
    return RS_OK;
}
