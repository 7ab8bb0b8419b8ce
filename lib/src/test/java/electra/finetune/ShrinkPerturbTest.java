package electra.finetune;

import ai.djl.Device;

import electra.model.ElectraPretrainingModel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShrinkPerturbTest {

    @Test
    void eachLoadedWeightIsLambdaPretrainedPlusTheRestFresh(@TempDir Path dir) throws IOException {
        Map<String, float[]> pretrained = new LinkedHashMap<>();
        try (ElectraPretrainingModel original = Fixtures.pretrainingModel(Fixtures.micro(), 4)) {
            Fixtures.writeCheckpoint(original, dir, "electra");
            original.namedParameters().forEach((k, v) -> pretrained.put(k, v.getArray().toFloatArray()));
        }
        EncoderSource source = EncoderSource.open(dir.toString(), null);
        try (ElectraForSequenceClassification fresh = EncoderSource.random(source.config()).build(2, Device.cpu(), 9);
             ElectraForSequenceClassification quarter = source.build(2, Pooling.CLS, 0, 0.25, Device.cpu(), 9);
             ElectraForSequenceClassification none = source.build(2, Pooling.CLS, 0, 0.0, Device.cpu(), 9);
             ElectraForSequenceClassification all = source.build(2, Pooling.CLS, 0, 1.0, Device.cpu(), 9)) {
            int mixed = 0;
            for (String name : quarter.namedParameters().keySet()) {
                float[] f = fresh.namedParameters().get(name).getArray().toFloatArray();
                float[] q = quarter.namedParameters().get(name).getArray().toFloatArray();
                assertArrayEquals(f, none.namedParameters().get(name).getArray().toFloatArray(), 0f,
                        name + ": lambda 0 is random initialisation");
                if (name.startsWith("classifier.")) {
                    assertArrayEquals(f, q, 0f, name + ": the classifier is always fresh");
                    continue;
                }
                float[] p = pretrained.get(name.startsWith("electra.") ? "discriminator." + name : name);
                assertArrayEquals(p, all.namedParameters().get(name).getArray().toFloatArray(), 0f,
                        name + ": lambda 1 is the checkpoint");
                float[] expected = new float[p.length];
                for (int i = 0; i < p.length; i++) {
                    expected[i] = 0.25f * p[i] + 0.75f * f[i];
                }
                assertArrayEquals(expected, q, 1e-6f, name);
                if (!Arrays.equals(p, f)) {
                    assertFalse(Arrays.equals(p, q), name + ": moved off the checkpoint");
                    mixed++;
                }
            }
            // the fixture's checkpoint is an untrained model of another seed: its biases and LayerNorms
            // equal the fresh ones, its 3 embedding tables and 6 matrices per layer differ
            assertTrue(mixed >= 3 + 2 * 6, "the embeddings and both layers are mixed: " + mixed);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> source.build(2, Pooling.CLS, 0, 1.5, Device.cpu(), 9));
        assertEquals("shrink-and-perturb lambda 1.5: not in [0, 1]", e.getMessage());
    }

    @Test
    void reinitialisedLayersStayFresh(@TempDir Path dir) throws IOException {
        try (ElectraPretrainingModel original = Fixtures.pretrainingModel(Fixtures.micro(), 4)) {
            Fixtures.writeCheckpoint(original, dir, "electra");
        }
        EncoderSource source = EncoderSource.open(dir.toString(), null);
        try (ElectraForSequenceClassification fresh = EncoderSource.random(source.config()).build(2, Device.cpu(), 3);
             ElectraForSequenceClassification model = source.build(2, Pooling.CLS, 1, 0.5, Device.cpu(), 3)) {
            for (String name : model.namedParameters().keySet()) {
                if (name.startsWith("electra.encoder.layer.1.")) {
                    assertArrayEquals(fresh.namedParameters().get(name).getArray().toFloatArray(),
                            model.namedParameters().get(name).getArray().toFloatArray(), 0f, name);
                }
            }
        }
    }

    @Test
    void optionsRefuseALambdaOutsideZeroToOne() {
        FineTuneOptions o = FineTuneOptions.official("laptop");
        assertEquals(1.0, o.shrinkPerturb(), "the official recipe loads the checkpoint as it is");
        assertEquals(0.5, o.withShrinkPerturb(0.5).shrinkPerturb());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.withShrinkPerturb(-0.1));
        assertEquals("shrinkPerturb = -0.1: out of range", e.getMessage());
    }
}
