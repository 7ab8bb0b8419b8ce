package electra.data;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The data sets of {@code datasets/catalog.json}: fetch, verify, build, describe.
 *
 * <p>Artifacts live in {@code <cache>/artifacts/} and are checked against the catalog's SHA-256
 * on every use. What is built from them (cleaned corpora, extracted or trained tokenizers) lives
 * in {@code <cache>/prepared/<name>/} with a {@code manifest.json} recording the inputs' and the
 * outputs' SHA-256; a changed input, a damaged output or a newer builder rebuilds it.
 * Classification tasks are parsed from their verified artifacts on each load (under a second).
 */
public final class DataSets {

    /** The corpus {@code pretrain} uses when no {@code --corpus} is given. */
    public static final String DEFAULT_CORPUS = "pretrain";
    /** Bump when a builder's output changes, so caches rebuild. */
    static final int BUILD_VERSION = 1;

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    /** A prepared corpus: its documents, and an official held-out file or null (then every 50th document). */
    public record PreparedCorpus(Path corpus, Path heldout) {}

    private DataSets() {}

    /** Silences (or restores) the one-line progress messages on standard error. */
    public static void setQuiet(boolean q) {
        Progress.setQuiet(q);
    }

    static void log(String message) {
        Progress.log(message);
    }

    public static Catalog catalog() {
        return Catalog.load();
    }

    public static Fetcher fetcher() {
        return new Fetcher(DataHome.cacheDir());
    }

    /** The verified artifact of a fetched data set. */
    public static Path artifact(String name) {
        return fetcher().fetch(catalog().get(name));
    }

    public static Path preparedDir(String name) {
        return DataHome.cacheDir().resolve("prepared").resolve(name);
    }

    // ---- tokenizers -----------------------------------------------------------------------------

    /** A catalog tokenizer's {@code tokenizer.json}, extracted or trained on first use. */
    public static Path tokenizerFile(String name) {
        Catalog.Entry e = catalog().get(name);
        if (!e.isTokenizer()) {
            throw new DatasetException("'" + name + "' is a " + e.kind() + ", not a tokenizer");
        }
        Path dir = preparedDir(name);
        Path out = dir.resolve("tokenizer.json");
        if (e.source().isDerived()) {
            String corpusName = e.source().from().get(0);
            Path corpus = corpusFiles(corpusName).corpus();
            WordPieceTrainer.Score score = WordPieceTrainer.Score.valueOf(e.score().toUpperCase(java.util.Locale.ROOT));
            Map<String, String> inputs = Map.of(corpusName, Sha256.of(corpus), "vocab_size", String.valueOf(e.vocabSize()),
                    "score", score.name());
            if (!isValid(dir, inputs)) {
                build(dir, inputs, tmp -> {
                    long t0 = System.nanoTime();
                    WordPieceTrainer trainer = new WordPieceTrainer(score);
                    for (Document d : PretrainingCorpus.load(corpusName).train()) {
                        for (String s : d.sentences()) {
                            trainer.addText(s);
                        }
                    }
                    log("training " + name + " (" + score + " score) on " + trainer.distinctWords() + " distinct words of " + corpusName);
                    List<String> vocab = trainer.train(e.vocabSize());
                    WordPieceTrainer.writeTokenizerJson(vocab, tmp.resolve("tokenizer.json"));
                    log(String.format("trained %s: %d pieces in %.1f s", name, vocab.size(), (System.nanoTime() - t0) / 1e9));
                });
            }
            return out;
        }
        Path jar = fetcher().fetch(e);
        Map<String, String> inputs = Map.of("artifact", e.sha256());
        if (!isValid(dir, inputs)) {
            build(dir, inputs, tmp -> {
                byte[] json = Archives.readZipMember(jar, e.source().path());
                String sha = Sha256.of(json);
                if (e.source().pathSha256() != null && !e.source().pathSha256().equals(sha)) {
                    throw new DatasetException(name + ": " + e.source().path() + " has sha256 " + sha
                            + ", the catalog expects " + e.source().pathSha256());
                }
                write(tmp.resolve("tokenizer.json"), json);
            });
        }
        return out;
    }

    // ---- corpora --------------------------------------------------------------------------------

    /** A catalog corpus as text files in the corpus format, built on first use. */
    public static PreparedCorpus corpusFiles(String name) {
        Catalog.Entry e = catalog().get(name);
        if (!e.isCorpus()) {
            throw new DatasetException("'" + name + "' is a " + e.kind() + ", not a corpus");
        }
        Path dir = preparedDir(name);
        Map<String, String> inputs = new LinkedHashMap<>();
        Consumer<Path> builder;
        if (e.source().isDerived()) {
            List<Path> parts = new ArrayList<>();
            for (String part : e.source().from()) {
                Path p = corpusFiles(part).corpus();
                parts.add(p);
                inputs.put(part, Sha256.of(p));
            }
            builder = tmp -> concatenate(parts, tmp.resolve("corpus.txt"));
        } else {
            Path artifact = fetcher().fetch(e);
            inputs.put("artifact", e.sha256());
            builder = tmp -> buildSourceCorpus(name, artifact, tmp);
        }
        if (!isValid(dir, inputs)) {
            build(dir, inputs, builder);
        }
        Path heldout = dir.resolve("heldout.txt");
        return new PreparedCorpus(dir.resolve("corpus.txt"), Files.exists(heldout) ? heldout : null);
    }

    private static void buildSourceCorpus(String name, Path artifact, Path tmp) {
        switch (name) {
            case "sotu" -> PretrainingCorpus.write(CorpusSources.sotu(artifact), tmp.resolve("corpus.txt"));
            case "moby-dick" -> PretrainingCorpus.write(CorpusSources.mobyDick(artifact), tmp.resolve("corpus.txt"));
            case "brown" -> PretrainingCorpus.write(CorpusSources.brown(artifact), tmp.resolve("corpus.txt"));
            case "wikitext-103" -> {
                streamWikitext(artifact, "wikitext-103-raw/wiki.train.raw", tmp.resolve("corpus.txt"));
                streamWikitext(artifact, "wikitext-103-raw/wiki.valid.raw", tmp.resolve("heldout.txt"));
            }
            default -> throw new DatasetException("no corpus builder for '" + name + "'");
        }
    }

    /** Converts one WikiText raw file inside the zip to the corpus format without holding it in memory. */
    static void streamWikitext(Path zip, String member, Path out) {
        try (InputStream in = Archives.openZipMember(zip, member);
             BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            boolean[] first = {true};
            CorpusSources.wikitext(in, zip.getFileName() + "!/" + member, doc -> {
                try {
                    if (!first[0]) {
                        w.write('\n');
                    }
                    first[0] = false;
                    for (String s : doc.sentences()) {
                        w.write(s);
                        w.write('\n');
                    }
                } catch (IOException ex) {
                    throw new DatasetException("cannot write " + out + ": " + ex.getMessage(), ex);
                }
            });
        } catch (IOException ex) {
            throw new DatasetException("cannot write " + out + ": " + ex.getMessage(), ex);
        }
    }

    private static void concatenate(List<Path> parts, Path out) {
        try (OutputStream o = Files.newOutputStream(out)) {
            for (int i = 0; i < parts.size(); i++) {
                if (i > 0) {
                    o.write('\n');
                }
                Files.copy(parts.get(i), o);
            }
        } catch (IOException ex) {
            throw new DatasetException("cannot write " + out + ": " + ex.getMessage(), ex);
        }
    }

    /** Counts of a corpus file, read line by line: documents, sentences (lines), words, held-out share. */
    public record CorpusStats(long documents, long sentences, long words, long heldoutDocuments, long heldoutWords) {}

    static CorpusStats stats(Path corpus, Path heldout) {
        long[] docWords = scan(corpus);
        if (heldout != null) {
            long[] h = scan(heldout);
            return new CorpusStats(docWords[0] + h[0], docWords[1] + h[1], docWords[2] + h[2], h[0], h[2]);
        }
        return new CorpusStats(docWords[0], docWords[1], docWords[2], docWords[3], docWords[4]);
    }

    /** documents, lines, words, and (every-50th rule) held-out documents and words. */
    private static long[] scan(Path file) {
        List<Long> perDoc = new ArrayList<>();
        long[] lines = {0};
        long[] cur = {0};
        boolean[] open = {false};
        TextLines.forEach(file, (line, n) -> {
            if (line.isBlank()) {
                if (open[0]) {
                    perDoc.add(cur[0]);
                }
                cur[0] = 0;
                open[0] = false;
            } else {
                lines[0]++;
                cur[0] += Document.countWords(line);
                open[0] = true;
            }
        });
        if (open[0]) {
            perDoc.add(cur[0]);
        }
        long words = 0;
        long hDocs = 0;
        long hWords = 0;
        for (int i = 0; i < perDoc.size(); i++) {
            words += perDoc.get(i);
            if (PretrainingCorpus.isHeldout(i, perDoc.size())) {
                hDocs++;
                hWords += perDoc.get(i);
            }
        }
        return new long[] {perDoc.size(), lines[0], words, hDocs, hWords};
    }

    // ---- classification -------------------------------------------------------------------------

    /** A catalog classification task, parsed from its verified artifact. */
    public static ClassificationTask task(String name) {
        return task(name, null);
    }

    private static ClassificationTask task(String name, TaskSources.Dedup[] report) {
        Catalog.Entry e = catalog().get(name);
        if (!e.isClassification()) {
            throw new DatasetException("'" + name + "' is a " + e.kind() + ", not a classification task");
        }
        Path artifact = fetcher().fetch(e);
        return switch (name) {
            case "sentiment" -> ClassificationTask.withSplit(name, TaskSources.SENTIMENT_LABELS,
                    TaskSources.sentimentExamples(artifact, report), e.metric());
            case "acceptability" -> ClassificationTask.withSplit(name, TaskSources.ACCEPTABILITY_LABELS,
                    TaskSources.acceptabilityExamples(artifact, report), e.metric());
            case "sst2" -> TaskSources.sst2(artifact);
            case "cola" -> TaskSources.cola(artifact);
            default -> throw new DatasetException("no task reader for '" + name + "'");
        };
    }

    // ---- prepare / status -----------------------------------------------------------------------

    /** Fetches, verifies and builds one data set, and describes it. */
    public static JsonObject prepare(String name) {
        Catalog.Entry e = catalog().get(name);
        long t0 = System.nanoTime();
        JsonObject o = new JsonObject();
        o.addProperty("name", e.name());
        o.addProperty("kind", e.kind());
        o.addProperty("source", e.source().describe());
        o.addProperty("license", e.license());
        switch (e.kind()) {
            case "tokenizer" -> {
                Path file = tokenizerFile(name);
                o.addProperty("sha256", e.source().isDerived() ? Sha256.of(file) : e.sha256());
                try (ElectraTokenizer t = ElectraTokenizer.load(file)) {
                    o.addProperty("tokenizer_sha256", t.sha256());
                    o.addProperty("vocab_size", t.vocabSize());
                    o.add("specials", GSON.toJsonTree(t.specials()));
                }
            }
            case "corpus" -> {
                PreparedCorpus p = corpusFiles(name);
                o.addProperty("sha256", e.source().isDerived() ? Sha256.of(p.corpus()) : e.sha256());
                o.addProperty("corpus_sha256", Sha256.of(p.corpus()));
                CorpusStats s = stats(p.corpus(), p.heldout());
                o.addProperty("words", s.words());
                o.addProperty("documents", s.documents());
                o.addProperty("sentences", s.sentences());
                o.addProperty("train_words", s.words() - s.heldoutWords());
                o.addProperty("heldout_documents", s.heldoutDocuments());
                o.addProperty("heldout_words", s.heldoutWords());
                o.addProperty("bytes", size(p.corpus()) + (p.heldout() == null ? 0 : size(p.heldout())));
            }
            case "classification" -> {
                TaskSources.Dedup[] report = new TaskSources.Dedup[1];
                ClassificationTask t = task(name, report);
                o.addProperty("sha256", e.sha256());
                o.addProperty("metric", t.metric());
                o.add("labels", GSON.toJsonTree(t.labels()));
                o.addProperty("examples", t.train().size() + t.dev().size());
                o.addProperty("train", t.train().size());
                o.addProperty("dev", t.dev().size());
                o.add("train_label_counts", GSON.toJsonTree(t.labelCounts(t.train())));
                o.add("dev_label_counts", GSON.toJsonTree(t.labelCounts(t.dev())));
                if (report[0] != null) {
                    o.addProperty("read", report[0].read());
                    o.addProperty("duplicates_dropped", report[0].duplicates());
                    o.addProperty("conflicting_dropped", report[0].conflicting());
                }
            }
            default -> throw new DatasetException(name + ": unknown kind " + e.kind());
        }
        o.addProperty("seconds", Math.round((System.nanoTime() - t0) / 1e7) / 100.0);
        return o;
    }

    /** "cached" when everything the data set needs is in the cache and verified, else "not cached". */
    public static String status(String name) {
        Catalog catalog = catalog();
        Catalog.Entry e = catalog.get(name);
        if (!e.source().isDerived()) {
            if (!fetcher().isCached(e)) {
                return "not cached";
            }
            return e.isClassification() || isValid(preparedDir(name), null) ? "cached" : "fetched";
        }
        for (String part : e.source().from()) {
            if (!status(part).equals("cached")) {
                return "not cached";
            }
        }
        return isValid(preparedDir(name), null) ? "cached" : "not cached";
    }

    // ---- prepared directories -------------------------------------------------------------------

    /** Manifest present, same builder, same inputs (unless {@code inputs} is null), outputs intact. */
    static boolean isValid(Path dir, Map<String, String> inputs) {
        Path m = dir.resolve("manifest.json");
        if (!Files.isRegularFile(m)) {
            return false;
        }
        try {
            JsonObject o = GSON.fromJson(Files.readString(m), JsonObject.class);
            if (o == null || !o.has("build_version") || o.get("build_version").getAsInt() != BUILD_VERSION) {
                return false;
            }
            if (inputs != null && !GSON.toJsonTree(new java.util.TreeMap<>(inputs)).equals(o.get("inputs"))) {
                return false;
            }
            JsonObject files = o.getAsJsonObject("files");
            for (String f : files.keySet()) {
                Path p = dir.resolve(f);
                if (!Files.isRegularFile(p) || !Sha256.of(p).equals(files.get(f).getAsString())) {
                    log(name(dir) + ": " + f + " is missing or damaged: rebuilding");
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException ex) {
            return false;
        }
    }

    /** Runs {@code builder} in a temporary directory, then moves its files into {@code dir} and writes the manifest. */
    private static void build(Path dir, Map<String, String> inputs, Consumer<Path> builder) {
        Path tmp;
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve("manifest.json"));
            tmp = Files.createTempDirectory(dir, ".build-");
        } catch (IOException ex) {
            throw new DatasetException("cannot write the cache " + dir + ": " + ex.getMessage(), ex);
        }
        try {
            log("building " + name(dir));
            builder.accept(tmp);
            JsonObject files = new JsonObject();
            List<Path> outputs;
            try (var s = Files.list(tmp)) {
                outputs = s.sorted().toList();
            }
            for (Path f : outputs) {
                files.addProperty(f.getFileName().toString(), Sha256.of(f));
                Files.move(f, dir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            JsonObject manifest = new JsonObject();
            manifest.addProperty("build_version", BUILD_VERSION);
            manifest.add("inputs", GSON.toJsonTree(new java.util.TreeMap<>(inputs)));
            manifest.add("files", files);
            write(dir.resolve("manifest.json"), new GsonBuilder().setPrettyPrinting().create().toJson(manifest)
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException ex) {
            throw new DatasetException("cannot write the cache " + dir + ": " + ex.getMessage(), ex);
        } finally {
            Fetcher.deleteTree(tmp);
        }
    }

    private static String name(Path dir) {
        return dir.getFileName().toString();
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException ex) {
            throw new DatasetException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException ex) {
            return -1;
        }
    }

    /** The summary as one line of JSON. */
    public static String toJson(JsonObject o) {
        return GSON.toJson(o);
    }
}
