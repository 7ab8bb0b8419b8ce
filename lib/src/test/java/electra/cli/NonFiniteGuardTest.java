package electra.cli;

import ai.djl.Device;

import electra.TestModels;
import electra.pretrain.Objectives;
import electra.pretrain.Sequences;
import electra.train.NonFiniteException;
import electra.train.Pretrainer;
import electra.train.TestHooks;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 8, item 4: a NaN loss (injected with the {@link TestHooks} hook) stops the run or, with --skip-nonfinite, is skipped. */
class NonFiniteGuardTest {

    @TempDir
    static Path tmp;
    static CliFixture fx;

    @BeforeAll
    static void fixture() {
        fx = new CliFixture(tmp);
    }

    @AfterEach
    void clearHook() {
        System.clearProperty(TestHooks.property(TestHooks.NAN_AT_STEP));
    }

    private static List<String> command(Path out, String... extra) {
        List<String> a = new java.util.ArrayList<>(List.of("--steps", "5", "--log-every", "1", "--checkpoint-every", "1",
                "--keep", "10", "--quiet"));
        a.addAll(List.of(extra));
        return fx.pretrain(out, a.toArray(new String[0]));
    }

    @Test
    void aNanLossStopsTheRunWithOneLineAndNoCheckpointOfTheBadState() throws IOException {
        System.setProperty(TestHooks.property(TestHooks.NAN_AT_STEP), "3");
        Path out = tmp.resolve("stopped");
        CliFixture.Result r = CliFixture.run(command(out));
        assertEquals(1, r.code());
        assertEquals(List.of("electra: step 3: loss is NaN; stopped without applying the update (lower --lr, or pass"
                + " --skip-nonfinite to skip such steps)"), r.errLines());
        assertEquals(List.of("step-00000001.electra", "step-00000002.electra"), CliFixture.checkpointNames(out));
        assertFalse(Files.exists(out.resolve("model.electra")));
        assertFalse(Files.exists(out.resolve("summary.json")));
        assertEquals(3, CliFixture.metricsWithoutTiming(out).size(), "header and the rows of steps 1 and 2");

        // the way on: resume the same run, skipping the bad step
        CliFixture.Result resumed = CliFixture.run(command(out, "--resume", "--skip-nonfinite"));
        assertEquals(0, resumed.code(), resumed.err());
        List<String> metrics = CliFixture.metricsWithoutTiming(out);
        assertEquals(6, metrics.size());
        assertTrue(metrics.get(3).startsWith("3,,"), "no loss for the skipped step: " + metrics.get(3));
        assertTrue(metrics.get(3).endsWith(",1"), "skipped column: " + metrics.get(3));
        for (int row : new int[] {1, 2, 4, 5}) {
            assertTrue(metrics.get(row).endsWith(",0"), metrics.get(row));
        }
        assertEquals(1, PretrainReproducibilityTest.json(out.resolve("summary.json")).get("skipped_steps").getAsInt());

        // the same as a run that skipped from the start
        Path skipping = tmp.resolve("skipping");
        CliFixture.Result s = CliFixture.run(command(skipping, "--skip-nonfinite"));
        assertEquals(0, s.code(), s.err());
        assertEquals(metrics, CliFixture.metricsWithoutTiming(skipping));
        CliFixture.assertSameWeights(skipping.resolve("model.electra"), out.resolve("model.electra"));
    }

    /** Library level: the step throws NonFiniteException naming step and quantity, the weights are untouched and usable. */
    @Test
    void pretrainerLeavesTheWeightsUntouched() {
        Sequences data = TestModels.randomSequences(16, 32, 3);
        int threads = electra.train.Devices.threads();
        electra.train.Devices.useThreads(1); // much faster than 2 on a busy 2-core machine
        try (Pretrainer p = new Pretrainer(TestModels.micro(), TestModels.options("electra", 5, 4, 32),
                Objectives.byName("electra"), data, TestModels.SPECIALS, Device.cpu(), false)) {
            p.step();
            Map<String, float[]> before = weights(p);
            System.setProperty(TestHooks.property(TestHooks.NAN_AT_STEP), "2");
            NonFiniteException e = assertThrows(NonFiniteException.class, p::step);
            assertEquals(2, e.step());
            assertTrue(e.getMessage().startsWith("step 2: loss is NaN"), e.getMessage());
            assertEquals(1, p.stepsDone());
            Map<String, float[]> after = weights(p);
            before.forEach((k, v) -> assertArrayEquals(v, after.get(k), k));
            assertTrue(Double.isFinite(p.evaluate(data, 1).get("loss")));
            clearHook();
            assertTrue(Double.isFinite(p.step().metrics().get("loss")), "the next try of step 2 trains");
            assertEquals(2, p.stepsDone());
        } finally {
            electra.train.Devices.useThreads(threads);
        }
    }

    private static Map<String, float[]> weights(Pretrainer p) {
        Map<String, float[]> out = new LinkedHashMap<>();
        p.model().namedParameters().forEach((k, v) -> out.put(k, v.getArray().toFloatArray()));
        return out;
    }
}
