package electra.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Documents of plain English text for pretraining, split into a training part and a held-out
 * part for evaluation.
 *
 * <p>Text file format ({@code --corpus PATH}): UTF-8; a blank line ends a document; every other
 * line is a paragraph (or a sentence) and is split into sentences. A file without any blank line
 * is read as one document per line. The held-out part is every 50th document (documents 49, 99,
 * ... counting from 0), so it is deterministic and spread over the whole file; a file with fewer
 * than 50 documents (but at least 2) holds out its last document. Corpora prepared from the
 * catalog may come with an official held-out file instead (WikiText-103's validation split).
 */
public final class PretrainingCorpus {

    /** One held-out document in this many. */
    public static final int HELDOUT_EVERY = 50;

    private final String name;
    private final List<Document> train;
    private final List<Document> heldout;

    private PretrainingCorpus(String name, List<Document> train, List<Document> heldout) {
        this.name = name;
        this.train = List.copyOf(train);
        this.heldout = List.copyOf(heldout);
    }

    /** The default pretraining corpus ({@code pretrain}) when {@code textFileOrNull} is null, else that file. */
    public static PretrainingCorpus load(Path textFileOrNull) {
        return textFileOrNull == null ? load(DataSets.DEFAULT_CORPUS) : fromFile(textFileOrNull);
    }

    /** A catalog corpus ({@code pretrain}, {@code wikitext-103}, ...) or a text file path. */
    public static PretrainingCorpus load(String nameOrPath) {
        Catalog catalog = Catalog.loadOrEmpty();
        if (catalog.has(nameOrPath) && catalog.get(nameOrPath).isCorpus()) {
            DataSets.PreparedCorpus p = DataSets.corpusFiles(nameOrPath);
            if (p.heldout() == null) {
                return named(nameOrPath, readPrepared(p.corpus()));
            }
            return new PretrainingCorpus(nameOrPath, readPrepared(p.corpus()), readPrepared(p.heldout()));
        }
        Path p = Path.of(nameOrPath);
        if (!Files.exists(p) && !nameOrPath.contains("/") && !nameOrPath.contains(".")) {
            throw new DatasetException("'" + nameOrPath + "' is neither a corpus in the catalog ("
                    + catalog.namesOf("corpus") + ") nor an existing text file");
        }
        return fromFile(p);
    }

    /** A text file in the format above. */
    public static PretrainingCorpus fromFile(Path file) {
        return named(file.toString(), readDocuments(file));
    }

    /** Splits {@code documents} into train and held-out by the every-50th rule. */
    public static PretrainingCorpus of(String name, List<Document> documents) {
        return named(name, documents);
    }

    private static PretrainingCorpus named(String name, List<Document> docs) {
        List<Document> train = new ArrayList<>();
        List<Document> heldout = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            (isHeldout(i, docs.size()) ? heldout : train).add(docs.get(i));
        }
        return new PretrainingCorpus(name, train, heldout);
    }

    /** Whether document {@code i} of {@code n} is held out. */
    public static boolean isHeldout(int i, int n) {
        if (n >= HELDOUT_EVERY) {
            return i % HELDOUT_EVERY == HELDOUT_EVERY - 1;
        }
        return n >= 2 && i == n - 1;
    }

    /** Reads a corpus text file; errors name the file (and line). */
    public static List<Document> readDocuments(Path file) {
        List<List<String>> blocks = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        boolean[] sawBlank = {false};
        List<String> current = new ArrayList<>();
        TextLines.forEach(file, (line, n) -> {
            if (line.isBlank()) {
                sawBlank[0] = true;
                if (!current.isEmpty()) {
                    blocks.add(new ArrayList<>(current));
                    current.clear();
                }
            } else {
                current.add(line);
                lines.add(line);
            }
        });
        if (!current.isEmpty()) {
            blocks.add(new ArrayList<>(current));
        }
        if (lines.isEmpty()) {
            throw new DatasetException(file + ": empty corpus (no text lines)");
        }
        List<Document> docs = new ArrayList<>();
        if (sawBlank[0]) {
            for (List<String> block : blocks) {
                addDocument(docs, block);
            }
        } else {
            for (String line : lines) {
                addDocument(docs, List.of(line));
            }
        }
        if (docs.isEmpty()) {
            throw new DatasetException(file + ": no words in the corpus");
        }
        return docs;
    }

    /** A corpus file this code prepared: already one clean sentence per line, so lines are taken as they are. */
    static List<Document> readPrepared(Path file) {
        List<Document> docs = new ArrayList<>();
        List<String> current = new ArrayList<>();
        TextLines.forEach(file, (line, n) -> {
            if (line.isEmpty()) {
                if (!current.isEmpty()) {
                    docs.add(new Document(current));
                    current.clear();
                }
            } else {
                current.add(line);
            }
        });
        if (!current.isEmpty()) {
            docs.add(new Document(current));
        }
        return docs;
    }

    private static void addDocument(List<Document> docs, List<String> paragraphs) {
        List<String> sentences = new ArrayList<>();
        for (String p : paragraphs) {
            sentences.addAll(CorpusSources.sentences(p));
        }
        if (!sentences.isEmpty()) {
            docs.add(new Document(sentences));
        }
    }

    /** Writes documents in the corpus file format: one sentence per line, a blank line between documents. */
    public static void write(List<Document> docs, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (int i = 0; i < docs.size(); i++) {
                    if (i > 0) {
                        w.write('\n');
                    }
                    for (String s : docs.get(i).sentences()) {
                        w.write(s);
                        w.write('\n');
                    }
                }
            }
        } catch (IOException e) {
            throw new DatasetException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public List<Document> train() {
        return train;
    }

    public List<Document> heldout() {
        return heldout;
    }

    /** Training then held-out documents. */
    public List<Document> documents() {
        List<Document> all = new ArrayList<>(train);
        all.addAll(heldout);
        return all;
    }

    public long words() {
        return words(train) + words(heldout);
    }

    public static long words(List<Document> docs) {
        long n = 0;
        for (Document d : docs) {
            n += d.words();
        }
        return n;
    }

    public long sentences() {
        long n = 0;
        for (Document d : documents()) {
            n += d.sentences().size();
        }
        return n;
    }

    /** Training sequences of at most {@code seq} pieces, packed with {@link SequencePacker#SEED}. */
    public List<PackedSequence> packTrain(ElectraTokenizer tok, int seq) {
        return SequencePacker.pack(train, tok, seq, SequencePacker.SEED);
    }

    /** Held-out sequences, packed the same way with the same seed. */
    public List<PackedSequence> packHeldout(ElectraTokenizer tok, int seq) {
        return SequencePacker.pack(heldout, tok, seq, SequencePacker.SEED);
    }
}
