// LucenePeer.java — the peer an Elasticsearch user would set up: Lucene 8 (Debian's liblucene8-java,
// the engine of Elasticsearch) over the same agenda items as the Xapian peer, in an in-memory index
// (ByteBuffersDirectory), with one of two analyser configurations:
//   danish  DanishAnalyzer with its defaults (StandardTokenizer, lowercase, Danish stop words,
//           Snowball Danish) — what a user gets by naming the language;
//   tuned   StandardTokenizer → lowercase → ScandinavianFolding → DictionaryCompoundWordTokenFilter
//           fed with wdanish (/usr/share/dict/danish) → Danish stop → Snowball(Danish): what a skilled
//           Elasticsearch engineer configures for Danish. Folding runs before the dictionary and the
//           stop filter, so their word lists are folded through the same chain (else æ/ø/å words
//           would never match a folded token).
// Both index two fields, title (the item's title and case line, which refsog counts as title) and
// body (the sections), and query them with
// MultiFieldQueryParser, title^3 (refsog weights the title ×6 in within-document frequency), the same
// analyser at query time (Elasticsearch's default), default operator AND; when fewer items than the
// limit match every word, the query is run again with OR and the page filled with its other items
// (refsog's near matches; with no AND match at all, refsog's OR fallback). Phrases in "…" are kept; every other
// query-syntax character is escaped (a user's `23/15645` is not a regular expression).
//
//   java -cp CLASSPATH LucenePeer CONFIG ITEMS.tsv LIMIT < queries
//     ITEMS.tsv: id TAB municipality TAB date TAB text (\n as \\n) — the Xapian peer's input
//     queries:   one a line: query [TAB allowed ids, space-separated] — with allowed ids, hits are
//                filtered to them inside the search (a bool filter clause, before the OR fallback)
//     prints one line per query: the ids of the hits, best first, space-separated
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.compound.DictionaryCompoundWordTokenFilter;
import org.apache.lucene.analysis.da.DanishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ScandinavianFoldingFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.tartarus.snowball.ext.DanishStemmer;

public class LucenePeer {
    static final String DICT = "/usr/share/dict/danish";
    /* DictionaryCompoundWordTokenFilter: words of 5+ letters are split into every dictionary word of
     * 4..15 letters inside them (Lucene's default of 2 letters finds a word of the 313,000 in almost
     * every compound). Chosen on the tuning queries (docs/relevance.md); override with
     * LUCENE_COMPOUND=minword,minsub,maxsub,onlylongest. */
    static int minWord = 5, minSub = 4, maxSub = 15;
    static boolean onlyLongest = false;

    /* lowercase + ScandinavianFolding of one word, as the tuned chain sees it */
    static String fold(String w) throws IOException {
        Tokenizer t = new org.apache.lucene.analysis.core.KeywordTokenizer();
        t.setReader(new StringReader(w));
        try (TokenStream ts = new ScandinavianFoldingFilter(new LowerCaseFilter(t))) {
            CharTermAttribute a = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            String out = ts.incrementToken() ? a.toString() : w;
            ts.end();
            return out;
        }
    }

    static Analyzer tuned() throws IOException {
        return tuned(true);
    }

    /* the tuned chain; without the decompounder when !decompound (LuceneBench's query-side variant) */
    static Analyzer tuned(boolean decompound) throws IOException {
        String env = System.getenv("LUCENE_COMPOUND");
        if (env != null && !env.isEmpty()) {
            String[] p = env.split(",");
            minWord = Integer.parseInt(p[0]); minSub = Integer.parseInt(p[1]);
            maxSub = Integer.parseInt(p[2]); onlyLongest = Boolean.parseBoolean(p[3]);
        }
        CharArraySet dict = new CharArraySet(400000, false);
        for (String w : decompound ? Files.readAllLines(Paths.get(DICT), StandardCharsets.UTF_8) : List.<String>of()) {
            if (w.length() < minSub || !w.chars().allMatch(Character::isLetter)) continue;
            dict.add(fold(w));
        }
        CharArraySet stop = new CharArraySet(200, false);
        for (Object s : DanishAnalyzer.getDefaultStopSet()) stop.add(fold(new String((char[]) s)));
        final CharArraySet d = CharArraySet.unmodifiableSet(dict), st = CharArraySet.unmodifiableSet(stop);
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer src = new StandardTokenizer();
                TokenStream ts = new LowerCaseFilter(src);
                ts = new ScandinavianFoldingFilter(ts);
                if (decompound) ts = new DictionaryCompoundWordTokenFilter(ts, d, minWord, minSub, maxSub, onlyLongest);
                ts = new StopFilter(ts, st);
                ts = new SnowballFilter(ts, new DanishStemmer());
                return new TokenStreamComponents(src, ts);
            }

            @Override
            protected TokenStream normalize(String field, TokenStream in) {
                return new ScandinavianFoldingFilter(new LowerCaseFilter(in));
            }
        };
    }

    /* Escape the query syntax outside "…" phrases. */
    static String escape(String q) {
        StringBuilder o = new StringBuilder();
        String[] parts = q.split("\"", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i % 2 == 1 && i < parts.length - 1) o.append('"').append(parts[i].replace("\\", " ")).append('"');
            else o.append(QueryParser.escape(parts[i]));
        }
        return o.toString();
    }

    static String unescape(String s) {
        return s.replace("\\n", "\n");
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3 || !(args[0].equals("danish") || args[0].equals("tuned"))) {
            System.err.println("usage: LucenePeer danish|tuned ITEMS.tsv LIMIT < queries");
            System.exit(2);
        }
        Analyzer an = args[0].equals("danish") ? new DanishAnalyzer() : tuned();
        int limit = Integer.parseInt(args[2]);
        ByteBuffersDirectory dir = new ByteBuffersDirectory();
        try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(an))) {
            for (String line : Files.readAllLines(Paths.get(args[1]), StandardCharsets.UTF_8)) {
                String[] f = line.split("\t", 4);
                if (f.length < 4) continue;
                /* text: title, case line, sections (eval.py); the case line counts as title, as in refsog */
                String[] t = unescape(f[3]).split("\n", 3);
                Document doc = new Document();
                doc.add(new StringField("id", f[0], Field.Store.YES));
                doc.add(new StringField("municipality", f[1], Field.Store.NO));
                doc.add(new TextField("title", t[0] + (t.length > 1 ? "\n" + t[1] : ""), Field.Store.NO));
                doc.add(new TextField("body", t.length > 2 ? t[2] : "", Field.Store.NO));
                w.addDocument(doc);
            }
        }
        IndexSearcher s = new IndexSearcher(DirectoryReader.open(dir));
        Map<String, Float> boosts = new HashMap<>();
        boosts.put("title", 3f);
        boosts.put("body", 1f);
        PrintStream out = new PrintStream(System.out, true, "UTF-8");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] f = line.split("\t", 2);
            Query filter = null;
            if (f.length > 1 && !f[1].trim().isEmpty()) {
                List<BytesRef> ids = new ArrayList<>();
                for (String id : f[1].trim().split(" ")) ids.add(new BytesRef(id));
                filter = new TermInSetQuery("id", ids);
            }
            List<ScoreDoc> hits = new ArrayList<>();
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (QueryParser.Operator op : new QueryParser.Operator[] {QueryParser.AND_OPERATOR, QueryParser.OR_OPERATOR}) {
                MultiFieldQueryParser qp = new MultiFieldQueryParser(new String[] {"title", "body"}, an, boosts);
                qp.setDefaultOperator(op);
                Query q;
                try {
                    q = qp.parse(escape(f[0]));
                } catch (Exception e) {
                    break;
                }
                if (filter != null)
                    q = new BooleanQuery.Builder().add(q, BooleanClause.Occur.MUST).add(filter, BooleanClause.Occur.FILTER).build();
                for (ScoreDoc h : s.search(q, limit).scoreDocs)
                    if (hits.size() < limit && seen.add(h.doc)) hits.add(h);
                if (hits.size() >= limit) break;
            }
            StringBuilder o = new StringBuilder();
            for (ScoreDoc h : hits) {
                if (o.length() > 0) o.append(' ');
                o.append(s.doc(h.doc).get("id"));
            }
            out.println(o);
        }
    }
}
