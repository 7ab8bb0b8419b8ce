package electra.cli;

import electra.checkpoint.Checkpoint;
import electra.data.WordPieceTrainer;
import electra.train.Devices;
import electra.train.MetricsLog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A tiny world for running {@code electra pretrain} in tests: a 120-line corpus of made-up
 * sentences, a WordPiece tokenizer trained on it, and a micro model (2 x 32, dropout on, so the
 * engine's random stream matters) as a {@code --config} file.
 */
final class CliFixture {

    static final String[] WORDS = {"the", "a", "cat", "dog", "bird", "sat", "ran", "flew", "on", "under", "mat", "tree",
        "house", "quickly", "slowly", "red", "green", "big", "small", "and", "saw", "ate", "fish", "bread", "river",
        "over", "near", "happy", "old", "young"};

    final Path dir;
    final Path corpus;
    final Path tokenizer;
    final Path config;

    CliFixture(Path dir) {
        this.dir = dir;
        this.corpus = dir.resolve("corpus.txt");
        this.tokenizer = dir.resolve("tokenizer.json");
        this.config = dir.resolve("micro.json");
        try {
            SplittableRandom r = new SplittableRandom(5);
            List<String> lines = new ArrayList<>();
            WordPieceTrainer trainer = new WordPieceTrainer(WordPieceTrainer.Score.RATIO);
            for (int i = 0; i < 120; i++) {
                StringBuilder sb = new StringBuilder();
                for (int s = 0; s < 2; s++) {
                    int n = 4 + r.nextInt(8);
                    for (int w = 0; w < n; w++) {
                        String word = WORDS[r.nextInt(WORDS.length)];
                        sb.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : " " + word);
                    }
                    sb.append(s == 0 ? ". " : ".");
                }
                lines.add(sb.toString());
                trainer.addText(sb.toString());
            }
            Files.write(corpus, lines, StandardCharsets.UTF_8);
            WordPieceTrainer.writeTokenizerJson(trainer.train(96), tokenizer);
            Files.writeString(config, """
                    {"preset": "micro", "embeddingSize": 32, "hiddenSize": 32, "numHiddenLayers": 2,
                     "numAttentionHeads": 2, "intermediateSize": 64, "maxPositionEmbeddings": 32,
                     "generatorFraction": 0.5, "hiddenDropoutProb": 0.1, "attentionDropoutProb": 0.1}
                    """, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code pretrain} on the fixture into {@code out}: seq 32, batch 4, one thread (on a busy
     * 2-core machine one thread is 5x faster than two), then {@code extra}; an option in
     * {@code extra} replaces the fixture's.
     */
    List<String> pretrain(Path out, String... extra) {
        List<String> base = new ArrayList<>(List.of("--config", config.toString(), "--corpus", corpus.toString(),
                "--tokenizer", tokenizer.toString(), "--seq", "32", "--batch", "4", "--eval-batches", "2", "--lr", "2e-3",
                "--warmup", "2", "--threads", "1", "--out", out.toString()));
        List<String> more = Arrays.asList(extra);
        for (int i = base.size() - 2; i >= 0; i -= 2) { // an option given in extra replaces the fixture's
            if (more.contains(base.get(i))) {
                base.remove(i + 1);
                base.remove(i);
            }
        }
        List<String> a = new ArrayList<>();
        a.add("pretrain");
        a.addAll(base);
        a.addAll(more);
        return a;
    }

    /** What an in-process command returned and printed. */
    record Result(int code, String out, String err) {
        /** Lines of stderr. */
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    /** Runs {@code electra ARGS} in this JVM, capturing stdout and stderr; the engine's thread count is restored after. */
    static synchronized Result run(List<String> args) {
        int threads = Devices.threads();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.run(args.toArray(new String[0]));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            Devices.useThreads(threads);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Result run(String... args) {
        return run(List.of(args));
    }

    /** metrics.csv without the timing columns, as text lines (what must be identical between runs). */
    static List<String> metricsWithoutTiming(Path runDir) throws IOException {
        List<String> lines = Files.readAllLines(runDir.resolve("metrics.csv"), StandardCharsets.UTF_8);
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String[] cells = line.split(",", -1);
            List<String> kept = new ArrayList<>();
            for (int i = 0; i < cells.length; i++) {
                if (!MetricsLog.TIMING_COLUMNS.contains(header.get(i))) {
                    kept.add(cells[i]);
                }
            }
            out.add(String.join(",", kept));
        }
        return out;
    }

    /** Asserts two weight files hold the same tensors, bit for bit. */
    static void assertSameWeights(Path expected, Path actual) throws IOException {
        Map<String, float[]> a = Checkpoint.read(expected).tensors();
        Map<String, float[]> b = Checkpoint.read(actual).tensors();
        assertEquals(a.keySet(), b.keySet());
        assertFalse(a.isEmpty());
        for (String k : a.keySet()) {
            assertArrayEquals(bits(a.get(k)), bits(b.get(k)), k + " differs");
        }
    }

    private static int[] bits(float[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Float.floatToRawIntBits(v[i]);
        }
        return out;
    }

    /** The checkpoint files of a run, oldest first, by name. */
    static List<String> checkpointNames(Path runDir) throws IOException {
        Path c = runDir.resolve("checkpoints");
        if (!Files.isDirectory(c)) {
            return List.of();
        }
        try (var s = Files.list(c)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
