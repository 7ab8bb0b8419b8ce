package electra.pretrain;

import ai.djl.Device;

import electra.TestModels;
import electra.config.PretrainOptions;
import electra.train.Pretrainer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every registered objective trains on the micro model: finite loss that falls within 60 steps. */
class ObjectiveSmokeTest {

    static List<String> objectives() {
        return Objectives.names();
    }

    @ParameterizedTest
    @MethodSource("objectives")
    void lossIsFiniteAndFalls(String name) {
        Sequences data = TestModels.randomSequences(8, 32, 11);
        PretrainOptions o = TestModels.options(name, 60, 8, 32).withLearningRate(2e-3).withWarmupSteps(6);
        Objective objective = Objectives.byName(name, () -> TokenCounts.of(data, TestModels.SPECIALS.vocabSize()));
        double first = 0;
        double last = 0;
        int skipped = 0;
        long start = System.nanoTime();
        try (Pretrainer p = new Pretrainer(TestModels.micro(), o, objective, data, TestModels.SPECIALS, Device.cpu(), true)) {
            for (int s = 0; s < 60; s++) {
                Pretrainer.StepRecord r = p.step();
                double loss = r.metrics().get("loss");
                skipped += r.skipped() ? 1 : 0;
                if (!r.skipped()) {
                    assertTrue(Double.isFinite(loss), name + ": loss " + loss + " at step " + r.step());
                }
                if (s < 10) {
                    first += loss / 10;
                } else if (s >= 50) {
                    last += loss / 10;
                }
            }
        }
        System.out.printf("%s: mean loss steps 1-10 %.4f, 51-60 %.4f, skipped %d, %.1f s%n",
                name, first, last, skipped, (System.nanoTime() - start) / 1e9);
        assertTrue(skipped <= 3, name + ": " + skipped + " non-finite steps skipped");
        assertTrue(last < 0.9 * first, name + ": mean loss went from " + first + " (steps 1-10) only to " + last + " (51-60)");
    }
}
