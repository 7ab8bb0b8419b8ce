package electra.finetune;

import ai.djl.Device;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FineTunerTest {

    static final List<String> LABELS = List.of("absent", "present");

    /**
     * Random init, the official recipe (warmup, layer-wise decay 0.8, batch 32) with a higher rate for
     * a from-scratch micro model: learns "word 5 occurs" within 3 epochs.
     */
    @Test
    void learnsTheMarkerTaskFromRandom() {
        TaskData task = new TaskData("marker", LABELS, Fixtures.markerTask(384, 1), Fixtures.markerTask(128, 2), "accuracy");
        FineTuneOptions o = FineTuneOptions.official("tiny").withLearningRate(3e-3).withEpochs(3).withMaxLength(32);
        FineTuner tuner = new FineTuner(EncoderSource.random(Fixtures.micro()), task, Fixtures.TOY_ENCODER, o, Device.cpu());
        List<FineTuneResult.EpochRow> seen = new ArrayList<>();
        FineTuneResult r = tuner.run((row, total) -> seen.add(row));
        assertEquals(3, seen.size());
        FineTuneResult.EpochRow last = seen.get(2);
        assertTrue(last.devAccuracy() > 0.95, "dev accuracy " + seen);
        assertTrue(last.devMcc() > 0.9, "dev MCC " + seen);
        assertTrue(last.trainLoss() < 0.5 * seen.get(0).trainLoss(), "train loss " + seen);
        assertEquals(last.devAccuracy(), r.median());
        assertEquals(384, r.nTrain());
    }

    /** Sentence pairs: the label depends on which segment holds the marker, so segment ids must reach the model. */
    @Test
    void learnsWhichSegmentHoldsTheMarker() {
        TaskData task = new TaskData("pair", List.of("in-a", "in-b"), Fixtures.pairTask(512, 3), Fixtures.pairTask(128, 4), "mcc");
        FineTuneOptions o = FineTuneOptions.official("tiny").withLearningRate(3e-3).withEpochs(6).withMaxLength(32);
        FineTuneResult r = new FineTuner(EncoderSource.random(Fixtures.micro()), task, Fixtures.TOY_ENCODER, o, Device.cpu())
                .run(null);
        FineTuneResult.EpochRow last = r.epochs().get(r.epochs().size() - 1);
        assertTrue(last.devAccuracy() > 0.95, "dev " + r.epochs());
        assertEquals(last.devMcc(), r.median());
    }

    /**
     * A linear probe trains the classifier and leaves every encoder parameter bit-identical; the
     * backward pass never reaches the encoder, so its gradients stay zero without being cleared.
     */
    @Test
    void aProbeTrainsOnlyTheClassifier() {
        TaskData task = new TaskData("marker", LABELS, Fixtures.markerTask(64, 1), Fixtures.markerTask(32, 2), "accuracy");
        FineTuneOptions o = FineTuneOptions.official("tiny").withLearningRate(3e-3).withEpochs(1).withMaxLength(32)
                .withPooling(Pooling.MEAN).withProbe(true).withWeightDecay(0.01);
        EncoderSource source = EncoderSource.random(Fixtures.micro());
        java.util.Map<String, float[]> before = new java.util.LinkedHashMap<>();
        try (ElectraForSequenceClassification fresh = source.build(2, Pooling.MEAN, 0, Device.cpu(), 7)) {
            fresh.namedParameters().forEach((k, v) -> before.put(k, v.getArray().toFloatArray()));
        }
        List<String> changed = new ArrayList<>();
        List<String> withGradient = new ArrayList<>();
        new FineTuner(source, task, Fixtures.TOY_ENCODER, o, Device.cpu()).runSeed(7, null, (model, epoch) ->
                model.namedParameters().forEach((k, v) -> {
                    if (!java.util.Arrays.equals(before.get(k), v.getArray().toFloatArray())) {
                        changed.add(k);
                    }
                    if (!k.startsWith("classifier.") && v.getArray().getGradient().abs().sum().getFloat() != 0f) {
                        withGradient.add(k);
                    }
                }));
        assertEquals(List.of("classifier.weight", "classifier.bias"), changed);
        assertEquals(List.of(), withGradient);
    }

    @Test
    void pairsGetSegmentIds() {
        PackedIds p = Fixtures.TOY_ENCODER.encode("7 8", "9", 16);
        assertEquals(List.of(2, 7, 8, 3, 9, 3), java.util.Arrays.stream(p.ids()).boxed().toList());
        assertEquals(List.of(0, 0, 0, 0, 1, 1), java.util.Arrays.stream(p.segmentIds()).boxed().toList());
        List<FineTuner.Encoded> enc = FineTuner.encode(List.of(new LabeledText("7 8", "9", 1)), Fixtures.TOY_ENCODER, 16, 64, "t");
        assertEquals(1, enc.get(0).label());
    }

    @Test
    void aShortRunPerSeedWritesResultsAndEpochs(@TempDir Path dir) throws IOException {
        TaskData task = new TaskData("marker", LABELS, Fixtures.markerTask(64, 5), Fixtures.markerTask(32, 6), "mcc");
        FineTuneOptions o = FineTuneOptions.official("tiny").withEpochs(2).withMaxLength(32).withSeeds(3, 10);
        FineTuneResult r = new FineTuner(EncoderSource.random(Fixtures.micro()), task, Fixtures.TOY_ENCODER, o, Device.cpu())
                .run(null);
        assertEquals(List.of(10L, 11L, 12L), r.seeds().stream().map(FineTuneResult.SeedResult::seed).toList());
        r.write(dir);
        JsonObject json = JsonParser.parseString(Files.readString(dir.resolve("results.json"), StandardCharsets.UTF_8)).getAsJsonObject();
        for (String key : new String[] {"task", "metric", "median", "min", "max", "per_seed", "n_train", "n_dev"}) {
            assertTrue(json.has(key), key);
        }
        assertEquals("mcc", json.get("metric").getAsString());
        assertEquals(3, json.getAsJsonArray("per_seed").size());
        assertEquals(64, json.get("n_train").getAsInt());
        assertEquals(32, json.get("n_dev").getAsInt());
        double[] s = r.scores();
        java.util.Arrays.sort(s);
        assertEquals(Math.round(s[1] * 1e6) / 1e4, json.get("median").getAsDouble(), 1e-9);
        assertTrue(json.get("min").getAsDouble() <= json.get("median").getAsDouble());
        List<String> csv = Files.readAllLines(dir.resolve("epochs.csv"));
        assertEquals("seed,epoch,train_loss,dev_accuracy,dev_f1,dev_mcc,train_seconds", csv.get(0));
        assertEquals(1 + 3 * 2, csv.size());
        assertTrue(csv.get(1).startsWith("10,1,"));
    }

    /** Every array a step or an evaluation creates is freed with it: the model's manager holds as many after 3 epochs as after 1. */
    @Test
    void epochsLeakNoArrays() {
        TaskData task = new TaskData("marker", LABELS, Fixtures.markerTask(64, 5), Fixtures.markerTask(16, 6), "accuracy");
        FineTuneOptions o = FineTuneOptions.official("tiny").withEpochs(3).withMaxLength(32);
        FineTuner tuner = new FineTuner(EncoderSource.random(Fixtures.micro()), task, Fixtures.TOY_ENCODER, o, Device.cpu());
        List<Integer> counts = new ArrayList<>();
        tuner.runSeed(1, null, (model, epoch) -> counts.add(model.getManager().getManagedArrays().size()));
        assertEquals(3, counts.size());
        assertEquals(counts.get(0), counts.get(2), "arrays held after each epoch: " + counts);
    }

    @Test
    void medianOfAnEvenCount() {
        FineTuneResult r = new FineTuneResult("t", "accuracy", "random", 1, 1, FineTuneOptions.official("tiny"), List.of(
                new FineTuneResult.SeedResult(1, 0.5, List.of()), new FineTuneResult.SeedResult(2, 0.9, List.of()),
                new FineTuneResult.SeedResult(3, 0.7, List.of()), new FineTuneResult.SeedResult(4, 0.6, List.of())));
        assertEquals(0.65, r.median(), 1e-12);
        assertEquals(0.5, r.min());
        assertEquals(0.9, r.max());
    }

    /** Official schedule: 10% warmup of epochs x ceil(n / 32) steps. */
    @Test
    void stepsAndWarmup() {
        FineTuneOptions o = FineTuneOptions.official("small");
        assertEquals(3e-4, o.learningRate());
        assertEquals(1e-4, FineTuneOptions.official("base").learningRate());
        assertEquals(0.0, o.weightDecay());
        assertEquals(0.8, o.layerDecay());
        assertEquals(85, o.stepsPerEpoch(2700));
        assertEquals(255, o.totalSteps(2700));
        assertEquals(26, o.warmupSteps(2700));
    }
}
