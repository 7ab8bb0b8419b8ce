package electra.cli;

import electra.config.ConfigFile;
import electra.config.ElectraConfig;
import electra.config.PretrainOptions;
import electra.data.ClassificationTask;
import electra.data.PretrainingCorpus;
import electra.pretrain.Objectives;
import electra.train.Devices;
import electra.train.TestHooks;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8, item 5: every bad input ends with one line on stderr naming the field, file or line,
 * exit code 2 for usage errors and 1 for runtime failures, never a stack trace; the library
 * throws IllegalArgumentException with the same message.
 */
class BadInputTest {

    @TempDir
    static Path tmp;
    static CliFixture fx;
    /** A finished 2-step micro run (the one a resume of another model or a second run would collide with). */
    static Path existing;
    static Path corrupt;
    static Path garbage;

    @BeforeAll
    static void files() throws IOException {
        fx = new CliFixture(tmp);
        write("empty.txt", "");
        write("blank.txt", "\n  \n\n");
        Files.write(tmp.resolve("binary.bin"), new byte[] {'a', 'b', '\n', 0, 1, 2, 3});
        Files.write(tmp.resolve("latin1.txt"), "a fine line\ncaf\u00e9 au lait\n".getBytes(StandardCharsets.ISO_8859_1));
        write("bad.tsv", "good text\t1\nno label here\n");
        write("badlabel.tsv", "good text\t1\nother text\t7\n");
        write("heads.json", "{\"hiddenSize\": 250, \"numAttentionHeads\": 4}");
        write("typo.json", "{\"hiddenSise\": 64}");
        write("type.json", "{\"hiddenSize\": \"big\"}");
        write("fraction.json", "{\"numHiddenLayers\": 2.5}");
        write("syntax.json", "{\"hiddenSize\": 64,");
        write("array.json", "[64, 2]");
        write("vocab.json", "{\"vocabSize\": 1000, \"maxPositionEmbeddings\": 32}");
        write("wide.json", "{\"preset\": \"wide\", \"embeddingSize\": 32, \"hiddenSize\": 64, \"numHiddenLayers\": 2,"
                + " \"numAttentionHeads\": 2, \"intermediateSize\": 64, \"maxPositionEmbeddings\": 32, \"generatorFraction\": 0.5,"
                + " \"hiddenDropoutProb\": 0.1, \"attentionDropoutProb\": 0.1}");
        write("plain.json", "{\"preset\": \"tiny\"}");
        write("a-file", "not a folder");
        existing = tmp.resolve("existing");
        CliFixture.Result r = CliFixture.run(fx.pretrain(existing, "--steps", "2", "--quiet"));
        assertEquals(0, r.code(), r.err());
        corrupt = tmp.resolve("corrupt");
        PretrainReproducibilityTest.copyRun(existing, corrupt);
        Path c = corrupt.resolve("checkpoints/step-00000002.electra");
        byte[] b = Files.readAllBytes(c);
        b[b.length - 100] ^= 0x40;
        Files.write(c, b);
        garbage = tmp.resolve("garbage");
        PretrainReproducibilityTest.copyRun(existing, garbage);
        write("garbage/checkpoints/step-00000002.electra", "this is not a checkpoint");
    }

    private static void write(String name, String text) throws IOException {
        Files.writeString(tmp.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static String p(String name) {
        return tmp.resolve(name).toString();
    }

    /** pretrain into a fresh folder with {@code extra}. */
    private static Arguments fresh(String name, int code, String message, String... extra) {
        return Arguments.of(name, (java.util.function.Function<Path, List<String>>) out -> fx.pretrain(out,
                concat(extra, "--steps", "2", "--quiet")), code, message, true);
    }

    /** Any command line, {@code $OUT} replaced by a fresh folder. */
    private static Arguments command(String name, int code, String message, String... args) {
        return Arguments.of(name, (java.util.function.Function<Path, List<String>>) out -> {
            List<String> a = new ArrayList<>();
            for (String s : args) {
                a.add(s.replace("$OUT", out.toString()));
            }
            return a;
        }, code, message, false);
    }

    private static String[] concat(String[] a, String... b) {
        List<String> all = new ArrayList<>(List.of(a));
        for (int i = 0; i < b.length; i += 2) {
            if (!all.contains(b[i])) {
                all.add(b[i]);
                if (i + 1 < b.length && !b[i + 1].startsWith("--")) {
                    all.add(b[i + 1]);
                } else {
                    i--;
                }
            }
        }
        return all.toArray(new String[0]);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                fresh("unknown preset", 2, "unknown preset 'huge' (known: tiny, small, base, laptop)", "--preset", "huge"),
                fresh("unknown objective", 2, "unknown objective 'bert'", "--objective", "bert"),
                fresh("zero steps", 2, "steps = 0: must be at least 1", "--steps", "0"),
                fresh("negative steps", 2, "steps = -5: must be at least 1", "--steps", "-5"),
                fresh("steps not a number", 2, "Invalid value for option '--steps': 'many' is not an int", "--steps", "many"),
                fresh("zero batch", 2, "batch = 0: must be at least 1", "--batch", "0"),
                fresh("zero seq", 2, "seq = 0: must be positive", "--seq", "0"),
                fresh("tiny seq", 2, "seq = 4: must be at least 8", "--seq", "4"),
                fresh("seq above the model's maximum", 2, "seq = 64: exceeds maxPositionEmbeddings (32) of preset micro",
                        "--seq", "64"),
                fresh("seq above the preset's maximum", 2, "seq = 256: exceeds maxPositionEmbeddings (128) of preset tiny",
                        "--config", p("plain.json"), "--seq", "256"),
                fresh("hidden not divisible by heads", 2, p("heads.json") + ": hiddenSize = 250: must be divisible by"
                        + " numAttentionHeads (4)", "--config", p("heads.json")),
                fresh("config: unknown field", 2, p("typo.json") + ": unknown field 'hiddenSise' (known: preset, vocabSize,",
                        "--config", p("typo.json")),
                fresh("config: wrong type", 2, p("type.json") + ": hiddenSize: expected a number, found \"big\"",
                        "--config", p("type.json")),
                fresh("config: not whole", 2, p("fraction.json") + ": numHiddenLayers: expected a whole number, found 2.5",
                        "--config", p("fraction.json")),
                fresh("config: bad JSON", 2, p("syntax.json") + ": not valid JSON", "--config", p("syntax.json")),
                fresh("config: not an object", 2, p("array.json") + ": expected a JSON object", "--config", p("array.json")),
                fresh("config: missing", 2, p("nothing.json") + ": no such file", "--config", p("nothing.json")),
                fresh("config: vocab against the tokenizer", 2, p("vocab.json") + ": vocabSize = 1000 but --tokenizer",
                        "--config", p("vocab.json")),
                fresh("mask rate 0", 2, "maskRate = 0.0: must be in (0, 1)", "--mask-rate", "0"),
                fresh("mask rate 1", 2, "maskRate = 1.0: must be in (0, 1)", "--mask-rate", "1"),
                fresh("mask rate 1.5", 2, "maskRate = 1.5: must be in (0, 1)", "--mask-rate", "1.5"),
                fresh("generator fraction 0", 2, "generatorFraction = 0.0: must be in (0, 1]", "--generator-size", "0"),
                fresh("generator fraction 1.5", 2, "generatorFraction = 1.5: must be in (0, 1]", "--generator-size", "1.5"),
                fresh("zero lr", 2, "lr = 0.0: must be positive", "--lr", "0"),
                fresh("negative weight decay", 2, "weightDecay = -0.1: must not be negative", "--weight-decay", "-0.1"),
                fresh("dropout 1", 2, "hiddenDropoutProb = 1.0: must be in [0, 1)", "--dropout", "1"),
                fresh("unknown masking", 2, "masking = span: must be electra", "--masking", "span"),
                fresh("unknown sampler", 2, "sampler = argmax: must be gumbel or multinomial", "--sampler", "argmax"),
                fresh("zero threads", 2, "threads = 0: must be at least 1", "--threads", "0"),
                fresh("keep 0", 2, "keep = 0: must be at least 1", "--keep", "0"),
                fresh("negative checkpoint interval", 2, "checkpointEvery = -1: must not be negative",
                        "--checkpoint-every", "-1"),
                fresh("zero eval batches", 2, "evalBatches = 0: must be at least 1", "--eval-batches", "0"),
                fresh("gpu without one", 2, "--device gpu: the PyTorch engine sees no GPU", "--device", "gpu"),
                fresh("unknown device", 2, "unknown device 'tpu' (known: auto, cpu, gpu)", "--device", "tpu"),
                fresh("missing corpus", 2, p("nothing.txt") + ": no such file", "--corpus", p("nothing.txt")),
                fresh("unknown corpus name", 2, "'wikipedia' is neither a corpus in the catalog", "--corpus", "wikipedia"),
                fresh("corpus is a folder", 2, tmp + " is a directory, not a text file", "--corpus", tmp.toString()),
                fresh("empty corpus", 2, p("empty.txt") + ": empty corpus (no text lines)", "--corpus", p("empty.txt")),
                fresh("blank corpus", 2, p("blank.txt") + ": empty corpus (no text lines)", "--corpus", p("blank.txt")),
                fresh("binary corpus", 2, p("binary.bin") + ": line 2 has a NUL byte: a binary file, not UTF-8 text",
                        "--corpus", p("binary.bin")),
                fresh("non-UTF-8 corpus", 2, p("latin1.txt") + ": line 2 is not valid UTF-8", "--corpus", p("latin1.txt")),
                fresh("missing tokenizer", 2, "'" + p("none.json") + "' is neither a tokenizer in the catalog",
                        "--tokenizer", p("none.json")),
                fresh("resume and overwrite", 2, "--resume and --overwrite exclude each other", "--resume", "--overwrite"),
                fresh("out is a file", 2, "--out " + p("a-file") + ": exists and is not a folder", "--out", p("a-file")),
                fresh("out not writable", 2, "--out " + p("a-file") + "/run: not writable (Not a directory)", "--out", p("a-file") + "/run"),
                fresh("out holds another run", 2, "--out " + tmp.resolve("existing") + " already holds a run; pass --resume"
                        + " to continue it or --overwrite to replace it", "--out", tmp.resolve("existing").toString()),
                fresh("resume a run of another model", 2, tmp.resolve("existing/checkpoints/step-00000002.electra")
                        + ": written for preset micro (hidden 32, layers 2, vocab 96, generator 0.5), this run is wide"
                        + " (hidden 64, layers 2, vocab 96, generator 0.5)",
                        "--out", tmp.resolve("existing").toString(), "--resume", "--config", p("wide.json")),
                fresh("resume with other options", 2, tmp.resolve("existing/checkpoints/step-00000002.electra")
                        + ": the run was started with other options (steps 2, now 3); resume with the same command line", "--out", tmp.resolve("existing").toString(),
                        "--resume", "--steps", "3"),
                fresh("resume a corrupted checkpoint", 2, tmp.resolve("corrupt/checkpoints") + ": none of the 1 checkpoints"
                        + " verifies (" + tmp.resolve("corrupt/checkpoints/step-00000002.electra")
                        + ": checksum mismatch (truncated or corrupted checkpoint)); remove them to start the run over",
                        "--out", tmp.resolve("corrupt").toString(), "--resume"),
                fresh("resume a file that is no checkpoint", 2, tmp.resolve("garbage/checkpoints") + ": none of the 1"
                        + " checkpoints verifies (" + tmp.resolve("garbage/checkpoints/step-00000002.electra")
                        + ": not an ELECTRA checkpoint (bad magic or too short))", "--out", tmp.resolve("garbage").toString(),
                        "--resume"),
                fresh("unknown option", 2, "Unknown option: '--sped'", "--sped"),
                command("missing --out", 2, "Missing required option: '--out=<out>'", "pretrain", "--steps", "2"),
                command("malformed TSV", 2, p("bad.tsv") + ": line 2: expected 2 tab-separated columns (text, label) or 3"
                        + " (text_a, text_b, label), found 1", "data", "stats", p("bad.tsv"), "--tokenizer", fx.tokenizer.toString()),
                command("TSV label", 2, p("badlabel.tsv") + ": line 2: label '7' is not 0 or 1", "data", "stats",
                        p("badlabel.tsv"), "--tokenizer", fx.tokenizer.toString()),
                command("unknown task", 2, "'nosuchtask' is neither a task in the catalog", "data", "stats", "nosuchtask",
                        "--tokenizer", fx.tokenizer.toString()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void oneLineAndAnExitCode(String name, java.util.function.Function<Path, List<String>> args, int code, String message,
                              boolean pretrain) throws IOException {
        if (name.equals("gpu without one")) {
            org.junit.jupiter.api.Assumptions.assumeTrue(ai.djl.engine.Engine.getEngine("PyTorch").getGpuCount() == 0,
                    "this machine has a GPU");
        }
        Path out = tmp.resolve("out-" + name.replaceAll("[^a-zA-Z0-9]+", "-"));
        List<String> a = args.apply(out);
        CliFixture.Result r = CliFixture.run(a);
        assertEquals(code, r.code(), name + ": " + r.err());
        assertFalse(r.err().contains("\tat "), "a stack trace: " + r.err());
        List<String> lines = r.errLines().stream().filter(l -> !l.startsWith("electra: warning: ")).toList();
        assertEquals(1, lines.size(), "one line: " + r.err());
        assertTrue(lines.get(0).startsWith("electra: " + message), "expected 'electra: " + message + "...', got " + lines.get(0));
        System.out.printf("%-36s exit %d  %s%n", name, r.code(), lines.get(0).replace(tmp.toString(), "$TMP"));
        assertFalse(Files.exists(out), "a failed command created --out " + out);
    }

    /** --debug adds the stack trace the plain line leaves out. */
    @Test
    void debugShowsTheStackTrace() {
        CliFixture.Result r = CliFixture.run(fx.pretrain(tmp.resolve("debug"), "--mask-rate", "2", "--debug"));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("\tat "), r.err());
        assertTrue(r.err().contains("electra: maskRate = 2.0: must be in (0, 1)"), r.err());
    }

    /** A full disk while checkpointing: exit 1, one line, the previous checkpoint intact, no temporary file left. */
    @Test
    void diskFullWhileCheckpointing() throws IOException {
        Path out = tmp.resolve("disk-full");
        System.setProperty(TestHooks.property(TestHooks.DISK_FULL_AT_STEP), "2");
        CliFixture.Result r;
        try {
            r = CliFixture.run(fx.pretrain(out, "--steps", "4", "--checkpoint-every", "1", "--quiet"));
        } finally {
            System.clearProperty(TestHooks.property(TestHooks.DISK_FULL_AT_STEP));
        }
        assertEquals(1, r.code(), r.err());
        Path step2 = out.resolve("checkpoints/step-00000002.electra");
        assertEquals(List.of("electra: cannot write checkpoint " + step2 + ": No space left on device"), r.errLines());
        assertEquals(List.of("step-00000001.electra"), CliFixture.checkpointNames(out));
        electra.checkpoint.Checkpoint.read(out.resolve("checkpoints/step-00000001.electra"));
        CliFixture.Result resumed = CliFixture.run(fx.pretrain(out, "--steps", "4", "--checkpoint-every", "1", "--quiet",
                "--resume"));
        assertEquals(0, resumed.code(), resumed.err());
        Path clean = tmp.resolve("disk-fine");
        assertEquals(0, CliFixture.run(fx.pretrain(clean, "--steps", "4", "--checkpoint-every", "1", "--quiet")).code());
        CliFixture.assertSameWeights(clean.resolve("model.electra"), out.resolve("model.electra"));
    }

    static Stream<Arguments> library() {
        return Stream.of(
                lib(() -> ElectraConfig.preset("huge"), "--preset", "huge"),
                lib(() -> Objectives.byName("bert"), "--objective", "bert"),
                lib(() -> PretrainOptions.defaults("electra", 0, 4, 32), "--steps", "0"),
                lib(() -> PretrainOptions.defaults("electra", 2, 4, 32).withMasking(1.5, "electra"), "--mask-rate", "1.5"),
                lib(() -> ElectraConfig.tiny().withGeneratorFraction(0), "--generator-size", "0"),
                lib(() -> ConfigFile.read(tmp.resolve("heads.json"), ElectraConfig.tiny()), "--config", p("heads.json")),
                lib(() -> PretrainingCorpus.load(p("latin1.txt")), "--corpus", p("latin1.txt")),
                lib(() -> PretrainingCorpus.load(p("binary.bin")), "--corpus", p("binary.bin")),
                lib(() -> Devices.resolve("tpu"), "--device", "tpu"),
                lib(() -> Devices.setThreads(0), "--threads", "0"));
    }

    private static Arguments lib(Executable call, String... cli) {
        return Arguments.of(String.join(" ", cli), call, cli);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("library")
    void theLibraryThrowsTheSameMessage(String name, Executable call, String[] cli) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        CliFixture.Result r = CliFixture.run(fx.pretrain(tmp.resolve("lib-out"), concat(cli, "--steps", "2", "--quiet")));
        assertEquals(2, r.code());
        assertEquals(List.of("electra: " + e.getMessage()), r.errLines());
    }

    @Test
    void taskFilesThroughTheLibrary() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClassificationTask.load(p("bad.tsv")));
        assertTrue(e.getMessage().startsWith(p("bad.tsv") + ": line 2: "), e.getMessage());
    }
}
