// xapian_peer.cc — the peer a plain Xapian user would write: TermGenerator with the Danish
// stemmer and positions, QueryParser with its defaults. One document per agenda item.
//   xapian_peer index DIR [BATCH_BYTES] < items.tsv  (lines: id TAB municipality TAB date TAB text,
//                                      \n as \\n; commits every BATCH_BYTES of text when given)
//   xapian_peer search DIR LIMIT QUERY     (prints one id per line, best first)
//   xapian_peer bench DIR ROUNDS [--facets] < queries.tsv  (lines: name TAB query TAB municipality)
//     prints name, matches, best and median ms (top 10; with --facets exact municipality counts)
#include <xapian.h>

#include <cstdio>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

static std::string unescape(const std::string &s) {
    std::string o;
    for (size_t i = 0; i < s.size(); i++) {
        if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == 'n') { o += '\n'; i++; }
        else o += s[i];
    }
    return o;
}

int main(int argc, char **argv) {
    try {
        if ((argc == 3 || argc == 4) && std::string(argv[1]) == "index") {
            /* commits every BATCH_BYTES of text when given (refsog's --batch-bytes policy),
             * else Xapian's default (every 10,000 documents) */
            size_t batch = argc == 4 ? std::strtoull(argv[3], nullptr, 10) : 0, pending = 0;
            Xapian::WritableDatabase db(argv[2], Xapian::DB_CREATE_OR_OVERWRITE);
            Xapian::TermGenerator tg;
            tg.set_stemmer(Xapian::Stem("danish"));
            std::string line;
            while (std::getline(std::cin, line)) {
                std::vector<std::string> f;
                std::stringstream ss(line);
                std::string part;
                while (f.size() < 3 && std::getline(ss, part, '\t')) f.push_back(part);
                std::string text;
                std::getline(ss, text);
                if (f.size() < 3) continue;
                Xapian::Document doc;
                tg.set_document(doc);
                tg.index_text(unescape(text));
                doc.set_data(f[0]);
                doc.add_value(0, f[1]);
                doc.add_boolean_term("XM" + f[1]);
                doc.add_boolean_term("Q" + f[0]);
                db.replace_document("Q" + f[0], doc);
                pending += text.size();
                if (batch && pending >= batch) {
                    db.commit();
                    pending = 0;
                }
            }
            db.commit();
            return 0;
        }
        if (argc == 5 && std::string(argv[1]) == "search") {
            Xapian::Database db(argv[2]);
            Xapian::QueryParser qp;
            qp.set_stemmer(Xapian::Stem("danish"));
            qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
            qp.set_database(db);
            Xapian::Query q = qp.parse_query(argv[4], Xapian::QueryParser::FLAG_DEFAULT |
                                                          Xapian::QueryParser::FLAG_WILDCARD);
            Xapian::Enquire enq(db);
            enq.set_query(q);
            Xapian::MSet m = enq.get_mset(0, (Xapian::doccount)std::atoi(argv[3]));
            for (auto it = m.begin(); it != m.end(); ++it) std::cout << it.get_document().get_data() << "\n";
            return 0;
        }
        if (argc >= 4 && std::string(argv[1]) == "bench") {
            Xapian::Database db(argv[2]);
            int rounds = std::atoi(argv[3]);
            bool facets = argc > 4 && std::string(argv[4]) == "--facets";
            Xapian::QueryParser qp;
            qp.set_stemmer(Xapian::Stem("danish"));
            qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
            qp.set_database(db);
            qp.set_default_op(Xapian::Query::OP_AND); /* same semantics as refsog's words */
            std::string line;
            while (std::getline(std::cin, line)) {
                std::vector<std::string> f;
                std::stringstream ss(line);
                std::string part;
                while (std::getline(ss, part, '\t')) f.push_back(part);
                if (f.size() < 2) continue;
                std::vector<double> t;
                Xapian::doccount matches = 0;
                for (int r = 0; r <= rounds; r++) {
                    auto s0 = std::chrono::steady_clock::now();
                    Xapian::Query q = qp.parse_query(f[1], Xapian::QueryParser::FLAG_DEFAULT |
                                                               Xapian::QueryParser::FLAG_WILDCARD);
                    if (f.size() > 2 && !f[2].empty())
                        q = Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query("XM" + f[2]));
                    Xapian::Enquire enq(db);
                    enq.set_query(q);
                    Xapian::ValueCountMatchSpy spy(0);
                    if (facets) enq.add_matchspy(&spy);
                    Xapian::MSet m = enq.get_mset(0, 10, facets ? db.get_doccount() : 0);
                    for (auto it = m.begin(); it != m.end(); ++it) (void)it.get_document().get_data();
                    matches = m.get_matches_estimated();
                    auto s1 = std::chrono::steady_clock::now();
                    if (r) t.push_back(std::chrono::duration<double, std::milli>(s1 - s0).count());
                }
                std::sort(t.begin(), t.end());
                std::printf("%s\t%u\t%.3f\t%.3f\n", f[0].c_str(), matches, t[0], t[t.size() / 2]);
            }
            return 0;
        }
        std::cerr << "usage: xapian_peer index DIR < items.tsv | xapian_peer search DIR LIMIT QUERY"
                     " | xapian_peer bench DIR ROUNDS [--facets] < queries.tsv\n";
        return 2;
    } catch (const Xapian::Error &e) {
        std::cerr << "xapian_peer: " << e.get_description() << "\n";
        return 1;
    }
}
