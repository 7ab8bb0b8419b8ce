package electra.finetune;

import ai.djl.Device;

import electra.config.ElectraConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Not a test but a measurement, run on demand:
 * {@code mvn -o test -Dtest=FineTuneBenchmarkTest -Delectra.bench=true}: one epoch of 2,700
 * sentences of exactly 64 tokens with the tiny preset (vocabulary 30,522), batch 32, from random.
 */
@EnabledIfSystemProperty(named = "electra.bench", matches = "true")
class FineTuneBenchmarkTest {

    @Test
    void oneEpochOfTwoThousandSevenHundredSentencesAtSeq64() {
        SplittableRandom r = new SplittableRandom(1);
        List<LabeledText> train = new ArrayList<>();
        for (int i = 0; i < 2700; i++) {
            int[] w = new int[62]; // + [CLS] and [SEP] = 64
            for (int t = 0; t < w.length; t++) {
                w[t] = 1000 + r.nextInt(29000);
            }
            train.add(new LabeledText(Fixtures.text(w), null, r.nextInt(2)));
        }
        TaskData task = new TaskData("bench", List.of("a", "b"), train, train.subList(0, 872), "accuracy");
        FineTuneOptions o = FineTuneOptions.official("tiny").withEpochs(1).withMaxLength(64);
        FineTuner tuner = new FineTuner(EncoderSource.random(ElectraConfig.tiny()), task, Fixtures.TOY_ENCODER, o, Device.cpu());
        long t0 = System.nanoTime();
        FineTuneResult result = tuner.run(null);
        double total = (System.nanoTime() - t0) / 1e9;
        FineTuneResult.EpochRow row = result.epochs().get(0);
        System.out.printf(Locale.ROOT, "BENCH tiny: 1 epoch of 2700 x 64 tokens (%d steps of 32): train %.1f s (%.0f ms/step),"
                        + " dev eval of 872 + model build %.1f s, threads=%s%n", o.stepsPerEpoch(2700), row.trainSeconds(),
                1000 * row.trainSeconds() / o.stepsPerEpoch(2700), total - row.trainSeconds(),
                System.getProperty("ai.djl.pytorch.num_threads", System.getenv("OMP_NUM_THREADS")));
    }
}
