/* vocab.c — the Danish vocabularies of council minutes (see vocab.h), one table each. */
#include "vocab.h"

#include <string.h>

#include "text.h"

/* ------------------------------------------------------------ section headings */

/* Headings as written, per kind (compared case-insensitively against the whole label). The
 * kinds are the record's (referat.h); rs_section_name gives their JSON names. */
static const struct {
    RsSectionKind kind;
    const char *heading;
} section_headings[] = {
    {RS_SEC_RESUME, "Resumé"}, {RS_SEC_RESUME, "Resume"}, {RS_SEC_RESUME, "Sagsresumé"},
    {RS_SEC_RESUME, "Sagsresume"}, {RS_SEC_RESUME, "Kort resumé"}, {RS_SEC_RESUME, "Resumé af sagen"},
    {RS_SEC_RESUME, "Sammenfatning"}, {RS_SEC_RESUME, "Sagens kerne"}, {RS_SEC_RESUME, "Kort fortalt"},
    {RS_SEC_RESUME, "Beslutningstema"}, {RS_SEC_RESUME, "Præsentation"}, {RS_SEC_RESUME, "Formål"},
    {RS_SEC_RESUME, "Hvad skal besluttes"}, {RS_SEC_RESUME, "Hvad sagen drejer sig om"},
    {RS_SEC_SAGSFREMSTILLING, "Sagsfremstilling"}, {RS_SEC_SAGSFREMSTILLING, "Sagsbeskrivelse"},
    {RS_SEC_SAGSFREMSTILLING, "Beskrivelse af sagen"}, {RS_SEC_SAGSFREMSTILLING, "Sagens indhold"},
    {RS_SEC_SAGSFREMSTILLING, "Sagsfremstilling og vurdering"}, {RS_SEC_SAGSFREMSTILLING, "Redegørelse"},
    {RS_SEC_SAGSFREMSTILLING, "Beskrivelse"}, {RS_SEC_SAGSFREMSTILLING, "Sagens beskrivelse"},
    {RS_SEC_SAGSFREMSTILLING, "Sagen"}, {RS_SEC_SAGSFREMSTILLING, "Fremstilling"},
    {RS_SEC_BAGGRUND, "Baggrund for sagen"}, {RS_SEC_BAGGRUND, "Baggrund"},
    {RS_SEC_BAGGRUND, "Problemstilling"}, {RS_SEC_BAGGRUND, "Anledning"},
    {RS_SEC_BAGGRUND, "Indledning"}, {RS_SEC_BAGGRUND, "Sagens baggrund"},
    {RS_SEC_BEMAERKNINGER, "Forvaltningens bemærkninger"},
    {RS_SEC_BEMAERKNINGER, "Administrationens bemærkninger"},
    {RS_SEC_OEKONOMI, "Økonomi"}, {RS_SEC_OEKONOMI, "Økonomiske konsekvenser"},
    {RS_SEC_OEKONOMI, "Økonomi og finansiering"}, {RS_SEC_OEKONOMI, "Økonomisk vurdering"},
    {RS_SEC_OEKONOMI, "Økonomiske forhold"}, {RS_SEC_OEKONOMI, "Bevillingsmæssige konsekvenser"},
    {RS_SEC_OEKONOMI, "Finansiering"}, {RS_SEC_OEKONOMI, "Økonomi og effekt"},
    {RS_SEC_VISION, "Vision 2025"}, {RS_SEC_VISION, "Vision"},
    {RS_SEC_LOVGRUNDLAG, "Lovgrundlag"}, {RS_SEC_LOVGRUNDLAG, "Lovgrundlag, planer mv."},
    {RS_SEC_LOVGRUNDLAG, "Lovgrundlag, planer m.v."}, {RS_SEC_LOVGRUNDLAG, "Lovgrundlag og planer"},
    {RS_SEC_LOVGRUNDLAG, "Lovgrundlag og juridisk vurdering"}, {RS_SEC_LOVGRUNDLAG, "Juridisk vurdering"},
    {RS_SEC_LOVGRUNDLAG, "Retsregler og andre forskrifter"}, {RS_SEC_LOVGRUNDLAG, "Retsgrundlag"},
    {RS_SEC_LOVGRUNDLAG, "Lovgivning"}, {RS_SEC_LOVGRUNDLAG, "Hjemmel"}, {RS_SEC_LOVGRUNDLAG, "Lovhjemmel"},
    {RS_SEC_KOMPETENCER, "Kompetencer"}, {RS_SEC_KOMPETENCER, "Kompetence"},
    {RS_SEC_KOMPETENCER, "Beslutningskompetence"}, {RS_SEC_KOMPETENCER, "Kompetenceplacering"},
    {RS_SEC_KOMPETENCER, "Kompetenceudvalg"}, {RS_SEC_KOMPETENCER, "Hvem beslutter"},
    {RS_SEC_KOMPETENCER, "Beslutningsniveau"},
    {RS_SEC_SAGENS_GANG, "Sagens gang"}, {RS_SEC_SAGENS_GANG, "Forventet sagsgang"},
    {RS_SEC_SAGENS_GANG, "Sagsgang"}, {RS_SEC_SAGENS_GANG, "Sagsgang og sagstype"},
    {RS_SEC_SAGENS_GANG, "Videre proces"}, {RS_SEC_SAGENS_GANG, "Den videre proces"},
    {RS_SEC_SAGENS_GANG, "Tidsplan"}, {RS_SEC_SAGENS_GANG, "Proces"},
    {RS_SEC_INDSTILLING, "Indstilling"}, {RS_SEC_INDSTILLING, "Indstillinger"},
    {RS_SEC_INDSTILLING, "Forvaltningen indstiller"}, {RS_SEC_INDSTILLING, "Administrationen indstiller"},
    {RS_SEC_INDSTILLING, "Direktionen indstiller"}, {RS_SEC_INDSTILLING, "Administrativ indstilling"},
    {RS_SEC_INDSTILLING, "Forvaltningens indstilling"}, {RS_SEC_INDSTILLING, "Administrationens indstilling"},
    {RS_SEC_INDSTILLING, "Indstilling og beslutning"}, {RS_SEC_INDSTILLING, "Forslag til beslutning"},
    {RS_SEC_INDSTILLING, "Forvaltningen foreslår"}, {RS_SEC_INDSTILLING, "Administrationen foreslår"},
    {RS_SEC_INDSTILLING, "Direktørens indstilling"}, {RS_SEC_INDSTILLING, "Indstilling fra forvaltningen"},
    {RS_SEC_INDSTILLING, "Indstilling fra administrationen"}, {RS_SEC_INDSTILLING, "Forslag"},
    {RS_SEC_HOERING, "Høring/udtalelse"}, {RS_SEC_HOERING, "Høring"}, {RS_SEC_HOERING, "Udtalelse"},
    {RS_SEC_HOERING, "Høringssvar"}, {RS_SEC_HOERING, "Borgerinddragelse"},
    {RS_SEC_HOERING, "Inddragelse"}, {RS_SEC_HOERING, "Høring og inddragelse"},
    {RS_SEC_AFGOERES_AF, "Sagen afgøres af"}, {RS_SEC_AFGOERES_AF, "Sagen afgøres i"},
    {RS_SEC_VURDERING, "Vurdering herunder alternativer"}, {RS_SEC_VURDERING, "Vurdering"},
    {RS_SEC_VURDERING, "Administrationens vurdering"}, {RS_SEC_VURDERING, "Forvaltningens vurdering"},
    {RS_SEC_VURDERING, "Løsning"}, {RS_SEC_VURDERING, "Alternativer"}, {RS_SEC_VURDERING, "Overvejelser"},
    {RS_SEC_KONSEKVENSER, "Konsekvenser for andre udvalg"}, {RS_SEC_KONSEKVENSER, "Konsekvenser"},
    {RS_SEC_KONSEKVENSER, "Effektvurdering"}, {RS_SEC_KONSEKVENSER, "Effekt"},
    {RS_SEC_KONSEKVENSER, "Miljømæssige konsekvenser"}, {RS_SEC_KONSEKVENSER, "Bæredygtighed"},
    {RS_SEC_KONSEKVENSER, "Klima og bæredygtighed"}, {RS_SEC_KONSEKVENSER, "Kommunikation"},
    {RS_SEC_KONSEKVENSER, "Risikovurdering"}, {RS_SEC_KONSEKVENSER, "Sammenhæng med politikker"},
    {RS_SEC_KONSEKVENSER, "Politikker og strategier"}, {RS_SEC_KONSEKVENSER, "Målsætning"},
    {RS_SEC_PERSONALE, "Personaleforhold og arbejdsmiljøforhold"}, {RS_SEC_PERSONALE, "Personaleforhold"},
    {RS_SEC_PERSONALE, "Personale"}, {RS_SEC_PERSONALE, "Personalemæssige konsekvenser"},
    {RS_SEC_SUPPLERENDE, "Supplerende sagsfremstilling"}, {RS_SEC_SUPPLERENDE, "Supplerende oplysninger"},
    {RS_SEC_SUPPLERENDE, "Tillægsoplysninger"}, {RS_SEC_SUPPLERENDE, "Supplerende bemærkninger"},
    {RS_SEC_TIDLIGERE, "Tidligere besluttet"}, {RS_SEC_TIDLIGERE, "Tidligere beslutninger"},
    {RS_SEC_TIDLIGERE, "Tidligere behandling"}, {RS_SEC_TIDLIGERE, "Tidligere politiske beslutninger"},
    {RS_SEC_HISTORIK, "Beslutningshistorik"}, {RS_SEC_HISTORIK, "Sagsforløb"},
    {RS_SEC_HISTORIK, "Sagens forløb"}, {RS_SEC_HISTORIK, "Historik"}, {RS_SEC_HISTORIK, "Sagens historik"},
    {RS_SEC_HISTORIK, "Behandlingsforløb"},
    {RS_SEC_BILAG, "Bilag"}, {RS_SEC_BILAG, "Bilagsliste"}, {RS_SEC_BILAG, "Bilag Funktioner"},
    {RS_SEC_BILAG, "Vedlagte bilag"}, {RS_SEC_BILAG, "Bilagsfortegnelse"},
    {RS_SEC_BESLUTNING, "Beslutning"}, {RS_SEC_BESLUTNING, "Beslutninger"},
    {RS_SEC_BESLUTNING, "Afgørelse"}, {RS_SEC_BESLUTNING, "Protokol"},
};

int rs_vocab_section(const char *s, size_t n, RsSectionKind *kind, size_t *text_off) {
    if (n < 4 || !rs_is_upper(s, n)) return 0;
    size_t best = 0;
    RsSectionKind bk = RS_SEC_BODY;
    for (size_t k = 0; k < sizeof section_headings / sizeof *section_headings; k++) {
        const char *h = section_headings[k].heading;
        size_t hl = strlen(h);
        if (hl > n || hl <= best || !rs_ci_prefix(s, n, h)) continue;
        /* the label must end where the heading ends: end of line, ':' or '.' + text */
        if (hl < n && s[hl] != ':' && !(s[hl] == ' ' && hl + 1 < n && s[hl + 1] == ':')) continue;
        best = hl;
        bk = section_headings[k].kind;
    }
    if (!best) return 0;
    size_t i = best;
    if (i < n && s[i] == ' ') i++;
    if (i < n && s[i] == ':') i++;
    i = rs_skip_blanks(s, i, n);
    *kind = bk;
    *text_off = i;
    return 1;
}

size_t rs_vocab_section_word(const char *s, size_t n, RsSectionKind *kind) {
    if (n < 4 || !rs_is_upper(s, n)) return 0;
    size_t best = 0;
    for (size_t k = 0; k < sizeof section_headings / sizeof *section_headings; k++) {
        const char *h = section_headings[k].heading;
        size_t hl = strlen(h);
        if (hl > n || hl <= best || !rs_ci_prefix(s, n, h)) continue;
        if (hl < n && s[hl] != ':' && s[hl] != ' ') continue;
        best = hl;
        *kind = section_headings[k].kind;
    }
    return best;
}

/* ------------------------------------------------------------ months */

static const struct {
    const char *name;
    int month;
} month_names[] = {
    {"januar", 1}, {"january", 1}, {"februar", 2}, {"february", 2}, {"marts", 3}, {"march", 3},
    {"april", 4}, {"maj", 5}, {"may", 5}, {"juni", 6}, {"june", 6}, {"juli", 7}, {"july", 7},
    {"august", 8}, {"september", 9}, {"oktober", 10}, {"october", 10}, {"november", 11},
    {"december", 12}, {"jan", 1}, {"feb", 2}, {"mar", 3}, {"apr", 4}, {"jun", 6}, {"jul", 7},
    {"aug", 8}, {"sept", 9}, {"sep", 9}, {"okt", 10}, {"oct", 10}, {"nov", 11}, {"dec", 12},
};

int rs_vocab_month(const char *s, size_t n, size_t *len) {
    for (size_t k = 0; k < sizeof month_names / sizeof *month_names; k++) {
        size_t ml = strlen(month_names[k].name);
        if (ml <= n && rs_ci_prefix(s, n, month_names[k].name) && !rs_is_letter(s + ml, n - ml)) {
            *len = ml + (ml < n && s[ml] == '.' && ml < 5 ? 1 : 0);
            return month_names[k].month;
        }
    }
    return 0;
}

/* ------------------------------------------------------------ municipalities */

/* The 98 municipalities (2007–), then those of 1970–2006 that are not among them by name.
 * Where a "<Navn> Kommune" phrase names one of these, it is the minutes' municipality. */
static const char *const municipalities[] = {
    "Albertslund", "Allerød", "Assens", "Ballerup", "Billund", "Bornholm", "Brøndby",
    "Brønderslev", "Dragør", "Egedal", "Esbjerg", "Fanø", "Favrskov", "Faxe", "Fredensborg",
    "Fredericia", "Frederiksberg", "Frederikshavn", "Frederikssund", "Furesø",
    "Faaborg-Midtfyn", "Gentofte", "Gladsaxe", "Glostrup", "Greve", "Gribskov", "Guldborgsund",
    "Haderslev", "Halsnæs", "Hedensted", "Helsingør", "Herlev", "Herning", "Hillerød",
    "Hjørring", "Holbæk", "Holstebro", "Horsens", "Hvidovre", "Høje-Taastrup", "Hørsholm",
    "Ikast-Brande", "Ishøj", "Jammerbugt", "Kalundborg", "Kerteminde", "Kolding", "København",
    "Køge", "Langeland", "Lejre", "Lemvig", "Lolland", "Lyngby-Taarbæk", "Læsø", "Mariagerfjord",
    "Middelfart", "Morsø", "Norddjurs", "Nordfyns", "Nyborg", "Næstved", "Odder", "Odense",
    "Odsherred", "Randers", "Rebild", "Ringkøbing-Skjern", "Ringsted", "Roskilde", "Rudersdal",
    "Rødovre", "Samsø", "Silkeborg", "Skanderborg", "Skive", "Slagelse", "Solrød", "Sorø",
    "Stevns", "Struer", "Svendborg", "Syddjurs", "Sønderborg", "Thisted", "Tønder", "Tårnby",
    "Vallensbæk", "Varde", "Vejen", "Vejle", "Vesthimmerland", "Viborg", "Vordingborg", "Ærø",
    "Aabenraa", "Aalborg", "Aarhus",
#include "municipalities_former.inc"
};

#define N_MUNICIPALITIES (sizeof municipalities / sizeof *municipalities)

/* Compare two names ignoring case, '-' vs ' ', and the aa/å, ae/æ, oe/ø spellings. */
static size_t name_fold(const char *s, size_t n, char *out, size_t cap) {
    size_t o = 0;
    for (size_t i = 0; i < n && o + 3 < cap;) {
        char f[2];
        size_t fl, used = rs_fold_char(s + i, n - i, f, &fl);
        if (fl == 2 && (unsigned char)f[0] == 0xC3) {
            unsigned char d = (unsigned char)f[1];
            if (d == 0xA5) { out[o++] = 'a'; out[o++] = 'a'; }      /* å */
            else if (d == 0xA6) { out[o++] = 'a'; out[o++] = 'e'; } /* æ */
            else if (d == 0xB8) { out[o++] = 'o'; out[o++] = 'e'; } /* ø */
            else { out[o++] = f[0]; out[o++] = f[1]; }
        } else if (f[0] == '-' || f[0] == ' ') {
            out[o++] = ' ';
        } else {
            out[o++] = f[0];
        }
        i += used;
    }
    out[o] = '\0';
    return o;
}

int rs_vocab_municipality(const char *s, size_t n) {
    char key[96], mk[96];
    if (!n || n > 40) return -1;
    size_t kl = name_fold(s, n, key, sizeof key);
    for (size_t k = 0; k < N_MUNICIPALITIES; k++) {
        size_t ml = strlen(municipalities[k]);
        if (ml + 8 < n || n + 8 < ml) continue;
        size_t l = name_fold(municipalities[k], ml, mk, sizeof mk);
        if (l == kl && !memcmp(mk, key, kl)) return (int)k;
    }
    return -1;
}

const char *rs_vocab_municipality_name(int k) {
    return k >= 0 && (size_t)k < N_MUNICIPALITIES ? municipalities[k] : NULL;
}

int rs_vocab_municipality_count(void) { return (int)N_MUNICIPALITIES; }

int rs_vocab_municipality_former(int k) { return k >= 98; }

/* ------------------------------------------------------------ committees */

int rs_vocab_committee_word(const char *s, size_t n) {
    static const char *const endings[] = {
        "udvalg", "udvalget", "byråd", "byrådet", "kommunalbestyrelse", "kommunalbestyrelsen",
        "borgerrepræsentation", "borgerrepræsentationen", "magistrat", "magistraten",
        "regionsråd", "regionsrådet", "bestyrelse", "bestyrelsen", "rådet", "nævn", "nævnet",
        "kommission", "kommissionen", "forum", "forsamling", "forsamlingen", "udvalgsmøde"};
    char low[128];
    size_t o = 0;
    for (size_t i = 0; i < n && o + 2 < sizeof low;) {
        char f[2];
        size_t fl;
        i += rs_fold_char(s + i, n - i, f, &fl);
        memcpy(low + o, f, fl);
        o += fl;
    }
    for (size_t k = 0; k < sizeof endings / sizeof *endings; k++) {
        size_t el = strlen(endings[k]);
        if (o >= el && !memcmp(low + o - el, endings[k], el)) return 1;
    }
    return 0;
}

/* ------------------------------------------------------------ markers and labels */

/* s[0..n) with runs of blanks collapsed compared with w: "Åbent  punkt" = "Åbent punkt". */
static int ci_eq_collapsed(const char *s, size_t n, const char *w) {
    char buf[96];
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        size_t b = rs_blank_len(s + i, n - i);
        if (b) {
            if (o && buf[o - 1] != ' ') {
                if (o + 1 >= sizeof buf) return 0;
                buf[o++] = ' ';
            }
            i += b;
            continue;
        }
        if (o + 1 >= sizeof buf) return 0;
        buf[o++] = s[i++];
    }
    while (o && buf[o - 1] == ' ') o--;
    return rs_ci_eq(buf, o, w);
}

int rs_vocab_marker(const char *s, size_t n) {
    static const struct {
        const char *w;
        int closed;
    } m[] = {{"Åbent", 0}, {"Åben", 0}, {"Åbent punkt", 0}, {"Åben punkt", 0}, {"Åben sag", 0},
             {"Åbent møde", 0}, {"Offentligt", 0}, {"Lukket", 1}, {"Lukket punkt", 1},
             {"Lukket sag", 1}, {"Lukket møde", 1}, {"Fortroligt", 1}, {"Closed", 1}, {"Open", 0}};
    if (n > 40) return -1;
    for (size_t k = 0; k < sizeof m / sizeof *m; k++)
        if (ci_eq_collapsed(s, n, m[k].w)) return m[k].closed;
    return -1;
}

int rs_vocab_group_label(const char *s, size_t n, int *closed) {
    static const struct {
        const char *w;
        int closed;
    } g[] = {{"Åben dagsorden", 0}, {"Åbne punkter", 0}, {"Åbne dagsordenspunkter", 0},
             {"Åbne sager", 0}, {"Åbent møde", 0}, {"Dagsorden åben", 0}, {"Åben del", 0},
             {"Lukket dagsorden", 1}, {"Lukkede punkter", 1}, {"Lukkede dagsordenspunkter", 1},
             {"Lukkede sager", 1}, {"Lukket del", 1}, {"Dagsorden lukket", 1},
             {"Lukket møde", 1}, {"Lukkede møde", 1}, {"Beslutningssager", -1},
             {"Orienteringssager", -1}, {"Efterretningssager", -1}, {"Diverse sager", -1},
             {"Sager til beslutning", -1}, {"Sager til orientering", -1}, {"Meddelelser", -1}};
    if (n > 80) return 0;
    for (size_t k = 0; k < sizeof g / sizeof *g; k++)
        if (ci_eq_collapsed(s, n, g[k].w)) {
            *closed = g[k].closed;
            return 1;
        }
    /* "Til behandling - for lukkede døre", "Til efterretning - for åbne døre" */
    if (n < 60 && (rs_ci_prefix(s, n, "Til ") || rs_ci_prefix(s, n, "Sager ")) &&
        (rs_ci_find(s, n, "lukkede døre") < n || rs_ci_find(s, n, "åbne døre") < n)) {
        *closed = rs_ci_find(s, n, "lukkede døre") < n;
        return 1;
    }
    /* upper-case labels: "ÅBNE SAGER", "DIVERSE SAGER", "LUKKEDE PUNKTER" */
    if (n >= 5 && n < 60 && rs_all_upper(s, n, 4)) {
        size_t e = n;
        while (e && s[e - 1] == ':') e--;
        static const char *const tails[] = {"SAGER", "PUNKTER", "DAGSORDEN", "DAGSORDENSPUNKTER", "MØDE"};
        for (size_t k = 0; k < sizeof tails / sizeof *tails; k++) {
            size_t tl = strlen(tails[k]);
            if (e >= tl && !memcmp(s + e - tl, tails[k], tl) && (e == tl || s[e - tl - 1] == ' ' ||
                                                                  rs_is_letter(s + e - tl - 1, 1) || 1)) {
                *closed = rs_ci_find(s, n, "LUKKE") < n ? 1 : rs_ci_find(s, n, "ÅBN") < n || rs_ci_find(s, n, "ÅBEN") < n ? 0 : -1;
                return 1;
            }
        }
    }
    return 0;
}

static const char *const toc_labels[] = {"Indholdsfortegnelse", "Indholdsliste", "Indhold",
                                         "PUNKTER", "Dagsordenspunkter", "Dagsorden",
                                         "Punkter på dagsordenen", "Sagsliste", "Oversigt",
                                         "Sager på dagsordenen", "Sager"};

int rs_vocab_toc_label(const char *s, size_t n) {
    size_t e = n;
    while (e && (s[e - 1] == ':' || s[e - 1] == ' ')) e--;
    for (size_t k = 0; k < sizeof toc_labels / sizeof *toc_labels; k++)
        if (rs_ci_eq(s, e, toc_labels[k])) return 1;
    return 0;
}

size_t rs_vocab_toc_label_in(const char *s, size_t n) {
    size_t i = rs_ci_find(s, n, "Indholdsfortegnelse");
    return i;
}

int rs_vocab_chrome(const char *s, size_t n) {
    static const char *const chrome[] = {
        "Til toppen", "Til top", "Tilbage til toppen", "Til indholdsfortegnelse", "Print",
        "Udskriv", "Kopier link", "Kopier link til punktet", "Kopier link til punktet - Print",
        "Se alle bilag", "Fold alle ud", "Fold alle sammen", "Fold ud", "Fold sammen",
        "Hent som fil", "Hent som fil:", "You are here", "Du er her", "Du er her:", "Vælg",
        "Punkt Titel", "Åbn alle", "Luk alle", "Åben alle", "Vis alle", "Skjul alle", "Vis bilag",
        "Skjul bilag", "Læs mere", "Transkript", "Download", "Del", "Del siden", "Tilbage",
        "Forrige", "Næste", "Menu", "Søg", "Gå til indhold", "Spring til indhold", "Luk",
        "Print punkt", "Print dagsorden", "Print referat", "Hent dagsorden", "Hent referat",
        "Abonnér", "Abonner", "Tip en ven", "Rss", "Udvid alle", "Sammenfold alle", "Læs op",
        "Titel Udvalg Funktioner", "Bilag Funktioner", "Funktioner", "Til forsiden", "Forside",
        "Størrelse: px", "Starte visningen fra side:", "Save this PDF as:", "WORD PNG TXT JPG",
        "Udskriv hele dagsordenen", "Udskriv hele dagsordnen", "Udskriv hele referatet"};
    if (!n) return 0;
    for (size_t k = 0; k < sizeof chrome / sizeof *chrome; k++)
        if (ci_eq_collapsed(s, n, chrome[k])) return 1;
    size_t pl = 0;
    if (rs_vocab_chrome_phrase(s, n, &pl) == 0 && pl == n) return 1;
    /* "| Rss | Tip en ven | Print |" toolbars */
    if (s[0] == '|' && s[n - 1] == '|') return 1;
    /* page furniture: "Side 3 af 27", "Side 3", "Side i", "- 3 -" */
    if (rs_ci_prefix(s, n, "Side ") && n <= 16) {
        size_t i = 5;
        while (i < n && (rs_is_digit(s[i]) || s[i] == 'i' || s[i] == 'v' || s[i] == 'x')) i++;
        if (i > 5 && (i == n || rs_ci_prefix(s + i, n - i, " af "))) return 1;
    }
    if (n >= 5 && n <= 9 && s[0] == '-' && s[n - 1] == '-') return 1;
    /* cookie notices */
    if (rs_ci_find(s, n, "cookie") < n && n < 600) return 1;
    return 0;
}

size_t rs_vocab_chrome_phrase(const char *s, size_t n, size_t *len) {
    static const char *const phrases[] = {"Klik her for at folde ud og læse mere om",
                                          "Klik her for at folde ind", "fold dette punkt ind",
                                          "fold dette punkt ud", "Kopier link til punktet",
                                          "Luk alle punkter"};
    size_t best = n;
    for (size_t k = 0; k < sizeof phrases / sizeof *phrases; k++) {
        size_t at = rs_ci_find(s, n, phrases[k]);
        if (at < best) {
            best = at;
            *len = strlen(phrases[k]);
        }
    }
    return best;
}

size_t rs_vocab_case_label(const char *s, size_t n) {
    static const char *const labels[] = {
        "Acadre sagsnr.", "ESDH sagsnr.", "ESDH-nr.", "ESDH nr.", "Sagsnummer", "Sagsnr.", "Sagsnr",
        "Sags nr.", "Sags-nr.", "Sags-id", "Sagsid.", "Sagsid", "Sags ID", "Sag ID", "Sag nr.",
        "Sag nr", "Sagnr.", "Sagnr", "Journalnummer", "Journalnr.", "Journalnr", "J.nr.", "J. nr.",
        "J.nr", "Jnr.", "Jour.nr.", "Sag"};
    for (size_t k = 0; k < sizeof labels / sizeof *labels; k++) {
        size_t l = strlen(labels[k]);
        if (l > n || !rs_ci_prefix(s, n, labels[k])) continue;
        if (l < n && (rs_is_letter(s + l, n - l))) continue; /* "Sagen", "Sagsfremstilling" */
        size_t i = l;
        while (i < n && (s[i] == '.' || s[i] == ':' || s[i] == ' ')) i++;
        i = rs_skip_blanks(s, i, n);
        return i;
    }
    return 0;
}

size_t rs_vocab_doc_label(const char *s, size_t n) {
    static const char *const labels[] = {"Dokumentnummer", "Dokumentnr.", "Dokument nr.", "Dok.nr.",
                                         "Dok. nr.", "Dok.-nr.", "Doknr.", "Dok."};
    for (size_t k = 0; k < sizeof labels / sizeof *labels; k++) {
        size_t l = strlen(labels[k]);
        if (l > n || !rs_ci_prefix(s, n, labels[k])) continue;
        size_t i = l;
        while (i < n && (s[i] == '.' || s[i] == ':' || s[i] == ' ')) i++;
        return rs_skip_blanks(s, i, n);
    }
    return 0;
}

size_t rs_vocab_item_word(const char *s, size_t n, int *strong) {
    static const struct {
        const char *w;
        int strong;
    } words[] = {{"Dagsordenspunkt", 1}, {"Dagsordenpunkt", 1}, {"Punkt nr.", 1}, {"Punkt", 1},
                 {"Pkt.", 1}, {"Pkt", 1}, {"Sag nr.", 1}, {"Sag nr", 1}, {"Sagnr.", 1},
                 {"Nr.", 0}, {"Item", 1}};
    for (size_t k = 0; k < sizeof words / sizeof *words; k++) {
        size_t l = strlen(words[k].w);
        if (l > n || !rs_ci_prefix(s, n, words[k].w)) continue;
        /* the word is followed by blanks or ':' and a digit, or directly by a digit ("Nr.60") */
        size_t i = l;
        if (i < n && rs_is_letter(s + i, n - i)) continue;
        while (i < n && s[i] == ':') i++;
        i = rs_skip_blanks(s, i, n);
        if (i < n && rs_is_digit(s[i])) {
            *strong = words[k].strong;
            return i;
        }
    }
    return 0;
}

size_t rs_vocab_closed_prefix(const char *s, size_t n) {
    static const char *const p[] = {"Lukket punkt:", "Lukket sag:", "Lukket møde:", "Lukket -",
                                    "Lukket:", "Lukket.", "Lukket –", "(Lukket)", "(Lukket punkt)",
                                    "Closed:", "Lukket punkt -", "Fortroligt:", "Lukket sag -"};
    size_t best = 0;
    for (size_t k = 0; k < sizeof p / sizeof *p; k++) {
        size_t l = strlen(p[k]);
        if (l > best && l <= n && rs_ci_prefix(s, n, p[k])) best = l;
    }
    if (!best) return 0;
    return rs_skip_blanks(s, best, n);
}

size_t rs_vocab_closed_suffix(const char *s, size_t n, int *strip) {
    static const struct {
        const char *w;
        int strip;
    } p[] = {{" - Lukket punkt", 1}, {" – Lukket punkt", 1}, {" - Lukket sag", 1}, {" (Lukket)", 1},
             {" (lukket punkt)", 1}, {" - Lukket", 0}, {" – Lukket", 0}};
    for (size_t k = 0; k < sizeof p / sizeof *p; k++) {
        size_t l = strlen(p[k].w);
        if (l < n && rs_ci_eq(s + n - l, l, p[k].w)) {
            *strip = p[k].strip;
            return n - l;
        }
    }
    return n;
}
