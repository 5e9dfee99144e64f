/* test_ingest_referat.c — the minutes parser on the five sample minutes (exact) and hand-made variants. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "referat.h"
#include "text.h"

#ifndef RS_FIXTURE_DIR
#define RS_FIXTURE_DIR "tests/fixtures/minutes"
#endif
#ifndef RS_SAMPLE_DIR
#define RS_SAMPLE_DIR "data/sample"
#endif

/* Expected per item: number, title, case line (or NULL), type, and the
 * decisions as "committee|date|outcome;..." — read off the minutes by hand. */
typedef struct {
    int number;
    const char *title;
    const char *case_no;
    const char *type;
    const char *decisions;
} Want;

static RsMeeting *parse_sample(const char *name) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", RS_SAMPLE_DIR, name);
    RsMeeting *m = NULL;
    RsError err;
    if (rs_referat_parse_file(path, NULL, &m, &err) != RS_OK) fail_msg("%s", err.msg);
    return m;
}

static void check_items(const RsMeeting *m, const Want *w, size_t n) {
    assert_int_equal(m->n_items, n);
    for (size_t i = 0; i < n; i++) {
        const RsItem *it = &m->items[i];
        assert_int_equal(it->number, w[i].number);
        assert_string_equal(it->title, w[i].title);
        if (w[i].case_no) {
            assert_non_null(it->case_no);
            assert_string_equal(it->case_no, w[i].case_no);
            assert_string_equal(it->cases[0], w[i].case_no);
        } else {
            assert_null(it->case_no);
        }
        if (w[i].type) assert_string_equal(rs_case_type_name(it->type), w[i].type);
        RsBuf d = {0};
        for (size_t k = 0; k < it->n_decisions; k++)
            rs_buf_printf(&d, "%s%s|%s|%s", k ? ";" : "", it->decisions[k].committee,
                          it->decisions[k].date, rs_outcome_name(it->decisions[k].outcome));
        if (strcmp(d.data ? d.data : "", w[i].decisions))
            fail_msg("item %d decisions:\n got  %s\n want %s", w[i].number, d.data ? d.data : "",
                     w[i].decisions);
        rs_buf_free(&d);
        assert_int_equal(it->closed, !strcmp(rs_case_type_name(it->type), "lukket"));
    }
}

#define SA "Social & Arbejdsmarkedsudvalg"
#define BS "Børn & Skoleudvalget"

static void test_esbjerg_2023_11_21(void **state) {
    (void)state;
    RsMeeting *m = parse_sample("000_082cc86b9df59ed8.txt");
    assert_string_equal(m->municipality, "Esbjerg");
    assert_string_equal(m->committee, "Social & Arbejdsmarkedsudvalget");
    assert_string_equal(m->committee_name, "Social & Arbejdsmarkedsudvalget");
    assert_string_equal(m->date, "2023-11-21");
    assert_string_equal(m->time, "11:00");
    assert_string_equal(m->period, "2022-2025");
    assert_string_equal(m->place, "Borgmesterens mødelokale");
    assert_string_equal(m->kind, "referat");
    assert_int_equal(m->n_participants, 7);
    assert_string_equal(m->participants[6].name, "Anne Marie Geisler Andersen");
    static const Want w[] = {
        {1, "Godkendelse af dagsorden", NULL, "formalia", SA "|2023-11-21|godkendt"},
        {2, "Orientering om den aktuelle situation vedrørende opiater i Esbjerg kommune", "23/15645",
         "orientering", BS "|2023-11-21|godkendt;" SA "|2023-11-21|godkendt"},
        {3, "Status Familiekontakten - Åben Rådgivning", "23/25324", "orientering",
         BS "|2023-11-21|godkendt;" SA "|2023-11-21|godkendt"},
        {4, "Orientering om status på \"Trivsel for Esbjerg - børn og unge\"", "23/11990",
         "orientering", BS "|2023-11-21|godkendt;" SA "|2023-11-21|godkendt"},
        {5, "Lukket: Godkendelsesark", NULL, "lukket", ""},
    };
    check_items(m, w, 5);
    /* item 2: its sections in order, its attachment, its absence notes */
    const RsItem *it = &m->items[1];
    const char *secs[] = {"resume", "sagsfremstilling", "kompetencer", "indstilling",
                          "beslutning", "beslutning", "bilag"};
    assert_int_equal(it->n_sections, 7);
    for (size_t i = 0; i < 7; i++) assert_string_equal(rs_section_name(it->sections[i].kind), secs[i]);
    assert_int_equal(it->n_attachments, 1);
    assert_memory_equal(m->text + it->attachments[0].start, "Kortlægning af unges misbrug af opioider",
                        strlen("Kortlægning af unges misbrug af opioider"));
    assert_int_equal(it->n_absences, 2);
    /* a closed item keeps no body */
    assert_int_equal(m->items[4].n_sections, 0);
    assert_int_equal(m->items[4].body.start, m->items[4].body.end);
    rs_meeting_free(m);
}

static void test_esbjerg_2024_01_16(void **state) {
    (void)state;
    RsMeeting *m = parse_sample("001_f2525942d8ac13d5.txt");
    assert_string_equal(m->municipality, "Esbjerg");
    assert_string_equal(m->date, "2024-01-16");
    assert_string_equal(m->place, "Museumscafeen");
    /* (Afbud) marks absence */
    assert_string_equal(m->participants[1].name, "Nicolaj Aarøe");
    assert_true(m->participants[1].absent);
    assert_false(m->participants[0].absent);
    static const Want w[] = {
        {1, "Godkendelse af dagsorden", NULL, "formalia", SA "|2024-01-16|godkendt"},
        {2, "Besøg ved Bostedet Kalaparken", "24/929", NULL, SA "|2024-01-16|godkendt"},
        {3, "Budgetaftale 2024 - Økonomisk balance på det specialiserede socialområde", "24/503",
         NULL, SA "|2024-01-16|udsat"},
        {4, "Ansøgning til programfasen af Fælles om ungelivet", "23/29118", NULL,
         "Sundhed & Omsorgsudvalget|2024-01-08|godkendt;Kultur & Fritidsudvalg|2024-01-15|godkendt;"
         SA "|2024-01-16|godkendt;" BS "|2024-01-16|godkendt"},
        {5, "Prækvalifikation Helhedsplan 2025-2029", "23/26518", NULL, SA "|2024-01-16|godkendt"},
        {6, "Orientering om Jobcentrets udmøntning af Budgetaftale 2024-2027", "23/25419",
         "orientering", SA "|2024-01-16|orientering givet"},
        {7, "Orientering om retningslinjer for brugerinddragelse på familieområdet", "23/24814",
         "orientering", SA "|2023-11-21|udsat;" SA "|2024-01-16|orientering givet"},
        {8, "Information, forespørgsel og orientering", NULL, "orientering",
         SA "|2024-01-16|orientering givet"},
        {9, "Lukket: Information, forespørgsel og orientering", NULL, "lukket", ""},
        {10, "Godkendelsesark", NULL, "formalia", ""},
    };
    check_items(m, w, 10);
    /* item 5 went to a vote: 1 against, 3 for, and was approved */
    const RsDecision *d = &m->items[4].decisions[0];
    assert_int_equal(d->n_votes, 2);
    assert_int_equal(d->votes[0].kind, 'I');
    assert_int_equal(d->votes[0].count, 1);
    assert_int_equal(d->votes[1].kind, 'F');
    assert_int_equal(d->votes[1].count, 3);
    assert_memory_equal(m->text + d->votes[1].names.start, "Jakob Lykke (A), Henrik Andersen (V)", 36);
    /* attachments exclude the repeated absence footer */
    const RsItem *it4 = &m->items[3];
    assert_int_equal(it4->n_attachments, 1);
    rs_meeting_free(m);
}

#define SA2 "Social & Arbejdsmarkedsudvalget"

static void test_esbjerg_2025_01_21(void **state) {
    (void)state;
    RsMeeting *m = parse_sample("002_b5ca74bce736c226.txt");
    assert_string_equal(m->municipality, "Esbjerg");
    assert_string_equal(m->date, "2025-01-21");
    assert_string_equal(m->participants[5].party, "Løsgænger");
    assert_true(m->participants[4].absent); /* Rasmus Rasmussen (A) (Afbud) */
    assert_string_equal(m->participants[4].party, "A");
    static const Want w[] = {
        {1, "Godkendelse af dagsorden", NULL, "formalia", SA2 "|2025-01-21|godkendt"},
        {2, "Status på omorganisering af Familiecentret", "mig-a-2024-19506", "orientering",
         SA2 "|2025-01-21|orientering givet"},
        {3, "Orientering om tilskud til projekt Familien Først - Én indgang", "mig-a-2024-13243",
         "orientering", SA2 "|2025-01-21|orientering givet"},
        {4, "Orientering om tilsagn om puljemidler til Projekt Aluu", "EMN-24/0001629",
         "orientering", SA2 "|2025-01-21|orientering givet"},
        /* the Beslutningshistorik holds an earlier decision of another committee (09.12.2024) */
        {5, "Orientering om status på hygiejneorganisationen 2024", "EMN-24/0001899", "orientering",
         SA2 "|2025-01-21|orientering givet;Sundhed & Omsorgsudvalget|2024-12-09|orientering givet"},
        {6, "Dialogmøde med Bindeleddet", "EMN-25/0000301", "drøftelse",
         SA2 "|2025-01-21|orientering givet"},
        {7, "Information, orientering og forespørgsler - Åben", "EMN-24/0000308", "orientering",
         SA2 "|2025-01-21|orientering givet"},
        {8, "Lukket: Orientering", "mig-a-2024-17316", "lukket", ""},
        {9, "Lukket: Orientering", "EMN-25/0000660", "lukket", ""},
        {10, "Lukket: Information, orientering og forespørgsler - Lukket", NULL, "lukket", ""},
        {11, "Lukket: Godkendelse af underskriftsblad", NULL, "lukket", ""},
    };
    check_items(m, w, 11);
    rs_meeting_free(m);
}

#define LS "Social- og Arbejdsmarkedsudvalget"

static void test_lolland_2020_09_22(void **state) {
    (void)state;
    RsMeeting *m = parse_sample("003_2da60960a1decf7e.txt");
    assert_string_equal(m->municipality, "Lolland");
    assert_string_equal(m->committee_name, LS);
    assert_string_equal(m->period, "2018-2021");
    assert_string_equal(m->date, "2020-09-22");
    assert_string_equal(m->time, "09:00");
    assert_int_equal(m->n_participants, 0); /* no Mødedeltagere line */
    static const Want w[] = {
        {1, "Godkendelse af dagsorden", "00.01.00-G01-35-19", "formalia", LS "|2020-09-22|godkendt"},
        {2, "Førstebehandling af Tidlig indsatsstrategi", "27.00.00-P22-1-20", NULL,
         "Børne- og Skoleudvalget|2020-09-03|godkendt;Handicaprådet|2020-09-08|andet;"
         "Folkeoplysningsudvalget|2020-09-16|andet;" LS "|2020-09-22|andet"},
        {3, "Udkast til strategi for socialpsykiatri og misbrug", "27.00.00-A00-7-20", NULL,
         LS "|2020-09-22|godkendt"},
        {4, "Emner til fællesmøde mellem Social- og Arbejdsmarkedsudvalget og Handicaprådet",
         "00.07.01-A26-2-19", NULL, LS "|2020-09-22|godkendt"},
        {5, "Åben orientering", "00.01.00-G01-35-19", "orientering", LS "|2020-09-22|andet"},
        {6, "", "27.00.00-G01-41-20", "lukket", ""},
        {7, "Lukket: Lukket orientering", "00.01.00-G01-35-19", "lukket", ""},
        {8, "", "00.01.00-G01-35-19", "lukket", ""},
    };
    check_items(m, w, 8);
    /* KLE main group from the SBSYS case number */
    assert_int_equal(m->items[1].kle_group, 27);
    assert_string_equal(rs_kle_group_name(27), "Social service");
    assert_int_equal(m->items[0].kle_group, 0);
    /* both committee spellings fold to one key */
    char *k1 = rs_committee_key("Social & Arbejdsmarkedsudvalget");
    char *k2 = rs_committee_key("Social- og Arbejdsmarkedsudvalget");
    char *k3 = rs_committee_key("Social & Arbejdsmarkedsudvalg");
    assert_string_equal(k1, k2);
    assert_string_equal(k1, k3);
    assert_string_equal(m->committee_key, k1);
    free(k1);
    free(k2);
    free(k3);
    rs_meeting_free(m);
}

#define AM "Arbejdsmarkedsudvalget"

static void check_odder(RsMeeting *m) {
    assert_string_equal(m->municipality, "Odder");
    assert_string_equal(m->date, "2020-10-22");
    assert_string_equal(m->time, "14:00");
    assert_true(m->participants[0].absent); /* Hans Hammann (Fravær) */
    static const Want w[] = {
        {1, "Godkendelse af forslag til dagsorden", NULL, "formalia", AM "|2020-10-22|godkendt"},
        {2, "Information fra formand/forvaltning", "S2018-2162", "orientering", AM "|2020-10-22|orientering givet"},
        {3, "Efterretningsliste", "S2018-2162", "orientering", AM "|2020-10-22|andet"},
        {4, "Tema: Integrationsindsatsen i Odder Kommune", NULL, "drøftelse", AM "|2020-10-22|drøftet"},
        {5, "Beskæftigelsesplan 2021", "S2020-26746", NULL, AM "|2020-10-22|drøftet"},
        {6, "Borgerinddragelse", NULL, NULL, AM "|2020-10-22|godkendt"},
        {7, "Opfølgning på Beskæftigelsesplan 2020", "S2018-18480", NULL, AM "|2020-10-22|taget til efterretning"},
        {8, "Arbejdsmarkedsudvalg, tillægsbevillinger på baggrund af Økonomioversigt 2, 2020", NULL,
         NULL, AM "|2020-10-22|anbefalet"},
        {9, "Etablering af inspirationspartnerskaber på beskæftigelsesområdet", NULL, NULL,
         AM "|2020-10-22|taget til efterretning"},
        {10, "Status på fagudvalgenes arbejde med indsatserne i Byrådets tre tværgående politikker",
         NULL, "orientering", AM "|2020-10-22|drøftet"},
        {11, "Orientering om projekt \"Okay Ung\"", NULL, "orientering", AM "|2020-10-22|taget til efterretning"},
    };
    check_items(m, w, 11);
    rs_meeting_free(m);
}

static void test_odder_2020_10_22(void **state) {
    (void)state;
    check_odder(parse_sample("004_4215b85305d5dec8.txt"));
}

/* The same minutes as a PDF (tests/fixtures/minutes/README.md): same assertions. */
static void test_odder_pdf(void **state) {
    (void)state;
    RsMeeting *m = NULL;
    RsError err;
    if (rs_referat_parse_file(RS_FIXTURE_DIR "/odder_2020-10-22.pdf", NULL, &m, &err) != RS_OK)
        fail_msg("%s", err.msg);
    check_odder(m);
}

static void test_bad_pdfs(void **state) {
    (void)state;
    RsMeeting *m = NULL;
    RsError err;
    assert_int_equal(rs_referat_parse_file(RS_FIXTURE_DIR "/scan.pdf", NULL, &m, &err), RS_ERR_INPUT);
    assert_non_null(strstr(err.msg, "scan.pdf: the PDF has no text layer"));
    assert_int_equal(rs_referat_parse_file(RS_FIXTURE_DIR "/encrypted.pdf", NULL, &m, &err), RS_ERR_INPUT);
    assert_non_null(strstr(err.msg, "encrypted.pdf: the PDF is encrypted"));
    assert_int_equal(rs_referat_parse_file(RS_FIXTURE_DIR "/truncated.pdf", NULL, &m, &err), RS_ERR_INPUT);
    assert_non_null(strstr(err.msg, "truncated.pdf: not a readable PDF"));
}

/* ---- hand-made variants: not tuned to five files ---- */

static RsMeeting *parse_text(const char *t, size_t len, const RsParseOptions *o, RsError *err) {
    RsMeeting *m = NULL;
    RsStatus rc = rs_referat_parse(t, len, "variant.txt", o, &m, err);
    return rc == RS_OK ? m : NULL;
}

static void test_variant_dagsorden_dates_genitive_crlf(void **state) {
    (void)state;
    const char *t =
        "\xEF\xBB\xBF" "DAGSORDEN Teknik- og Miljøudvalget d. 3/3-2021\r\n\r\n"
        "Mødedato onsdag d. 3. marts 2021 kl. 16:30\r\n\r\n"
        "Punkt 1: Orientering om vejprojekt i Københavns Kommune\r\n\r\n"
        "05.01.02-P20-3-21\r\n\r\nSagsfremstilling\r\n\r\nKøbenhavns Kommune har sendt "
        "sagen, jf. sag 19/2240.\r\n\r\n"
        "Beslutning fra Økonomiudvalget, 10. februar 2021, pkt. 4:\r\n\r\nOversendt til udvalget.\r\n\r\n"
        "Beslutning\r\n\r\nTaget til efterretning.\r\n";
    RsError err;
    RsMeeting *m = parse_text(t, strlen(t), NULL, &err);
    assert_non_null(m);
    assert_string_equal(m->kind, "dagsorden");
    assert_string_equal(m->committee, "Teknik- og Miljøudvalget");
    assert_string_equal(m->date, "2021-03-03");
    assert_string_equal(m->time, "16:30");
    assert_string_equal(m->municipality, "København"); /* from the genitive "Københavns Kommune" */
    assert_int_equal(m->n_items, 1);
    const RsItem *it = &m->items[0];
    assert_string_equal(it->title, "Orientering om vejprojekt i Københavns Kommune");
    assert_string_equal(it->case_no, "05.01.02-P20-3-21");
    assert_int_equal(it->kle_group, 5);
    assert_int_equal(it->n_cases, 2);
    assert_string_equal(it->cases[1], "19/2240"); /* cited in the text */
    assert_int_equal(it->n_decisions, 2);
    assert_string_equal(it->decisions[0].committee, "Økonomiudvalget");
    assert_string_equal(it->decisions[0].date, "2021-02-10");
    assert_string_equal(rs_outcome_name(it->decisions[0].outcome), "oversendt");
    assert_string_equal(it->decisions[1].committee, "Teknik- og Miljøudvalget");
    assert_string_equal(it->decisions[1].date, "2021-03-03");
    assert_string_equal(rs_outcome_name(it->decisions[1].outcome), "taget til efterretning");
    /* no CR survives in the text */
    assert_null(memchr(m->text, '\r', m->text_len));
    rs_meeting_free(m);

    /* a municipality given as an option does not overrule the text ... */
    RsParseOptions o = {.municipality = "Vejle"};
    m = parse_text(t, strlen(t), &o, &err);
    assert_string_equal(m->municipality, "København");
    assert_false(m->municipality_given);
    rs_meeting_free(m);
    /* ... but is used where the text and the path say nothing */
    const char *bare = "REFERAT Teknik- og Miljøudvalget d. 3/3-2021\n\nPunkt 1: Vej\n\nSagsfremstilling\n\nTekst.\n";
    m = parse_text(bare, strlen(bare), &o, &err);
    assert_string_equal(m->municipality, "Vejle");
    assert_true(m->municipality_given);
    assert_string_equal(m->municipality_from, "option");
    rs_meeting_free(m);
    m = parse_text(bare, strlen(bare), NULL, &err);
    assert_null(m->municipality);
    rs_meeting_free(m);
}

/* Without "<Name> Kommune" in the text: the town hall in the meeting place, else a folder of
 * the path named after a municipality; the text wins over both, the place over the path. */
static void test_municipality_fallbacks(void **state) {
    (void)state;
    const char *place = "REFERAT Økonomiudvalget d. 08-05-2009\n\nMødested Byrådssalen, Odder Rådhus\n\n"
                        "Punkt 1: Budget\n\nSagsfremstilling\n\nTekst.\n";
    const char *plain = "REFERAT Økonomiudvalget d. 08-05-2009\n\nMødested Mødelokale 2\n\n"
                        "Punkt 1: Budget\n\nSagsfremstilling\n\nTekst.\n";
    const char *text = "REFERAT Økonomiudvalget d. 08-05-2009\n\nMødested Byrådssalen, Odder Rådhus\n\n"
                       "Punkt 1: Budget\n\nSagsfremstilling\n\nVejle Kommune har skrevet.\n";
    /* a partner named only in an item ("… samarbejdet med Tårnby Kommune" in Dragør's minutes) */
    const char *mention = "REFERAT Økonomiudvalget d. 08-05-2009\n\nMødested Mødelokale 2\n\n"
                          "Punkt 1: Budget\n\nSagsfremstilling\n\nVejle Kommune har skrevet.\n";
    const char *header = "REFERAT Vejle Kommune, Økonomiudvalget d. 08-05-2009\n\nMødested Byrådssalen, Odder Rådhus\n\n"
                         "Punkt 1: Budget\n\nSagsfremstilling\n\nTekst.\n";
    static const struct {
        const char *text, *path, *want;
    } cases[] = {
        {NULL, "referater/x.txt", "Odder"},                  /* the place */
        {NULL, "referater/Aarhus/oeu/x.txt", "Odder"},       /* the place beats the folder */
        {NULL, "referater/Aarhus/oeu/x.txt", "Aarhus"},      /* plain: the folder */
        {NULL, "/data/ærø_kommune/2020/x.txt", "Ærø"},       /* "_kommune", non-ASCII */
        {NULL, "/data/AEROE-Kommune/x.txt", "Ærø"},          /* ASCII respelling, any case */
        {NULL, "/data/Aarhus.txt", NULL},                    /* the file name is no folder */
        {NULL, "/data/minutes/x.txt", NULL},                 /* nothing known */
        {NULL, "referater/Aarhus/x.txt", "Odder"},           /* the place beats a mention in an item */
        {NULL, "referater/Aarhus/x.txt", "Aarhus"},          /* … and so does the folder */
        {NULL, "referater/x.txt", "Vejle"},                  /* a mention in an item, nothing else */
        {NULL, "referater/Aarhus/x.txt", "Vejle"},           /* the header beats place and folder */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *t = i == 0 || i == 1 ? place : i == 7 ? text : i == 8 || i == 9 ? mention : i == 10 ? header : plain;
        RsError err;
        RsMeeting *m = NULL;
        assert_int_equal(rs_referat_parse_bytes(t, strlen(t), cases[i].path, NULL, &m, &err), RS_OK);
        if (cases[i].want) {
            assert_non_null(m->municipality);
            assert_string_equal(m->municipality, cases[i].want);
        } else {
            assert_null(m->municipality);
        }
        rs_meeting_free(m);
    }
}

static void test_outcomes(void **state) {
    (void)state;
    const char *cases[][2] = {
        {"Godkendt.", "godkendt"},
        {"Indstillingen godkendes.", "godkendt"},
        {"Ikke godkendt.", "forkastet"},
        {"Forslaget blev forkastet.", "forkastet"},
        {"Udsat til næste møde.", "udsat"},
        {"Udvalget vil sætte fokus på udsatte børn.", "andet"},
        {"Anbefales over for Byrådet.", "anbefalet"},
        {"Indstilles til godkendelse i Byrådet.", "anbefalet"},
        {"Orientering givet.", "orientering givet"},
        {"Taget til efterretning", "taget til efterretning"},
        {"Oversendt til Økonomiudvalget.", "oversendt"},
        {"Udvalget drøftede sagen.", "drøftet"},
        {"Fraværende: A, B\n\nGodkendt, at sagen sendes i høring.", "godkendt"},
        {"Intet", "andet"},
        /* refusals, and the words they negate */
        {"Afslået.", "forkastet"},
        {"Ansøgningen blev afslået.", "forkastet"},
        {"Udvalget afslog ansøgningen.", "forkastet"},
        {"Anbefales ikke.", "forkastet"},
        {"Udvalget kan ikke anbefale forslaget.", "forkastet"},
        {"Indstillingen godkendes ikke.", "forkastet"},
        {"Ikke tiltrådt.", "forkastet"},
        {"Tiltrædes ikke.", "forkastet"},
        {"Anbefales, idet udvalget ikke tiltræder punkt 3.", "anbefalet"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *got = rs_outcome_name(rs_outcome_of(cases[i][0], strlen(cases[i][0])));
        if (strcmp(got, cases[i][1])) fail_msg("'%s' → %s, want %s", cases[i][0], got, cases[i][1]);
    }
}

/* Windows-1252 and NFD text: converted to UTF-8 NFC before parsing, so the vocabularies match. */
static void test_encodings(void **state) {
    (void)state;
    RsError err;
    /* Windows-1252: æ ø å Ø, € and curly quotes; the place names the municipality */
    const char *cp1252 = "REFERAT \xD8konomiudvalget d. 12-03-2024\n\nM\xF8" "dested: N\xE6stved R\xE5" "dhus\n\n"
                         "Punkt 1: Tilskud til k\xF8kkenhaver\n\n24/1234\n\nSagsfremstilling\n\n"
                         "Der s\xF8ges 5.000 \x80 til \x93gr\xF8nne g\xE5rde\x94.\n\nBeslutning\n\nGodkendt.\n";
    RsMeeting *m = parse_text(cp1252, strlen(cp1252), NULL, &err);
    assert_non_null(m);
    assert_string_equal(m->encoding, "windows-1252");
    assert_string_equal(m->committee_name, "Økonomiudvalget");
    assert_string_equal(m->place, "Næstved Rådhus");
    assert_string_equal(m->municipality, "Næstved");
    assert_string_equal(m->municipality_from, "place");
    assert_int_equal(m->n_items, 1);
    assert_string_equal(m->items[0].title, "Tilskud til køkkenhaver");
    assert_non_null(strstr(m->text, "5.000 € til “grønne gårde”."));
    rs_meeting_free(m);
    /* the same minutes in NFD (å = a + U+030A, ø = o + U+0338 is not a decomposition: ø stays) */
    const char *nfd = "REFERAT Teknik- og Milj\xC3\xB8udvalget d. 12-03-2024\n\nM\xC3\xB8" "dested: Aarhus Ra\xCC\x8A" "dhus\n\n"
                      "Punkt 1: Vej\n\n24/1234\n\nSagsfremstilling\n\nTekst om A\xCC\x8A" "en.\n";
    m = parse_text(nfd, strlen(nfd), NULL, &err);
    assert_non_null(m);
    assert_null(m->encoding);
    assert_string_equal(m->place, "Aarhus Rådhus");
    assert_string_equal(m->municipality, "Aarhus");
    assert_non_null(strstr(m->text, "Tekst om Åen."));
    rs_meeting_free(m);
    /* UTF-16 with a BOM */
    const char u16[] = "\xFF\xFER\0e\0f\0e\0r\0a\0t\0\n\0\n\0P\0u\0n\0k\0t\0 \0001\0:\0 \0V\0\xE6\0g\0\n\0";
    m = parse_text(u16, sizeof u16 - 1, NULL, &err);
    assert_non_null(m);
    assert_string_equal(m->encoding, "UTF-16LE");
    assert_string_equal(m->items[0].title, "Væg");
    rs_meeting_free(m);
}

/* rs_text_clean: one kind of line end and of space, no invisible break hints; other bytes kept. */
static void test_text_clean(void **state) {
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"a\r\nb\rc\fd", "a\nb\nc\nd"},
        {"den\xC2\xA0" "3. maj", "den 3. maj"},                        /* no-break space */
        {"kl.\xE2\x80\xAF" "16", "kl. 16"},                           /* narrow no-break space */
        {"a\xE2\x80\x80" "b\xE2\x80\x8A" "c\xE2\x81\x9F" "d\xE3\x80\x80" "e", "a b c d e"},
        {"Trafik\xC2\xAD" "sikkerhed", "Trafiksikkerhed"},              /* soft hyphen */
        {"skole\xE2\x80\x8B" "vej\xE2\x81\xA0" "en\xEF\xBB\xBF", "skolevejen"},
        {"\xC3\xA6\xC3\xB8\xC3\xA5 \xC2\xA7 \xE2\x80\x93", "\xC3\xA6\xC3\xB8\xC3\xA5 \xC2\xA7 \xE2\x80\x93"}, /* æøå § – kept */
        {"cut \xC2", "cut \xC2"},                                      /* a cut sequence is kept */
        {"cut \xE2\x80", "cut \xE2\x80"},
        {"  Taget  til   efterretning.  \n\tb\t\tc", "  Taget til efterretning. \n\tb\t\tc"}, /* indentation stays */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char buf[64];
        size_t n = strlen(cases[i].in);
        memcpy(buf, cases[i].in, n);
        size_t m = rs_text_clean(buf, n);
        assert_true(m <= n);
        assert_int_equal(m, strlen(cases[i].out));
        assert_memory_equal(buf, cases[i].out, m);
    }
    assert_int_equal(rs_text_clean(NULL, 0), 0);
}

/* A flattened transcript whose item headings lost their numbers: each page's heading is the
 * longest run of words before its case line or first section that the contents hold; its
 * "Punkt: N" gives the number, a case line between number and title is the item's. Without
 * contents, or where the run ends a sentence, no heading: the text stays one item. */
static void test_flat_page_titles(void **state) {
    (void)state;
    const char *fill = "Forvaltningen har gennemgået sagen og vurderer, at forslaget kan gennemføres inden for "
                       "den eksisterende ramme, og at der ikke er behov for yderligere bevillinger i år. ";
    const char *contents = " Sager på mødet: Vinterberedskab for vejene 2 Lokalplan for Havnefronten 3";
    for (int variant = 0; variant < 3; variant++) {
        char t[4096];
        snprintf(t, sizeof t,
                 "Transkript\n\n1 Teknisk Udvalg Referat fra ordinært møde 12. januar 2012 kl. 8:00%s %s\n\n"
                 "2 Teknisk Udvalg Punkt: 1 Sagsnr.: 12/301 Sagsbehandler: Per Holm Vinterberedskab for vejene "
                 "Sagsfremstilling %s%s Beslutning Godkendt.\n\n"
                 "3 Teknisk Udvalg Punkt: 2 Sagsnr.: 12/302 Sagsbehandler: Ida Berg %s "
                 "Sagsfremstilling %s%s Beslutning Godkendt.\n",
                 variant == 1 ? "" : contents, fill, fill, fill,
                 variant == 2 ? "Det gælder især forslaget om Lokalplan for Havnefronten" : "Lokalplan for Havnefronten",
                 fill, fill);
        RsError err;
        RsMeeting *m = parse_text(t, strlen(t), NULL, &err);
        assert_non_null(m);
        if (variant == 0) {
            assert_int_equal(m->n_items, 2);
            assert_string_equal(m->items[0].title, "Vinterberedskab for vejene");
            assert_string_equal(m->items[0].number_text, "1");
            assert_string_equal(m->items[0].case_no, "12/301");
            assert_string_equal(m->items[1].title, "Lokalplan for Havnefronten");
            assert_string_equal(m->items[1].number_text, "2");
            assert_string_equal(m->items[1].case_no, "12/302");
            assert_true(m->items[1].n_decisions == 1);
        } else if (variant == 1) {
            assert_int_equal(m->n_items, 1); /* no contents: nothing says where a heading starts */
        } else {
            assert_int_equal(m->n_items, 1); /* page 3's run ends a sentence: page 2 alone */
            assert_string_equal(m->items[0].title, "Vinterberedskab for vejene");
        }
        rs_meeting_free(m);
    }
}

/* A flattened page runs an item's body on after its title ("1. Valg af mødeleder Formanden
 * foreslog …"): the contents' entry ends the title, and the rest of the heading line is the
 * item's text (searchable), not lost. */
static void test_flat_title_from_contents(void **state) {
    (void)state;
    const char *fill = "Forvaltningen har gennemgået sagen og vurderer, at forslaget kan gennemføres inden for "
                       "den eksisterende ramme, og at der ikke er behov for yderligere bevillinger i år. ";
    char t[4096];
    snprintf(t, sizeof t,
             "Transkript\n\n1 Referat fra møde i Økonomiudvalget 14. marts 2023 %s Dagsorden: 1. Valg af "
             "mødeleder 2. Salg af grund ved Engvej 3. Eventuelt 1. Valg af mødeleder Formanden foreslog Bo "
             "Riis. Beslutning: Bo Riis blev valgt. 2. Salg af grund ved Engvej Der er kommet to bud. %s "
             "Beslutning: Godkendt. 3. Eventuelt Intet.\n",
             fill, fill);
    RsError err;
    RsMeeting *m = parse_text(t, strlen(t), NULL, &err);
    assert_non_null(m);
    assert_int_equal(m->n_items, 3);
    assert_string_equal(m->items[0].title, "Valg af mødeleder");
    assert_string_equal(m->items[1].title, "Salg af grund ved Engvej");
    const RsItem *it = &m->items[0];
    assert_true(it->n_sections >= 2);
    assert_int_equal(it->sections[0].kind, RS_SEC_BODY);
    const char *b = m->text + it->sections[0].body.start;
    size_t bl = it->sections[0].body.end - it->sections[0].body.start;
    assert_true(bl >= 27 && !memcmp(b, "Formanden foreslog Bo Riis.", 27));
    assert_int_equal(it->n_decisions, 1);
    b = m->text + m->items[1].sections[0].body.start;
    assert_true(!memcmp(b, "Der er kommet to bud.", 21));
    assert_string_equal(m->items[2].title, "Eventuelt");
    assert_int_equal(m->items[2].n_sections, 1); /* the last line's rest too */
    b = m->text + m->items[2].sections[0].body.start;
    assert_true(!memcmp(b, "Intet.", 6));
    rs_meeting_free(m);
}

/* A heading printed twice with a line of attachment names between (a portal's bullet, then
 * "Pkt. N" and the title): one item whose case follows the second heading; the line between is
 * the item's text, except in a closed item, whose text is never kept. */
static void test_twice_with_line_between(void **state) {
    (void)state;
    const char *t = "Referat\n\nDato: Tirsdag, Marts 12, 2024 - 17:00\n"
                    " • Pkt. 22 Ny plan for affaldssortering\n\n  Plan_2024.pdf Svar.pdf\n\n  Pkt. 22\n\n"
                    "  Ny plan for affaldssortering\n\n  Sagsnr. 398765 Teknik- og Miljøudvalget Åbent punkt\n\n"
                    "  Resume\n\n  Planen beskriver ti affaldstyper.\n\n"
                    " • Pkt. 23 Køb af grund\n\n  Koebsaftale_hemmelig.pdf\n\n  Pkt. 23\n\n  Køb af grund\n\n"
                    "  Sagsnr. 399001 Teknik- og Miljøudvalget Lukket punkt\n";
    RsError err;
    RsMeeting *m = parse_text(t, strlen(t), NULL, &err);
    assert_non_null(m);
    assert_int_equal(m->n_items, 2);
    const RsItem *a = &m->items[0], *b = &m->items[1];
    assert_string_equal(a->case_no, "398765");
    assert_true(a->n_sections >= 2);
    assert_int_equal(a->sections[0].kind, RS_SEC_BODY);
    assert_true(!memcmp(m->text + a->sections[0].body.start, "Plan_2024.pdf Svar.pdf", 22));
    assert_string_equal(b->case_no, "399001");
    assert_true(b->closed);
    assert_int_equal(b->n_sections, 0);
    rs_meeting_free(m);
}

/* A journal number and a case number under one heading: the case number is the item's case,
 * the journal number stays among its cases (found by either) and gives the KLE group. */
static void test_journal_and_case(void **state) {
    (void)state;
    const char *t = "Referat\nBestyrelsen 22. marts 2019\n\n"
                    "Pkt. 1. Takster for erhvervsaffald 2020 (B)\n\n"
                    "J.nr.: 07.00.00.A23-0011/2018\nSagsnr.: 7090\n\nIndstilling:\nAt taksterne godkendes.\n\n"
                    "Beslutning:\nGodkendt.\n\n"
                    "Pkt. 2. Orientering om ny genbrugsplads (O)\n\nSagsnr.: 7091\nJ.nr.: 07.18.00.G01-0004/2018\n\n"
                    "Beslutning:\nTaget til efterretning.\n";
    RsError err;
    RsMeeting *m = parse_text(t, strlen(t), NULL, &err);
    assert_non_null(m);
    assert_int_equal(m->n_items, 2);
    for (size_t i = 0; i < 2; i++) {
        const RsItem *it = &m->items[i];
        assert_string_equal(it->case_no, i ? "7091" : "7090");
        assert_int_equal(it->n_cases, 2);
        assert_string_equal(it->cases[0], it->case_no);
        assert_string_equal(it->cases[1], i ? "07.18.00.G01-0004/2018" : "07.00.00.A23-0011/2018");
        assert_int_equal(it->kle_group, 7);
    }
    rs_meeting_free(m);
}

/* A case label whose value extraction cut ("J.nr.: A00") is neither part of the title wrapped
 * before it nor the end of the item's case lines: the case line after it is the case. */
static void test_stray_case_label(void **state) {
    (void)state;
    const char *t = "Referat\nByrådet 9. august 2010\n\n1. Anmodning om at måtte udtræde af\nJ.nr.: A00\n"
                    "Sagsid.: 10/22971\n\nSagsfremstilling\nEt medlem har bedt om at udtræde.\n";
    RsError err;
    RsMeeting *m = parse_text(t, strlen(t), NULL, &err);
    assert_non_null(m);
    assert_int_equal(m->n_items, 1);
    assert_string_equal(m->items[0].title, "Anmodning om at måtte udtræde af");
    assert_non_null(m->items[0].case_no);
    assert_string_equal(m->items[0].case_no, "10/22971");
    rs_meeting_free(m);
}

/* A one-item page whose first line is "Beslutning: <title>" has that title and no decision from
 * it; "Beslutning: Godkendt." first is a decision. */
static void test_title_decision_prefix(void **state) {
    (void)state;
    static const struct {
        const char *first;
        size_t decisions;
    } cases[] = {{"Beslutning: Ny affaldsordning for sommerhuse", 0}, {"Beslutning: Godkendt.", 1}};
    for (size_t i = 0; i < 2; i++) {
        char t[512];
        snprintf(t, sizeof t, "%s\nSagsfremstilling\nForsyningen har regnet på taksten.\n", cases[i].first);
        RsError err;
        RsMeeting *m = parse_text(t, strlen(t), NULL, &err);
        assert_non_null(m);
        assert_int_equal(m->n_items, 1);
        if (m->items[0].n_decisions != cases[i].decisions) fail_msg("%s: %zu decisions", cases[i].first, m->items[0].n_decisions);
        rs_meeting_free(m);
    }
}

/* A .NET portal prints the meeting's date month first with a 12-hour clock; a Danish slashed
 * date stays day first. */
static void test_us_portal_date(void **state) {
    (void)state;
    static const struct {
        const char *line, *date, *time;
    } cases[] = {{"Mødedato: 8/29/2019 4:00:00 PM", "2019-08-29", "16:00"},
                 {"Mødedato: 3/4/2019 9:30:00 AM", "2019-03-04", "09:30"},
                 {"Mødedato: 12/1/2020 12:15:00 PM", "2020-12-01", "12:15"},
                 {"Mødedato: 3/4/2019 kl. 9.30", "2019-04-03", "09:30"},
                 {"Mødedato: 3/4-2019 kl. 16.30", "2019-04-03", "16:30"}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char t[256];
        snprintf(t, sizeof t, "Referat\nByrådet\n%s\n\n1. Godkendelse af dagsorden\nBeslutning\nGodkendt.\n",
                 cases[i].line);
        RsError err;
        RsMeeting *m = parse_text(t, strlen(t), NULL, &err);
        assert_non_null(m);
        if (strcmp(m->date, cases[i].date) || strcmp(m->time, cases[i].time))
            fail_msg("%s: %s %s", cases[i].line, m->date, m->time);
        rs_meeting_free(m);
    }
}

/* A municipality is named by "<Navn> Kommune(s)", not by a word that starts with "Kommune"
 * ("Masterplan for Langeskov Kommuneplanrevision", "Esbjerg kommunen"); a tie goes to today's
 * municipality over a former one ("den nedlagte Langeskov Kommune"). */
static void test_municipality_words(void **state) {
    (void)state;
    static const struct {
        const char *body, *want;
    } cases[] = {
        {"Masterplan for Langeskov Kommuneplanrevision. Frivillighedscenter i Kerteminde Kommune.", "Kerteminde"},
        {"Borgmesterkæden for den nedlagte Langeskov Kommune. Frivillighedscenter i Kerteminde Kommune.",
         "Kerteminde"},
        {"Aftalen med Esbjerg kommunen og Vejle Kommunes forvaltning.", "Vejle"},
        {"Aftalen med Esbjerg kommunen.", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char t[512];
        snprintf(t, sizeof t, "Referat\nByrådet\n\n1. Orientering\nSagsfremstilling\n%s\n", cases[i].body);
        RsError err;
        RsMeeting *m = parse_text(t, strlen(t), NULL, &err);
        assert_non_null(m);
        if (cases[i].want ? !m->municipality || strcmp(m->municipality, cases[i].want) : m->municipality != NULL)
            fail_msg("%s: %s", cases[i].body, m->municipality ? m->municipality : "(none)");
        rs_meeting_free(m);
    }
}

/* A notice's agenda of unnumbered bullets under "Åbent møde" / "Dagsorden:" gives the items; a
 * list with no such label, of two entries, of sentences, or in minutes with sections does not. */
static void test_bullet_agenda(void **state) {
    (void)state;
    static const struct {
        const char *text;
        size_t items;
        const char *second; /* the second item's title, when the list is the items */
    } cases[] = {
        {"Byrådets møde\n\nDagsorden:\n\n• Godkendelse af dagsorden\n• Budget 2025\n• Meddelelser\n", 3, "Budget 2025"},
        {"Møde\n\nÅbent møde\n• Godkendelse af dagsorden\n\n• Budget 2025\nLukket møde\n• Salg af grund\n", 3,
         "Budget 2025"},
        /* entries wrapped onto a second line, lower case or after a long line */
        {"Dagsorden:\n• Godkendelse af lokalplan nr. 87 og kommuneplantillæg nr. 3 –\nFamilie- og Feriecenter Nordby\n"
         "• Budget 2025 for\nHavnen\n• Meddelelser\n", 3, "Budget 2025 for Havnen"},
        /* not introduced: a list in a letter */
        {"Kære borgere\n\nHusk at:\n• Tilmelding sker på mail\n• Parkering ved hallen\n• Kaffe fra kl. 17\n", 1, NULL},
        {"Dagsorden:\n• Godkendelse af dagsorden\n• Budget 2025\n", 1, NULL},
        {"Dagsorden:\n• at byrådet godkender planen\n• at sagen sendes i høring\n• at der afsættes midler\n", 1, NULL},
        {"Dagsorden:\n• Godkendelse af dagsorden\n• Budget 2025\n• Meddelelser\n\nBeslutning\nGodkendt.\n", 1, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        RsError err;
        RsMeeting *m = parse_text(cases[i].text, strlen(cases[i].text), NULL, &err);
        assert_non_null(m);
        if (m->n_items != cases[i].items) fail_msg("case %zu: %zu items", i, m->n_items);
        if (cases[i].second) {
            assert_string_equal(m->items[1].title, cases[i].second);
            assert_string_equal(m->items[1].number_text, "");
        }
        if (i == 1) assert_int_equal(m->items[2].closed, 1);
        if (i == 2)
            assert_string_equal(m->items[0].title,
                                "Godkendelse af lokalplan nr. 87 og kommuneplantillæg nr. 3 – Familie- og Feriecenter Nordby");
        rs_meeting_free(m);
    }
}

/* Headings all numbered 1 (a list restarting at each item) are the items, in order; numbered
 * sentences all numbered 1 are not, nor are two such headings. */
static void test_restarting_list(void **state) {
    (void)state;
    static const struct {
        const char *text;
        size_t items;
    } cases[] = {
        {"Referat\n\n 1. Godkendelse af dagsorden\n\nGodkendt.\n\n 1. Budget 2025\n\nDrøftet.\n\n 1. Eventuelt\n\nIntet.\n", 3},
        {"Brev\n\n 1. Vi har modtaget jeres brev om sagen. Det glæder os.\n\nTekst.\n\n 1. Vi svarer inden en måned. Tak for henvendelsen.\n\nTekst.\n\n"
         " 1. Vi beder jer sende bilagene igen. Nogle manglede.\n\nTekst.\n", 1},
        {"Referat\n\n 1. Godkendelse af dagsorden\n\nGodkendt.\n\n 1. Budget 2025\n\nDrøftet.\n", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        RsError err;
        RsMeeting *m = parse_text(cases[i].text, strlen(cases[i].text), NULL, &err);
        assert_non_null(m);
        if (m->n_items != cases[i].items) fail_msg("case %zu: %zu items", i, m->n_items);
        if (cases[i].items == 3) {
            assert_string_equal(m->items[1].title, "Budget 2025");
            assert_string_equal(m->items[2].number_text, "1");
        }
        rs_meeting_free(m);
    }
}

/* A heading's title wrapped where a line turned: onto a line in lower case, after an open word,
 * and onto a parenthesis closing on its line; not onto a sentence of the body. */
static void test_title_wrapped(void **state) {
    (void)state;
    static const struct {
        const char *second, *title;
    } cases[] = {
        {"(ÆK)(bilag rapport fra rådgiver)", "Flyvepladsen, afvanding v/ Per Holm og Ane Berg (ÆK)(bilag rapport fra rådgiver)"},
        {"med bilag", "Flyvepladsen, afvanding v/ Per Holm og Ane Berg med bilag"},
        {"Ane orienterede om rapporten.", "Flyvepladsen, afvanding v/ Per Holm og Ane Berg"},
        {"(Ane orienterede om rapporten", "Flyvepladsen, afvanding v/ Per Holm og Ane Berg"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char t[512];
        snprintf(t, sizeof t, "Referat\n\n1. Flyvepladsen, afvanding v/ Per Holm og Ane Berg\n%s\n\nTekst.\n\n"
                              "2. Eventuelt\n\nIntet.\n", cases[i].second);
        RsError err;
        RsMeeting *m = parse_text(t, strlen(t), NULL, &err);
        assert_non_null(m);
        assert_int_equal(m->n_items, 2);
        assert_string_equal(m->items[0].title, cases[i].title);
        rs_meeting_free(m);
    }
}

/* A weekday ends a committee's name in a decision line: "… Børn & Unge onsdag den 13. januar". */
static void test_committee_weekday(void **state) {
    (void)state;
    const char *t = "Referat\n\n1. Valg af næstformand\nSagsfremstilling\nUdvalget vælger en næstformand.\n"
                    "Beslutning i Udvalget for Børn & Unge onsdag den 13. januar 2010\nAnne Holm valgt.\n";
    RsError err;
    RsMeeting *m = parse_text(t, strlen(t), NULL, &err);
    assert_non_null(m);
    assert_int_equal(m->n_items, 1);
    assert_int_equal(m->items[0].n_decisions, 1);
    assert_string_equal(m->items[0].decisions[0].committee, "Udvalget for Børn & Unge");
    assert_string_equal(m->items[0].decisions[0].date, "2010-01-13");
    rs_meeting_free(m);
}

/* The meeting's committee from a header line: named in the genitive before "møde den <date>"
 * whatever it is called (after "for" or a quote too); a municipality's council before an udvalg
 * gives way to it, and names it again on a later page without undoing it. */
static void test_committee_header_forms(void **state) {
    (void)state;
    static const struct {
        const char *head, *committee;
    } cases[] = {
        {"Social og sundheds møde den 17. april 2023", "Social og sundhed"},
        {"Referat af Byrådets møde d. 27.01.2015", "Byrådet"},
        {"åbent møde for Kultur- og fritidsudvalgets møde den 05. marts 2009 kl. 14:00", "Kultur- og fritidsudvalget"},
        {"Download \"Skole, klub og SFOs møde den 3. maj 2023\"", "Skole, klub og SFO"},
        {"AALBORG BYRÅD. Aalborg Byråd. Folkeoplysningsudvalget. Mødet den 25.06.2014, kl. 15:00. Boulevarden 13\n\n"
         "Aalborg Byråd Mødet den , Boulevarden 13", "Folkeoplysningsudvalget"},
        {"Udvalg: | Kommunalbestyrelsen |", "Kommunalbestyrelsen"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        char t[1024];
        snprintf(t, sizeof t, "%s\n\n1. Godkendelse af dagsorden\nBeslutning\nGodkendt.\n", cases[k].head);
        RsError err;
        RsMeeting *m = parse_text(t, strlen(t), NULL, &err);
        assert_non_null(m);
        assert_non_null(m->committee);
        assert_string_equal(m->committee, cases[k].committee);
        rs_meeting_free(m);
    }
}

/* A committee in the definite form after another capitalised word is a title's end, not a
 * decision line's committee ("Bevillingsændringer Regionsrådet 24. august 2020"); joined names
 * and a bare "Udvalget" after its words still are. */
static void test_committee_definite(void **state) {
    (void)state;
    static const struct {
        const char *line, *committee; /* NULL: no decision */
    } cases[] = {
        {"Bevillingsændringer Regionsrådet 24. august 2020", NULL},
        {"Opfølgning Økonomiudvalget 3. maj 2021", NULL},
        {"Regionsrådet 24. august 2020", "Regionsrådet"},
        {"Social- og Sundhedsudvalget 24. august 2020", "Social- og Sundhedsudvalget"},
        {"Børn og Unge Udvalget 24. august 2020", "Børn og Unge Udvalget"},
        {"Faxe Kommunes Økonomiudvalget 24. august 2020", "Faxe Kommunes Økonomiudvalget"},
        {"Lemvig Byråd 24. august 2020", "Lemvig Byråd"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char t[512];
        snprintf(t, sizeof t, "Referat\n\n1. Budget\nSagsfremstilling\nTekst om sagen.\n%s\nGodkendt.\n",
                 cases[i].line);
        RsError err;
        RsMeeting *m = parse_text(t, strlen(t), NULL, &err);
        assert_non_null(m);
        assert_int_equal(m->n_items, 1);
        const RsItem *it = &m->items[0];
        if (!cases[i].committee && it->n_decisions) fail_msg("%s: a decision", cases[i].line);
        if (cases[i].committee && (it->n_decisions != 1 || !it->decisions[0].committee ||
                                   strcmp(it->decisions[0].committee, cases[i].committee)))
            fail_msg("%s: %zu decisions", cases[i].line, it->n_decisions);
        rs_meeting_free(m);
    }
}

/* "<Body>s møde [date] punkt N: <text>" records the meeting's decision on item N (Ballerup,
 * Kerteminde); without the item's number and text it is a meeting's header, no decision. */
static void test_meeting_record_decision(void **state) {
    (void)state;
    static const struct {
        const char *line, *committee, *date; /* committee NULL: no decision */
    } cases[] = {
        {"Kommunalbestyrelsens møde 28. november 2005 Punkt 1: Der var ingen meddelelser.", "Kommunalbestyrelsen",
         "2005-11-28"},
        {"Byrådets møde punkt 657: Borgmesteren lovede et skriftligt svar.", "Byrådet", "2021-03-01"},
        {"Byrådets møde den 3. maj 2021", NULL, NULL},
        {"Byrådets møde 3. maj 2021 punkt 4", NULL, NULL},
        {"Byrådets møde blev holdt i salen.", NULL, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char t[512];
        snprintf(t, sizeof t, "Referat\nByrådet\nMødedato: 1. marts 2021\n\n1. Budget\nSagsfremstilling\n"
                              "Tekst om sagen.\n%s\n", cases[i].line);
        RsError err;
        RsMeeting *m = parse_text(t, strlen(t), NULL, &err);
        assert_non_null(m);
        assert_int_equal(m->n_items, 1);
        const RsItem *it = &m->items[0];
        if (!cases[i].committee && it->n_decisions) fail_msg("%s: a decision", cases[i].line);
        if (cases[i].committee && (it->n_decisions != 1 || !it->decisions[0].committee ||
                                   strcmp(it->decisions[0].committee, cases[i].committee) ||
                                   strcmp(it->decisions[0].date, cases[i].date)))
            fail_msg("%s: %zu decisions", cases[i].line, it->n_decisions);
        rs_meeting_free(m);
    }
}

static void test_bad_input(void **state) {
    (void)state;
    RsError err;
    assert_null(parse_text("", 0, NULL, &err));
    assert_int_equal(err.code, RS_ERR_INPUT);
    assert_non_null(strstr(err.msg, "variant.txt: empty"));
    assert_null(parse_text(" \n\n\t ", 5, NULL, &err));
    assert_non_null(strstr(err.msg, "empty"));
    assert_null(parse_text("Punkt 1: A\0B", 12, NULL, &err));
    assert_non_null(strstr(err.msg, "NUL byte at byte 10"));
    assert_null(parse_text("\x01\x02\x03\xff\x04", 5, NULL, &err));
    assert_non_null(strstr(err.msg, "variant.txt: not UTF-8 text"));
    assert_non_null(strstr(err.msg, "binary"));
    /* no agenda structure: never lost, one item titled by its first heading-like line */
    const char *plain = "Notat om budget\n\nBudgettet for 2024 er vedtaget.\n";
    RsMeeting *m = parse_text(plain, strlen(plain), NULL, &err);
    assert_non_null(m);
    assert_false(m->structured);
    assert_int_equal(m->n_items, 1);
    assert_string_equal(m->items[0].title, "Notat om budget");
    assert_string_equal(m->items[0].number_text, "");
    rs_meeting_free(m);
    /* a file that does not exist, and a binary file with a .txt name */
    assert_int_equal(rs_referat_parse_file("/nonexistent/x.txt", NULL, &m, &err), RS_ERR_IO);
    assert_non_null(strstr(err.msg, "/nonexistent/x.txt"));
    char path[] = "/tmp/rs_binXXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "\x7f" "ELF\x02\x01\x01\0\0\0", 10), 10);
    close(fd);
    assert_int_equal(rs_referat_parse_file(path, NULL, &m, &err), RS_ERR_INPUT);
    assert_non_null(strstr(err.msg, path));
    /* random bytes with a PDF signature, a truncated PDF */
    FILE *f = fopen(path, "wb");
    fputs("%PDF-1.4\n1 0 obj << /Type /Catalog >>\n", f);
    fclose(f);
    assert_int_equal(rs_referat_parse_file(path, NULL, &m, &err), RS_ERR_INPUT);
    assert_non_null(strstr(err.msg, "PDF"));
    unlink(path);
    rs_meeting_free(NULL);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_esbjerg_2023_11_21), cmocka_unit_test(test_esbjerg_2024_01_16),
        cmocka_unit_test(test_esbjerg_2025_01_21), cmocka_unit_test(test_lolland_2020_09_22),
        cmocka_unit_test(test_odder_2020_10_22),   cmocka_unit_test(test_odder_pdf),
        cmocka_unit_test(test_bad_pdfs),           cmocka_unit_test(test_variant_dagsorden_dates_genitive_crlf),
        cmocka_unit_test(test_outcomes),           cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_encodings),          cmocka_unit_test(test_text_clean),
        cmocka_unit_test(test_flat_page_titles),
        cmocka_unit_test(test_journal_and_case),
        cmocka_unit_test(test_us_portal_date),
        cmocka_unit_test(test_stray_case_label),
        cmocka_unit_test(test_title_decision_prefix),
        cmocka_unit_test(test_municipality_words),
        cmocka_unit_test(test_committee_weekday),
        cmocka_unit_test(test_flat_title_from_contents),
        cmocka_unit_test(test_twice_with_line_between),
        cmocka_unit_test(test_committee_header_forms),
        cmocka_unit_test(test_bullet_agenda),
        cmocka_unit_test(test_restarting_list),
        cmocka_unit_test(test_committee_definite),
        cmocka_unit_test(test_title_wrapped),
        cmocka_unit_test(test_meeting_record_decision),
        cmocka_unit_test(test_municipality_fallbacks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
