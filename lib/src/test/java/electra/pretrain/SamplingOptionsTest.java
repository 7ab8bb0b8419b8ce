package electra.pretrain;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;

import electra.TestModels;
import electra.config.PretrainOptions;
import electra.train.Pretrainer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generator variants that are options (temperature, disallow_correct) take effect in a run.
 * Every word of the data is token 5 and the generator's output bias gives 5 a lead of 12 nats, so
 * the generator is right and sure from step 1: T = 1 samples the original almost always, T -> 0
 * always, a hot T spreads the samples over the vocabulary, and disallow_correct never samples it.
 */
class SamplingOptionsTest {

    private static final int LEAD = 12;

    private static Sequences allFives() {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int[] s = new int[32];
            java.util.Arrays.fill(s, 5);
            s[0] = TestModels.SPECIALS.cls();
            s[31] = TestModels.SPECIALS.sep();
            out.add(s);
        }
        return Sequences.of(out);
    }

    /** Per-step metrics of 5 steps of micro ELECTRA with the sure generator. */
    private static List<Map<String, Double>> run(double temperature, boolean disallow) {
        PretrainOptions o = TestModels.options("electra", 5, 8, 32).withSampling(temperature, disallow, "gumbel");
        List<Map<String, Double>> rows = new ArrayList<>();
        try (Pretrainer p = new Pretrainer(TestModels.micro(), o, Objectives.byName("electra"), allFives(), TestModels.SPECIALS,
                Device.cpu(), true)) {
            NDArray bias = p.model().namedParameters().get("generator.generator_lm_head.bias").getArray();
            float[] b = new float[TestModels.SPECIALS.vocabSize()];
            b[5] = LEAD;
            bias.set(b);
            for (int s = 0; s < 5; s++) {
                rows.add(p.step().metrics());
            }
        }
        return rows;
    }

    private static double mean(List<Map<String, Double>> rows, String key) {
        return rows.stream().mapToDouble(m -> m.get(key)).average().orElseThrow();
    }

    @Test
    void disallowCorrectNeverSamplesTheOriginal() {
        List<Map<String, Double>> plain = run(1.0, false);
        List<Map<String, Double>> disallowed = run(1.0, true);
        assertEquals(1.0, mean(plain, "mlm_acc"), 1e-6);
        assertTrue(mean(plain, "sampled_mlm_acc") > 0.99, "T = 1 sampled " + mean(plain, "sampled_mlm_acc"));
        for (Map<String, Double> m : disallowed) {
            assertEquals(1.0, m.get("mlm_acc"), 1e-6);
            assertEquals(0.0, m.get("sampled_mlm_acc"), "disallow_correct sampled the original");
        }
    }

    @Test
    void temperatureReachesTheSampler() {
        assertEquals(1.0, mean(run(1e-3, false), "sampled_mlm_acc"), 1e-6);
        // T = 100: logits / T leave 5 a lead of 0.12, so it is drawn with p = e^0.12 / (63 + e^0.12), about 1.8%
        double hot = mean(run(100.0, false), "sampled_mlm_acc");
        assertTrue(hot < 0.08, "T = 100 sampled the original " + hot + " of the time");
    }
}
