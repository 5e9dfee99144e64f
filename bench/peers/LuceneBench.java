// LuceneBench.java — the Lucene 8 peer of `make bench` (bench/compare.sh): indexing and query speed.
// The index an Elasticsearch engineer tuning for Danish would build (Lucene 8 is Elasticsearch 7's
// engine), in an FSDirectory on disk, with the tuned chain of the relevance peer (LucenePeer.tuned():
// StandardTokenizer → lowercase → ScandinavianFolding → DictionaryCompoundWordTokenFilter fed with
// wdanish → Danish stop → Snowball Danish), the same analyser at query time (Elasticsearch's default).
// One document per agenda item: id (keyword, stored: the only stored field, as the Xapian peer stores
// only the id), municipality (keyword, indexed for filters + sorted-set doc values for facets: what
// an Elasticsearch `keyword` field is), title (the item's title and case line) and body (the
// sections), both text with positions; queries go to both with MultiFieldQueryParser, title^3,
// default operator AND (the relevance peer's setup, without its OR fallback, which no peer here has).
// BM25, default IndexWriterConfig (16 MB RAM buffer, TieredMergePolicy) but a SerialMergeScheduler,
// so the work is one thread (the JVM's own JIT and GC threads share the pinned core).
//
//   LuceneBench index DIR < items.tsv       (id TAB municipality TAB date TAB text, \n as \\n)
//     prints one line: analyser setup s, indexing s (addDocument of every item + commit), the
//     process CPU s of that indexing, and the number of segments — timed in-process, so without
//     the JVM's start and the dictionary's loading (compare.sh times the whole process as well)
//   LuceneBench merge DIR                   force-merges DIR to one segment (the "compacted" size)
//   LuceneBench start                       does nothing: the JVM's start and exit, timed by compare.sh
//   LuceneBench bench DIR ROUNDS [--facets] [--no-query-decompounding] [WARMUP_PASSES] < queries.tsv
//                                           (lines: name TAB Lucene query TAB municipality-or-empty)
//     the whole query set runs WARMUP_PASSES times first (default 5, and at least 3 s; at most 50
//     passes; untimed but reported on stderr: the JIT compiles as it goes), then per query one warm-up run and ROUNDS timed runs of the top
//     10 (ids read from the stored field); with --facets each run also collects every match and
//     counts them per municipality (SortedSetDocValuesFacetCounts, the reader state built once, as
//     Elasticsearch keeps global ordinals). With --no-query-decompounding the query analyser is the
//     chain without the decompounder (an Elasticsearch search_analyzer: compounds split at index
//     time only, so a query word is one term, not a synonym group of the word and its parts).
//     Prints name, matches (exact, counted once untimed),
//     best and median ms — the format of the other peers.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SerialMergeScheduler;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;

public class LuceneBench {
    static double nowMs() {
        return System.nanoTime() / 1e6;
    }

    static double cpuS() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    static void index(String dir) throws Exception {
        double t0 = nowMs();
        Analyzer an = LucenePeer.tuned();
        double t1 = nowMs(), c1 = cpuS();
        FacetsConfig fc = new FacetsConfig();
        IndexWriterConfig cfg = new IndexWriterConfig(an).setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                .setMergeScheduler(new SerialMergeScheduler());
        int segments;
        try (FSDirectory d = FSDirectory.open(Paths.get(dir)); IndexWriter w = new IndexWriter(d, cfg)) {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 20);
            String line;
            while ((line = in.readLine()) != null) {
                String[] f = line.split("\t", 4);
                if (f.length < 4) continue;
                /* text: title, case line, sections; the case line counts as title, as in refsog */
                String[] t = LucenePeer.unescape(f[3]).split("\n", 3);
                Document doc = new Document();
                doc.add(new StringField("id", f[0], Field.Store.YES));
                doc.add(new TextField("title", t[0] + (t.length > 1 ? "\n" + t[1] : ""), Field.Store.NO));
                doc.add(new TextField("body", t.length > 2 ? t[2] : "", Field.Store.NO));
                /* an item without one is counted under "-" (a facet label cannot be empty) */
                doc.add(new StringField("municipality", f[1], Field.Store.NO));
                doc.add(new SortedSetDocValuesFacetField("municipality", f[1].isEmpty() ? "-" : f[1]));
                w.addDocument(fc.build(doc));
            }
            w.commit();
            try (DirectoryReader r = DirectoryReader.open(w)) {
                segments = r.leaves().size();
            }
        }
        double t2 = nowMs(), c2 = cpuS();
        System.out.printf("%.3f\t%.3f\t%.3f\t%d%n", (t1 - t0) / 1e3, (t2 - t1) / 1e3, c2 - c1, segments);
    }

    static void merge(String dir) throws Exception {
        IndexWriterConfig cfg = new IndexWriterConfig().setMergeScheduler(new SerialMergeScheduler());
        try (FSDirectory d = FSDirectory.open(Paths.get(dir)); IndexWriter w = new IndexWriter(d, cfg)) {
            w.forceMerge(1);
            w.commit();
        }
    }

    static final class Q {
        String name;
        Query query;
        long count;
    }

    /* one timed run: top 10 with their ids, and with facets the counts per municipality */
    static long once(IndexSearcher s, SortedSetDocValuesReaderState st, Query q, boolean facets) throws Exception {
        TopDocs top;
        long sum = 0;
        if (facets) {
            FacetsCollector fcol = new FacetsCollector();
            top = FacetsCollector.search(s, q, 10, fcol);
            Facets f = new SortedSetDocValuesFacetCounts(st, fcol);
            FacetResult r = f.getTopChildren(Math.max(1, st.getSize()), "municipality"); /* every label */
            if (r != null)
                for (LabelAndValue lv : r.labelValues) sum += lv.value.longValue();
        } else {
            top = s.search(q, 10);
        }
        for (ScoreDoc h : top.scoreDocs) s.doc(h.doc).get("id");
        return sum;
    }

    static void bench(String dir, int rounds, boolean facets, boolean decompound, int warmups) throws Exception {
        try (FSDirectory d = FSDirectory.open(Paths.get(dir)); DirectoryReader reader = DirectoryReader.open(d)) {
            IndexSearcher s = new IndexSearcher(reader);
            SortedSetDocValuesReaderState st = facets ? new DefaultSortedSetDocValuesReaderState(reader) : null;
            Analyzer an = LucenePeer.tuned(decompound);
            Map<String, Float> boosts = new HashMap<>();
            boosts.put("title", 3f);
            boosts.put("body", 1f);
            MultiFieldQueryParser qp = new MultiFieldQueryParser(new String[] {"title", "body"}, an, boosts);
            qp.setDefaultOperator(MultiFieldQueryParser.AND_OPERATOR);
            List<Q> qs = new ArrayList<>();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                String[] f = line.split("\t", -1);
                if (f.length < 2) continue;
                Q q = new Q();
                q.name = f[0];
                q.query = qp.parse(f[1]);
                if (f.length > 2 && !f[2].isEmpty())
                    q.query = new BooleanQuery.Builder().add(q.query, BooleanClause.Occur.MUST)
                            .add(new TermQuery(new Term("municipality", f[2])), BooleanClause.Occur.FILTER).build();
                q.count = s.count(q.query);
                qs.add(q);
            }
            StringBuilder wu = new StringBuilder();
            double w0 = nowMs();
            int p = 0;
            for (; p < 50 && (p < warmups || nowMs() - w0 < 3000); p++) {
                double a = nowMs();
                for (Q q : qs) once(s, st, q.query, facets);
                if (p < 3 || p == 49 || !(p + 1 < warmups || nowMs() - w0 < 3000))
                    wu.append(String.format(p > 3 ? " … %.1f" : " %.1f", nowMs() - a));
            }
            System.err.printf("LuceneBench%s%s: %d queries; %d warm-up passes over the set in %.1f s, ms per pass:%s%n",
                    facets ? " --facets" : "", decompound ? "" : " --no-query-decompounding", qs.size(), p, (nowMs() - w0) / 1e3, wu);
            for (Q q : qs) {
                double[] t = new double[rounds];
                for (int r = 0; r <= rounds; r++) { /* run 0 warms up, as in the other peers */
                    double a = nowMs();
                    long sum = once(s, st, q.query, facets);
                    if (r > 0) t[r - 1] = nowMs() - a;
                    if (facets && sum != q.count)
                        System.err.printf("LuceneBench: %s: facet counts sum to %d, not %d%n", q.name, sum, q.count);
                }
                Arrays.sort(t);
                System.out.printf("%s\t%d\t%.3f\t%.3f%n", q.name, q.count, t[0], t[rounds / 2]);
            }
        }
    }

    public static void main(String[] a) throws Exception {
        java.util.Locale.setDefault(java.util.Locale.ROOT); /* decimal points, whatever LANG says */
        if (a.length == 2 && a[0].equals("index")) index(a[1]);
        else if (a.length == 2 && a[0].equals("merge")) merge(a[1]);
        else if (a.length == 1 && a[0].equals("start")) return;
        else if (a.length >= 3 && a[0].equals("bench")) {
            boolean facets = false, decompound = true;
            int warm = 5;
            for (int i = 3; i < a.length; i++) {
                if (a[i].equals("--facets")) facets = true;
                else if (a[i].equals("--no-query-decompounding")) decompound = false;
                else warm = Integer.parseInt(a[i]);
            }
            bench(a[1], Integer.parseInt(a[2]), facets, decompound, warm);
        } else {
            System.err.println("usage: LuceneBench index DIR < items.tsv | merge DIR | start"
                    + " | bench DIR ROUNDS [--facets] [--no-query-decompounding] [WARMUP_PASSES] < queries.tsv");
            System.exit(2);
        }
    }
}
