package electra.train;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;

import electra.TestModels;
import electra.config.PretrainOptions;
import electra.pretrain.Sequences;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8, item 6: what a notebook does to a run. Re-running the training cell (a new run each
 * time, closed at the end) frees every array and leaves no thread behind; a listener's stop()
 * (the notebook's interrupt button) ends the run between steps with a usable model that
 * evaluates, and continuing it gives the weights of a run that was never stopped.
 */
class NotebookRobustnessTest {

    static final Sequences TRAIN = TestModels.randomSequences(24, 32, 7);
    static final Sequences HELD_OUT = TestModels.randomSequences(8, 32, 8);
    static int threads;

    @BeforeAll
    static void oneThread() {
        threads = Devices.threads();
        Devices.useThreads(1);
    }

    @AfterAll
    static void restoreThreads() {
        Devices.useThreads(threads);
    }

    private static PretrainRun.Setup setup(int steps) {
        PretrainOptions o = TestModels.options("electra", steps, 4, 32).withLearningRate(2e-3).withWarmupSteps(2);
        return new PretrainRun.Setup(TestModels.micro(), o, TRAIN, HELD_OUT, TestModels.SPECIALS, "test", "random",
                Device.cpu(), false, 0, 1, 2);
    }

    /** Every array alive in the engine: the system manager's, counted through all its sub-managers. */
    private static int liveArrays() {
        try (NDManager probe = NDManager.newBaseManager()) {
            return probe.getParentManager().getManagedArrays().size();
        }
    }

    private static Set<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet();
    }

    @Test
    void rerunningTheTrainingCellLeaksNothing() throws Exception {
        List<Integer> arrays = new ArrayList<>();
        List<Integer> open = new ArrayList<>();
        List<Integer> threadCounts = new ArrayList<>();
        Set<Thread> before = null;
        for (int round = 0; round < 4; round++) {
            try (PretrainRun run = new PretrainRun(setup(4), null)) {
                run.run(null);
                assertEquals(4, run.pretrainer().stepsDone());
                open.add(liveArrays());
            }
            System.gc();
            arrays.add(liveArrays());
            threadCounts.add(liveThreads().size());
            if (round == 0) {
                before = liveThreads();
            }
        }
        // the first round may start engine-wide things once; after that nothing grows
        assertEquals(List.of(arrays.get(1), arrays.get(1), arrays.get(1)), arrays.subList(1, 4), "live arrays per round " + arrays);
        assertEquals(List.of(open.get(0), open.get(0), open.get(0), open.get(0)), open, "live arrays at the end of each run");
        assertTrue(open.get(0) > arrays.get(0), "the count sees the run's arrays");
        Set<Thread> added = new java.util.HashSet<>(liveThreads());
        added.removeAll(before);
        added.removeIf(t -> !t.isAlive());
        assertEquals(Set.of(), added, "threads left behind");
        assertTrue(threadCounts.get(3) <= threadCounts.get(0), "thread counts per round " + threadCounts);
        System.out.println("NotebookRobustnessTest: live arrays at the end of each of 4 runs " + open + ", after close "
                + arrays + ", Java threads " + threadCounts);
    }

    @Test
    void stoppingLeavesAUsableModelThatContinuesExactly() throws Exception {
        Map<String, float[]> uninterrupted;
        try (PretrainRun run = new PretrainRun(setup(6), null)) {
            run.run(null);
            uninterrupted = weights(run);
        }
        try (PretrainRun run = new PretrainRun(setup(6), null)) {
            int before = run.pretrainer().model().getManager().getManagedArrays().size();
            Map<String, Double> eval = run.run(new PretrainRun.Listener() {
                private int rows;

                @Override
                public void onRow(Map<String, Double> row, long step, long total) {
                    rows++;
                }

                @Override
                public boolean stop() {
                    return rows == 2; // the interrupt button, pressed after step 2
                }
            });
            assertEquals(2, run.pretrainer().stepsDone());
            assertTrue(Double.isFinite(eval.get("loss")));
            Map<String, Double> again = new java.util.LinkedHashMap<>(run.pretrainer().evaluate(HELD_OUT, 2));
            again.put("unigram_xent", run.unigramCrossEntropy()); // the run adds the data's unigram line to its own
            assertEquals(eval, again, "a further evaluation works and agrees");
            int afterStop = run.pretrainer().model().getManager().getManagedArrays().size();
            run.run(null); // the cell run again: continues where it stopped
            assertEquals(6, run.pretrainer().stepsDone());
            assertEquals(afterStop, run.pretrainer().model().getManager().getManagedArrays().size(),
                    "arrays of the model's manager (" + before + " before the first step)");
            Map<String, float[]> continued = weights(run);
            uninterrupted.forEach((k, v) -> assertArrayEquals(v, continued.get(k), k));
            assertEquals(6, run.metrics().rows().size());
        }
    }

    private static Map<String, float[]> weights(PretrainRun run) {
        Map<String, float[]> out = new LinkedHashMap<>();
        run.pretrainer().model().namedParameters().forEach((k, v) -> out.put(k, v.getArray().toFloatArray()));
        return out;
    }
}
