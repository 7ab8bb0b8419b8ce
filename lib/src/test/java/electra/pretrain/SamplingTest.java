package electra.pretrain;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SamplingTest {

    private static final float[] LOGITS = {2.0f, 1.0f, 0.0f, -1.0f, 0.5f};

    /** Chi-square statistic of {@code n} draws against softmax(logits / t). */
    private static double chiSquare(int[] draws, float[] logits, double t) {
        double[] p = new double[logits.length];
        double z = 0;
        for (int i = 0; i < logits.length; i++) {
            p[i] = Math.exp(logits[i] / t);
            z += p[i];
        }
        int[] counts = new int[logits.length];
        for (int d : draws) {
            counts[d]++;
        }
        double chi = 0;
        for (int i = 0; i < logits.length; i++) {
            double expected = draws.length * p[i] / z;
            chi += (counts[i] - expected) * (counts[i] - expected) / expected;
        }
        return chi;
    }

    private static int[] draw(NDManager m, String kind, double t) {
        NDArray logits = m.create(LOGITS).reshape(1, 1, 5).repeat(1, 20000);
        NDArray s = kind.equals("gumbel") ? Sampling.gumbelMax(logits, t, null) : Sampling.multinomial(logits, t, null);
        assertEquals(new Shape(1, 20000), s.getShape());
        return s.toIntArray();
    }

    @Test
    void gumbelMaxAndMultinomialMatchSoftmax() {
        Engine.getEngine("PyTorch").setRandomSeed(42);
        try (NDManager m = NDManager.newBaseManager()) {
            // 4 degrees of freedom: 18.47 is the 0.999 quantile
            assertTrue(chiSquare(draw(m, "gumbel", 1.0), LOGITS, 1.0) < 18.47);
            assertTrue(chiSquare(draw(m, "multinomial", 1.0), LOGITS, 1.0) < 18.47);
            assertTrue(chiSquare(draw(m, "gumbel", 2.0), LOGITS, 2.0) < 18.47);
            // and a wrong temperature is detected
            assertTrue(chiSquare(draw(m, "gumbel", 2.0), LOGITS, 1.0) > 100);
        }
    }

    @Test
    void disallowCorrectNeverDrawsTheOriginal() {
        Engine.getEngine("PyTorch").setRandomSeed(1);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new float[] {10f, 0f, 0f, 0f}).reshape(1, 1, 4).repeat(1, 5000);
            NDArray original = m.zeros(new Shape(1, 5000), ai.djl.ndarray.types.DataType.INT32);
            for (int id : Sampling.gumbelMax(logits, 1.0, original).toIntArray()) {
                assertTrue(id != 0);
            }
            boolean sawZero = false;
            for (int id : Sampling.gumbelMax(logits, 1.0, null).toIntArray()) {
                sawZero |= id == 0;
            }
            assertTrue(sawZero);
        }
    }

    @Test
    void noGradientReachesTheGeneratorThroughTheSample() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(LOGITS).reshape(1, 1, 5);
            logits.setRequiresGradient(true);
            try (var gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray sampled = Sampling.gumbelMax(logits.mul(3f), 1.0, null);
                assertFalse(sampled.hasGradient());
                // any loss built from the sample alone cannot reach the logits
                NDArray lossFromSample = sampled.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).sum();
                NDArray lossFromLogits = logits.sum().mul(0f);
                gc.backward(lossFromSample.add(lossFromLogits));
            }
            for (float g : logits.getGradient().toFloatArray()) {
                assertEquals(0f, g);
            }
        }
    }
}
