package electra.finetune;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PoolingTest {

    @Test
    void meanPoolingAveragesOnlyTheRealTokens() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            // (B=2, S=3, H=2); the second example has one real token, the first two
            NDArray hidden = m.create(new float[] {1, 2, 3, 4, 100, 100, 5, 6, 100, 100, 100, 100}, new Shape(2, 3, 2));
            NDArray mask = m.create(new int[] {1, 1, 0, 1, 0, 0}, new Shape(2, 3));
            float[] mean = ElectraForSequenceClassification.meanOverTokens(hidden, mask).toFloatArray();
            assertArrayEquals(new float[] {2, 3, 5, 6}, mean, 1e-6f);
        }
    }

    @Test
    void padMakesNoDifferenceToEitherPooling() {
        for (Pooling pooling : Pooling.values()) {
            try (ElectraForSequenceClassification model = ElectraForSequenceClassification.create(
                    Fixtures.micro(), 2, pooling, Device.cpu(), 3);
                 NDManager sm = model.newStepManager()) {
                List<FineTuner.Encoded> examples = FineTuner.encode(Fixtures.markerTask(4, 2), Fixtures.TOY_ENCODER, 32, 64, "t");
                FineTuner.Encoded shortest = examples.stream().min((a, b) -> a.ids().length - b.ids().length).orElseThrow();
                FineTuner.Encoded longest = examples.stream().max((a, b) -> a.ids().length - b.ids().length).orElseThrow();
                assertTrue(longest.ids().length > shortest.ids().length, "the fixture has sentences of two lengths");
                FineTuner.Arrays alone = FineTuner.arrays(sm, List.of(shortest), 2);
                FineTuner.Arrays padded = FineTuner.arrays(sm, List.of(shortest, longest), 2);
                float[] a = model.logits(alone.ids(), alone.segments(), alone.mask(), false).toFloatArray();
                float[] b = model.logits(padded.ids(), padded.segments(), padded.mask(), false).get(0).toFloatArray();
                assertArrayEquals(a, b, 1e-5f, pooling + ": padded or not, the same logits");
            }
        }
    }

    @Test
    void thePoolingsReadDifferentStates() {
        float[][] logits = new float[2][];
        for (Pooling pooling : Pooling.values()) {
            try (ElectraForSequenceClassification model = ElectraForSequenceClassification.create(
                    Fixtures.micro(), 2, pooling, Device.cpu(), 3);
                 NDManager sm = model.newStepManager()) {
                FineTuner.Arrays a = FineTuner.arrays(sm,
                        FineTuner.encode(Fixtures.markerTask(2, 2), Fixtures.TOY_ENCODER, 32, 64, "t"), 2);
                logits[pooling.ordinal()] = model.logits(a.ids(), a.segments(), a.mask(), false).toFloatArray();
            }
        }
        assertTrue(Math.abs(logits[0][0] - logits[1][0]) > 1e-6, "same seed, same weights, another pooled vector");
    }

    @Test
    void anUnknownPoolingNamesTheKnownOnes() {
        assertEquals(Pooling.MEAN, Pooling.of("Mean"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pooling.of("max"));
        assertEquals("pooling 'max': use cls (the official) or mean", e.getMessage());
    }

    @Test
    void theOfficialRecipeReadsCls() {
        assertEquals(Pooling.CLS, FineTuneOptions.official("small").pooling());
        assertEquals(Pooling.MEAN, FineTuneOptions.official("small").withPooling(Pooling.MEAN).withSeeds(2, 1).pooling());
    }
}
