// xapian_peer.cc — the peer a plain Xapian user would write: TermGenerator with the Danish
// stemmer and positions, QueryParser with its defaults. One document per agenda item.
//   xapian_peer index DIR < items.tsv      (lines: id TAB text, text with \n escaped as \\n)
//   xapian_peer search DIR LIMIT QUERY     (prints one id per line, best first)
#include <xapian.h>

#include <cstdlib>
#include <iostream>
#include <string>

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
        if (argc == 3 && std::string(argv[1]) == "index") {
            Xapian::WritableDatabase db(argv[2], Xapian::DB_CREATE_OR_OVERWRITE);
            Xapian::TermGenerator tg;
            tg.set_stemmer(Xapian::Stem("danish"));
            std::string line;
            while (std::getline(std::cin, line)) {
                size_t tab = line.find('\t');
                if (tab == std::string::npos) continue;
                Xapian::Document doc;
                tg.set_document(doc);
                tg.index_text(unescape(line.substr(tab + 1)));
                doc.set_data(line.substr(0, tab));
                doc.add_boolean_term("Q" + line.substr(0, tab));
                db.replace_document("Q" + line.substr(0, tab), doc);
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
        std::cerr << "usage: xapian_peer index DIR < items.tsv | xapian_peer search DIR LIMIT QUERY\n";
        return 2;
    } catch (const Xapian::Error &e) {
        std::cerr << "xapian_peer: " << e.get_description() << "\n";
        return 1;
    }
}
