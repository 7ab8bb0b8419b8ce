package electra.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8, items 1 and 3 in-process: the same command gives the same metrics (timing columns
 * aside) and bit-identical weights; resuming from any checkpoint (a logging boundary or the
 * middle of a logging interval), with a cut-off last metrics line as a crash leaves it, ends
 * exactly where the uninterrupted run ends. (KillResumeTest does the same with real kills.)
 */
class PretrainReproducibilityTest {

    static final int STEPS = 8;

    @TempDir
    static Path tmp;
    static CliFixture fx;
    static Path reference;

    /** 8 steps, a metrics row every 3 steps (and at 8), a checkpoint after every step, all kept. */
    static List<String> command(Path out, String... extra) {
        List<String> a = new java.util.ArrayList<>(List.of("--steps", String.valueOf(STEPS), "--log-every", "3",
                "--checkpoint-every", "1", "--keep", "20", "--quiet"));
        a.addAll(List.of(extra));
        return fx.pretrain(out, a.toArray(new String[0]));
    }

    @BeforeAll
    static void referenceRun() {
        fx = new CliFixture(tmp);
        reference = tmp.resolve("reference");
        CliFixture.Result r = CliFixture.run(command(reference));
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void sameCommandSameRun() throws IOException {
        Path again = tmp.resolve("again");
        CliFixture.Result r = CliFixture.run(command(again));
        assertEquals(0, r.code(), r.err());
        assertEquals(CliFixture.metricsWithoutTiming(reference), CliFixture.metricsWithoutTiming(again));
        assertEquals(List.of("step,loss,mlm_loss,mlm_acc,sampled_mlm_acc,disc_loss,disc_acc,disc_precision,disc_recall,"
                + "grad_norm,lr,skipped"), CliFixture.metricsWithoutTiming(again).subList(0, 1));
        assertEquals(4, CliFixture.metricsWithoutTiming(again).size(), "rows at steps 3, 6, 8");
        CliFixture.assertSameWeights(reference.resolve("model.electra"), again.resolve("model.electra"));
        for (String c : CliFixture.checkpointNames(reference)) { // weights, moments and header of every step
            CliFixture.assertSameWeights(reference.resolve("checkpoints").resolve(c), again.resolve("checkpoints").resolve(c));
        }
        assertEquals(eval(reference), eval(again), "held-out evaluation");
        JsonObject config = json(again.resolve("config.json"));
        assertEquals(1, config.get("threads").getAsInt());

        Path otherSeed = tmp.resolve("other-seed");
        assertEquals(0, CliFixture.run(command(otherSeed, "--seed", "2")).code());
        assertNotEquals(CliFixture.metricsWithoutTiming(reference), CliFixture.metricsWithoutTiming(otherSeed));
    }

    /**
     * {@code --weight-decay} reaches config.json and the optimizer: at 20 (lr 2e-3, so up to 4% of
     * each decayed weight per step) every matrix ends with a smaller norm than the reference run's
     * (decay 0.01), while the official optimizer never decays LayerNorm weights.
     */
    @Test
    void weightDecayShrinksTheMatrices() throws IOException {
        Path decayed = tmp.resolve("decayed");
        CliFixture.Result r = CliFixture.run(command(decayed, "--weight-decay", "20"));
        assertEquals(0, r.code(), r.err());
        assertEquals(20.0, json(decayed.resolve("config.json")).getAsJsonObject("options").get("weightDecay").getAsDouble());
        assertEquals(0.01, json(reference.resolve("config.json")).getAsJsonObject("options").get("weightDecay").getAsDouble());
        var plain = electra.checkpoint.Checkpoint.read(reference.resolve("model.electra")).tensors();
        var shrunk = electra.checkpoint.Checkpoint.read(decayed.resolve("model.electra")).tensors();
        int matrices = 0;
        for (String k : plain.keySet()) {
            if (k.endsWith("word_embeddings") || k.endsWith("dense.weight") || k.endsWith("query.weight")) {
                matrices++;
                assertTrue(norm(shrunk.get(k)) < 0.95 * norm(plain.get(k)), k + ": " + norm(shrunk.get(k)) + " against "
                        + norm(plain.get(k)));
            }
        }
        assertTrue(matrices >= 6, "matrices checked: " + matrices);
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    /** A crash after step k leaves checkpoints 1..k and metrics rows up to some step past k, the last one cut off. */
    @Test
    void resumingFromAnyStepIsExact() throws IOException {
        for (int k : new int[] {3, 4, 7}) {
            Path crashed = tmp.resolve("crashed-" + k);
            simulateCrashAfter(k, crashed);
            CliFixture.Result r = CliFixture.run(command(crashed, "--resume"));
            assertEquals(0, r.code(), r.err());
            assertFalse(r.err().contains("warning"), r.err());
            assertEquals(CliFixture.metricsWithoutTiming(reference), CliFixture.metricsWithoutTiming(crashed), "resumed at " + k);
            CliFixture.assertSameWeights(reference.resolve("model.electra"), crashed.resolve("model.electra"));
            CliFixture.assertSameWeights(reference.resolve("checkpoints/step-00000008.electra"),
                    crashed.resolve("checkpoints/step-00000008.electra"));
            assertEquals(eval(reference), eval(crashed));
            assertFalse(Files.exists(crashed.resolve("checkpoints/.step-00000009.electra.tmp")), "stale temporary file removed");
        }
    }

    /** The newest checkpoint damaged: a warning, and the run resumes from the one before and still ends exactly. */
    @Test
    void aDamagedNewestCheckpointIsSkipped() throws IOException {
        Path crashed = tmp.resolve("damaged");
        simulateCrashAfter(5, crashed);
        Path newest = crashed.resolve("checkpoints/step-00000005.electra");
        byte[] b = Files.readAllBytes(newest);
        b[b.length / 2] ^= 1;
        Files.write(newest, b);
        CliFixture.Result r = CliFixture.run(command(crashed, "--resume"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("warning: skipping " + newest + ": checksum mismatch"), r.err());
        assertEquals(CliFixture.metricsWithoutTiming(reference), CliFixture.metricsWithoutTiming(crashed));
        CliFixture.assertSameWeights(reference.resolve("model.electra"), crashed.resolve("model.electra"));
    }

    /** Rows lost with a power cut (appends are not forced to disk; checkpoints are) are reported, and the run goes on. */
    @Test
    void lostMetricsRowsAreReported() throws IOException {
        Path crashed = tmp.resolve("lost-rows");
        simulateCrashAfter(7, crashed);
        Files.writeString(crashed.resolve("metrics.csv"), electra.train.MetricsLog.header() + "\n", StandardCharsets.UTF_8);
        CliFixture.Result r = CliFixture.run(command(crashed, "--resume"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("warning: " + crashed.resolve("metrics.csv") + " lacks the rows up to step 6"), r.err());
        assertEquals(List.of(CliFixture.metricsWithoutTiming(reference).get(0), CliFixture.metricsWithoutTiming(reference).get(3)),
                CliFixture.metricsWithoutTiming(crashed), "the row of step 8 is still exact");
        CliFixture.assertSameWeights(reference.resolve("model.electra"), crashed.resolve("model.electra"));
    }

    @Test
    void keepsTheLastKCheckpoints() throws IOException {
        Path kept = tmp.resolve("kept");
        assertEquals(0, CliFixture.run(fx.pretrain(kept, "--steps", "5", "--checkpoint-every", "1", "--keep", "2", "--quiet")).code());
        assertEquals(List.of("step-00000004.electra", "step-00000005.electra"), CliFixture.checkpointNames(kept));
    }

    @Test
    void resumingWithOtherThreadsWarns() throws IOException {
        Path run = tmp.resolve("threads");
        copyRun(reference, run);
        CliFixture.Result r = CliFixture.run(command(run, "--resume", "--threads", "2"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("warning: the run was started with --threads 1 and resumes with 2"), r.err());
        CliFixture.Result same = CliFixture.run(command(run, "--resume"));
        assertEquals(0, same.code(), same.err());
        assertFalse(same.err().contains("warning"), same.err());
    }

    /** What a kill after step k can leave: checkpoints up to k, rows past k with the last one cut off, a temp file. */
    static void simulateCrashAfter(int k, Path crashed) throws IOException {
        Files.createDirectories(crashed.resolve("checkpoints"));
        Files.copy(reference.resolve("config.json"), crashed.resolve("config.json"));
        for (int s = 1; s <= k; s++) {
            String name = String.format("step-%08d.electra", s);
            Files.copy(reference.resolve("checkpoints").resolve(name), crashed.resolve("checkpoints").resolve(name));
        }
        Files.writeString(crashed.resolve("checkpoints/.step-00000009.electra.tmp"), "half a checkpoint");
        String metrics = Files.readString(reference.resolve("metrics.csv"), StandardCharsets.UTF_8);
        // all rows, with the last one cut off in the middle (rows past k are dropped on resume)
        Files.writeString(crashed.resolve("metrics.csv"), metrics.substring(0, metrics.length() - 20), StandardCharsets.UTF_8);
    }

    static void copyRun(Path from, Path to) throws IOException {
        try (var s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static JsonObject json(Path file) throws IOException {
        return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
    }

    static JsonObject eval(Path run) throws IOException {
        return json(run.resolve("summary.json")).getAsJsonObject("eval");
    }
}
