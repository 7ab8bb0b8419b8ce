package electra.train;

import ai.djl.Device;

import electra.TestModels;
import electra.config.PretrainOptions;
import electra.pretrain.Objectives;
import electra.pretrain.Sequences;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PretrainerTest {

    private static Pretrainer pretrainer(String objective, PretrainOptions o, Sequences data) {
        return new Pretrainer(TestModels.micro(), o, Objectives.byName(objective), data, TestModels.SPECIALS, Device.cpu(), false);
    }

    /**
     * The RTD machinery can learn: a small model memorises one batch of 4 sequences under ever-new
     * masks and samples. (The same set-up in the eager PyTorch peer of benchmarks/ behaves alike.)
     */
    @Test
    void overfitsOneFixedBatch() {
        electra.data.SpecialTokens sp = new electra.data.SpecialTokens(0, 100, 101, 102, 103, 200);
        java.util.SplittableRandom r = new java.util.SplittableRandom(11);
        List<int[]> rows = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            int n = 8 + r.nextInt(9);
            int[] s = new int[n];
            s[0] = sp.cls();
            s[n - 1] = sp.sep();
            for (int t = 1; t < n - 1; t++) {
                s[t] = 110 + r.nextInt(90);
            }
            rows.add(s);
        }
        Sequences batch = Sequences.of(rows);
        electra.config.ElectraConfig config =
                new electra.config.ElectraConfig("overfit", 200, 64, 64, 2, 2, 128, 32, 2, 0f, 0f, 0.25, true, false);
        PretrainOptions o = PretrainOptions.defaults("electra", 600, 4, 32).withLearningRate(1e-3).withWarmupSteps(10);
        try (Pretrainer p = new Pretrainer(config, o, Objectives.byName("electra"), batch, sp, Device.cpu(), true)) {
            double before = p.evaluate(batch, 1).get("loss");
            for (int i = 0; i < 600; i++) {
                p.step();
            }
            Map<String, Double> after = p.evaluate(batch, 1);
            assertTrue(after.get("loss") < 0.1 * before, "joint loss fell from " + before + " only to " + after.get("loss"));
            assertTrue(after.get("disc_recall") > 0.9, "disc recall " + after.get("disc_recall"));
        }
    }

    @Test
    void mlmBaselineLearns() {
        Sequences batch = TestModels.randomSequences(8, 32, 11);
        PretrainOptions o = TestModels.options("mlm", 150, 8, 32).withLearningRate(2e-3).withWarmupSteps(10);
        try (Pretrainer p = pretrainer("mlm", o, batch)) {
            double first = p.step().metrics().get("mlm_loss");
            double last = 0;
            for (int i = 1; i < 150; i++) {
                Map<String, Double> m = p.step().metrics();
                last = m.get("mlm_loss");
                assertTrue(Double.isNaN(m.get("disc_loss")));
            }
            assertTrue(last < 0.5 * first, "mlm loss fell from " + first + " only to " + last);
        }
    }

    @Test
    void sameSeedSameNumbers() {
        Sequences data = TestModels.randomSequences(40, 32, 2);
        PretrainOptions o = TestModels.options("electra", 6, 4, 32);
        List<Map<String, Double>> a = new ArrayList<>();
        List<Map<String, Double>> b = new ArrayList<>();
        try (Pretrainer p = pretrainer("electra", o, data)) {
            for (int i = 0; i < 6; i++) {
                a.add(p.step().metrics());
            }
        }
        try (Pretrainer p = pretrainer("electra", o, data)) {
            for (int i = 0; i < 6; i++) {
                b.add(p.step().metrics());
            }
        }
        assertEquals(a, b);
        try (Pretrainer p = pretrainer("electra", o.withSeed(2), data)) {
            assertTrue(!p.step().metrics().equals(a.get(0)), "another seed gave the same step");
        }
    }

    /** Every array a step creates is freed with the step: the model's manager holds the same arrays after 20 steps. */
    @Test
    void aStepLeaksNoArrays() {
        Sequences data = TestModels.randomSequences(40, 32, 2);
        try (Pretrainer p = pretrainer("electra", TestModels.options("electra", 30, 4, 32), data)) {
            p.step();
            int after1 = countArrays(p.model().getManager());
            for (int i = 0; i < 20; i++) {
                p.step();
            }
            p.evaluate(data, 2);
            assertEquals(after1, countArrays(p.model().getManager()));
        }
    }

    private static int countArrays(ai.djl.ndarray.NDManager m) {
        return m.getManagedArrays().size();
    }

    @Test
    void scheduleWarmsUpThenDecaysLinearly() {
        LinearSchedule s = new LinearSchedule(1e-3, 10, 110);
        assertEquals(1e-4, s.at(1), 1e-12);
        assertEquals(1e-3, s.at(10), 1e-12);
        assertEquals(1e-3, s.at(11), 1e-12);
        assertEquals(0.5e-3, s.at(61), 1e-12);
        assertEquals(1e-5, s.at(110), 1e-12);
    }
}
