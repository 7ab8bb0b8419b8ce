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

    /** The RTD machinery can learn: a micro model memorises one batch under ever-new masks. */
    @Test
    void overfitsOneFixedBatch() {
        Sequences batch = TestModels.randomSequences(8, 32, 11);
        PretrainOptions o = TestModels.options("electra", 300, 8, 32).withLearningRate(2e-3).withWarmupSteps(10);
        try (Pretrainer p = pretrainer("electra", o, batch)) {
            double first = p.step().metrics().get("loss");
            double last = 0;
            for (int i = 1; i < 300; i++) {
                last = p.step().metrics().get("loss");
            }
            Map<String, Double> eval = p.evaluate(batch, 1);
            assertTrue(last < 0.1 * first, "joint loss fell from " + first + " only to " + last);
            assertTrue(eval.get("disc_recall") > 0.9, "disc recall " + eval.get("disc_recall"));
            assertTrue(eval.get("disc_auc") > 0.95, "disc auc " + eval.get("disc_auc"));
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
