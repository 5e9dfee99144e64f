/* classify.c — outcome of a decision, case type of an item, KLE group of a case (classify.h). */
#include "classify.h"

#include <string.h>

#include "buf.h"
#include "caseno.h"
#include "normalize.h"
#include "text.h"

const char *rs_outcome_name(RsOutcome o) {
    static const char *const n[] = {"andet", "godkendt", "anbefalet", "orientering givet",
                                    "taget til efterretning", "udsat", "forkastet",
                                    "oversendt", "drøftet"};
    return (unsigned)o < sizeof n / sizeof *n ? n[o] : "andet";
}

const char *rs_case_type_name(RsCaseType t) {
    static const char *const n[] = {"beslutning", "orientering", "drøftelse", "formalia",
                                    "lukket"};
    return (unsigned)t < sizeof n / sizeof *n ? n[t] : "beslutning";
}

const char *rs_section_name(RsSectionKind k) {
    static const char *const n[] = {
        "tekst", "resume", "sagsfremstilling", "baggrund", "bemaerkninger", "oekonomi", "vision",
        "lovgrundlag", "kompetencer", "sagens_gang", "indstilling", "hoering", "afgoeres_af",
        "vurdering", "konsekvenser", "personale", "supplerende", "tidligere_besluttet",
        "beslutningshistorik", "bilag", "beslutning"};
    return (unsigned)k < sizeof n / sizeof *n ? n[k] : "tekst";
}

static const struct {
    int group;
    const char *name;
} kle_groups[] = {
    {0, "Kommunens styrelse"}, {1, "Fysisk planlægning og naturbeskyttelse"}, {2, "Byggeri"},
    {3, "Boliger"}, {4, "Parker, fritids-/idrætsanlæg og landskabspleje"}, {5, "Veje og trafik"},
    {6, "Spildevand og vandløb"}, {7, "Affald og genanvendelse"}, {8, "Havne og lufthavne"},
    {9, "Miljøbeskyttelse"}, {13, "Forsyning"}, {14, "Beredskab"},
    {15, "Arbejdsmarked og beskæftigelsesindsats"}, {17, "Folkeskoleundervisning"},
    {18, "Folkeoplysning og ungdomsskoler"}, {19, "Kulturhistoriske institutioner"},
    {20, "Kulturvirksomhed"}, {21, "Biblioteker"}, {22, "Regulering af private erhverv"},
    {23, "Borgerlige forhold"}, {24, "Erhvervsforhold"}, {25, "Beskatning"},
    {27, "Social service"}, {28, "Dagtilbud"}, {29, "Sundhed"},
    {30, "Andre myndigheders opgaver"}, {32, "Kontante ydelser"}, {54, "Uddannelse"},
    {81, "Kommunens personale"}, {82, "Kommunens ejendomme og lokaler"},
    {83, "Kommunens driftsmidler og inventar"}, {84, "Offentlige valg"},
    {85, "Kommunens administrative systemer"},
    {86, "Kommunens selvforsyning og fremstillingsvirksomhed"}, {87, "Kommunens arbejdsmiljø"},
    {88, "Kommunens indkøb og udbud"}};

const char *rs_kle_group_name(int group) {
    for (size_t i = 0; i < sizeof kle_groups / sizeof *kle_groups; i++)
        if (kle_groups[i].group == group) return kle_groups[i].name;
    return NULL;
}

int rs_kle_of(const char *c) {
    RsCaseGroups g;
    if (!rs_caseno_parse(c, strlen(c), 0, &g)) return -1;
    if (g.n >= 6 && g.digits[0] && g.len[0] == 2 && g.digits[1] && g.digits[2] && !g.digits[3]) {
        int grp = (c[g.start[0]] - '0') * 10 + (c[g.start[0] + 1] - '0');
        return rs_kle_group_name(grp) ? grp : -1;
    }
    return -1;
}

static int starts_with(const char *s, size_t n, const char *prefix) {
    size_t k = strlen(prefix);
    return n >= k && !memcmp(s, prefix, k);
}

static int contains(const char *s, size_t n, const char *w) {
    size_t k = strlen(w);
    for (size_t i = 0; i + k <= n; i++)
        if (!memcmp(s + i, w, k)) return 1;
    return 0;
}

RsOutcome rs_outcome_of(const char *text, size_t len) {
    static const struct {
        const char *pat;
        RsOutcome o;
    } pats[] = {
        /* a refusal, before the words it negates ("Anbefales ikke" is no recommendation) */
        {"ikke godkend", RS_OUT_FORKASTET}, {"godkendes ikke", RS_OUT_FORKASTET},
        {"ikke anbefal", RS_OUT_FORKASTET}, {"anbefales ikke", RS_OUT_FORKASTET},
        {"ikke tiltr", RS_OUT_FORKASTET}, {"tiltrædes ikke", RS_OUT_FORKASTET},
        {"afslå", RS_OUT_FORKASTET}, {"afslog", RS_OUT_FORKASTET}, {"forkast", RS_OUT_FORKASTET},
        {"afvist$", RS_OUT_FORKASTET}, {"afviser", RS_OUT_FORKASTET},
        {"udsat$", RS_OUT_UDSAT}, {"udsættes", RS_OUT_UDSAT}, {"udskudt", RS_OUT_UDSAT},
        {"til efterretning", RS_OUT_TAGET_TIL_EFTERRETNING},
        {"orientering givet", RS_OUT_ORIENTERING_GIVET},
        {"orienteringen givet", RS_OUT_ORIENTERING_GIVET},
        {"orientering blev givet", RS_OUT_ORIENTERING_GIVET},
        {"orienterede", RS_OUT_ORIENTERING_GIVET}, {"til orientering", RS_OUT_ORIENTERING_GIVET},
        {"indstilles til godkendelse", RS_OUT_ANBEFALET}, {"indstilles godkendt", RS_OUT_ANBEFALET},
        {"anbefal", RS_OUT_ANBEFALET}, {"indstilles til byrådet", RS_OUT_ANBEFALET},
        {"oversend", RS_OUT_OVERSENDT}, {"fremsendes", RS_OUT_OVERSENDT},
        {"godkend", RS_OUT_GODKENDT}, {"tiltrådt", RS_OUT_GODKENDT},
        {"tiltræder", RS_OUT_GODKENDT}, {"vedtaget", RS_OUT_GODKENDT}, {"vedtages", RS_OUT_GODKENDT},
        {"tilslutter sig", RS_OUT_GODKENDT}, {"besluttede", RS_OUT_GODKENDT},
        {"beslutter", RS_OUT_GODKENDT},
        {"drøft", RS_OUT_DROEFTET},
    };
    RsBuf low = {0};
    if (rs_normalize(text, len, &low) != RS_OK) { /* the analyser's case folding */
        rs_buf_free(&low);
        return RS_OUT_ANDET;
    }
    RsOutcome best = RS_OUT_ANDET;
    /* Sentence by sentence; lines that note absence or votes are skipped;
     * in the first sentence that says an outcome, the earliest phrase wins. */
    const char *p = low.data ? low.data : "";
    while (*p && best == RS_OUT_ANDET) {
        const char *e = p;
        while (*e && *e != '.' && *e != '\n') e++;
        size_t sl = (size_t)(e - p);
        while (sl && *p == ' ') { p++; sl--; }
        int absent = starts_with(p, sl, "fraværende") || starts_with(p, sl, "afbud");
        if (absent) {
            /* "Fraværende: Ingen Godkendt." (a flattened page): with no one absent, the outcome
             * may follow in the same sentence */
            size_t w = starts_with(p, sl, "afbud") ? 5 : strlen("fraværende");
            while (w < sl && (p[w] == ':' || p[w] == ' ')) w++;
            if (sl - w > 6 && !memcmp(p + w, "ingen ", 6)) {
                p += w + 6;
                continue;
            }
        }
        int skip = absent || contains(p, sl, "deltog ikke") || starts_with(p, sl, "for stemte") ||
                   starts_with(p, sl, "imod stemte") || starts_with(p, sl, "undlod");
        if (!skip) {
            size_t first = sl + 1;
            /* A pattern matches at the start of a word; "x$" only as a whole word. */
            for (size_t k = 0; k < sizeof pats / sizeof *pats; k++) {
                size_t pl = strlen(pats[k].pat);
                int whole = pats[k].pat[pl - 1] == '$';
                if (whole) pl--;
                for (size_t i = 0; i + pl <= sl && i < first; i++) {
                    if (i && (rs_is_letter(p + i - 1, 1) || (unsigned char)p[i - 1] >= 0x80)) continue;
                    if (memcmp(p + i, pats[k].pat, pl)) continue;
                    if (whole && i + pl < sl && (rs_is_letter(p + i + pl, sl - i - pl) ||
                                                 (unsigned char)p[i + pl] >= 0x80))
                        continue;
                    first = i;
                    best = pats[k].o;
                    break;
                }
            }
        }
        p = *e ? e + 1 : e;
    }
    rs_buf_free(&low);
    return best;
}

RsCaseType rs_classify_item(const RsMeeting *m, const RsItem *it) {
    if (it->closed) return RS_TYPE_LUKKET;
    const char *t = it->title;
    size_t n = strlen(t);
    static const char *const formalia[] = {"Godkendelse af dagsorden",
                                           "Godkendelse af forslag til dagsorden",
                                           "Godkendelse af underskriftsblad", "Underskriftsblad",
                                           "Godkendelsesark", "Meddelelser", "Eventuelt",
                                           "Fraværende", "Bemærkninger til dagsorden",
                                           "Beslutninger om dagsordenen", "Spørgetid"};
    for (size_t i = 0; i < sizeof formalia / sizeof *formalia; i++)
        if (rs_ci_prefix(t, n, formalia[i])) return RS_TYPE_FORMALIA;
    static const char *const orient[] = {"Orientering", "Status", "Information",
                                         "Åben orientering", "Efterretningsliste",
                                         "Opfølgning på", "Meddelelse", "Til efterretning"};
    for (size_t i = 0; i < sizeof orient / sizeof *orient; i++)
        if (rs_ci_prefix(t, n, orient[i])) return RS_TYPE_ORIENTERING;
    static const char *const drof[] = {"Drøftelse", "Tema:", "Temadrøftelse", "Dialogmøde", "Temamøde"};
    for (size_t i = 0; i < sizeof drof / sizeof *drof; i++)
        if (rs_ci_prefix(t, n, drof[i])) return RS_TYPE_DROEFTELSE;
    if (rs_ci_prefix(t, n, "Godkendelse af")) return RS_TYPE_BESLUTNING;
    /* "(B)" beslutning, "(O)" orientering, "(D)" drøftelse: Acadre's type codes */
    if (n >= 4 && t[n - 1] == ')' && t[n - 3] == '(' && t[n - 4] == ' ') {
        if (t[n - 2] == 'O') return RS_TYPE_ORIENTERING;
        if (t[n - 2] == 'D') return RS_TYPE_DROEFTELSE;
        if (t[n - 2] == 'B') return RS_TYPE_BESLUTNING;
    }
    /* The verb of the Indstilling. */
    for (size_t i = 0; i < it->n_sections; i++) {
        if (it->sections[i].kind != RS_SEC_INDSTILLING) continue;
        RsBuf low = {0};
        if (rs_normalize(m->text + it->sections[i].body.start,
                         it->sections[i].body.end - it->sections[i].body.start, &low) != RS_OK) {
            rs_buf_free(&low);
            return RS_TYPE_BESLUTNING;
        }
        const char *s = low.data ? low.data : "";
        RsCaseType ty = RS_TYPE_BESLUTNING;
        int found = 0;
        if (strstr(s, "orienteres") || strstr(s, "til efterretning") || strstr(s, "orienterer") ||
            strstr(s, "orientering"))
            ty = RS_TYPE_ORIENTERING, found = 1;
        else if (strstr(s, "drøfte"))
            ty = RS_TYPE_DROEFTELSE, found = 1;
        else if (strstr(s, "godkend") || strstr(s, "anbefal") || strstr(s, "beslut") ||
                 strstr(s, "byrådet"))
            ty = RS_TYPE_BESLUTNING, found = 1;
        rs_buf_free(&low);
        if (found) return ty;
    }
    return RS_TYPE_BESLUTNING;
}
