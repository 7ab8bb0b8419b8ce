package electra.pretrain;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CopyMechanismTest {

    private static final int V = 6;

    /** The mixture computed densely in doubles: D x onehot(input) + (1 - D) x softmax. */
    private static double[] dense(double c, double[] logits, int input) {
        double d = 1 / (1 + Math.exp(-c));
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logits) {
            max = Math.max(max, l);
        }
        double z = 0;
        for (double l : logits) {
            z += Math.exp(l - max);
        }
        double[] p = new double[logits.length];
        for (int t = 0; t < logits.length; t++) {
            p[t] = (1 - d) * Math.exp(logits[t] - max) / z + (t == input ? d : 0);
        }
        return p;
    }

    @Test
    void logProbMatchesTheDenseMixtureAndSumsToOneOverTheVocabulary() {
        float[] c = {1.5f, -0.7f, 0f, 3f};
        float[][] logits = {{0.1f, 2f, -1f, 0.3f, 0.3f, 1f}, {5f, -2f, 0f, 0f, 1f, -3f},
                            {0f, 0f, 0f, 0f, 0f, 0f}, {-1f, 4f, 2f, 2f, -5f, 0.5f}};
        int[] input = {1, 4, 0, 5};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray copy = m.create(c).reshape(1, 4);
            NDArray l = m.create(logits).reshape(1, 4, V);
            NDArray in = m.create(input).reshape(1, 4);
            double[] sums = new double[4];
            for (int target = 0; target < V; target++) {
                NDArray t = m.full(new Shape(1, 4), target, DataType.INT32);
                float[] logP = CopyMechanism.logProb(copy, l, in, t).toFloatArray();
                for (int k = 0; k < 4; k++) {
                    double[] p = dense(c[k], toDouble(logits[k]), input[k]);
                    assertEquals(Math.log(p[target]), logP[k], 1e-5, "token " + k + " target " + target);
                    sums[k] += Math.exp(logP[k]);
                }
            }
            for (int k = 0; k < 4; k++) {
                assertEquals(1.0, sums[k], 1e-5, "token " + k);
            }
        }
    }

    @Test
    void lossIsTheMeanNllOverRealTokens() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray copy = m.create(new float[] {2f, -1f, 0.5f}).reshape(1, 3);
            NDArray l = m.create(new float[] {0, 1, 2, 0, 0, 0, 3, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0}).reshape(1, 3, V);
            NDArray in = m.create(new int[] {2, 5, 1}).reshape(1, 3);
            NDArray orig = m.create(new int[] {2, 0, 1}).reshape(1, 3);   // token 1 was replaced (5 for 0)
            NDArray real = m.create(new int[] {1, 1, 0}).reshape(1, 3);    // token 2 is padding
            double p0 = dense(2, new double[] {0, 1, 2, 0, 0, 0}, 2)[2];
            double p1 = dense(-1, new double[] {3, 0, 0, 1, 1, 1}, 5)[0];
            double expected = -(Math.log(p0) + Math.log(p1)) / 2;
            assertEquals(expected, CopyMechanism.loss(CopyMechanism.logProb(copy, l, in, orig), real).getFloat(), 1e-5);
        }
    }

    @Test
    void finiteWithGradientsAtExtremeLogits() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray copy = m.create(new float[] {80f, -80f, 80f, -80f}).reshape(1, 4);
            NDArray l = m.create(new float[][] {{100, -100, 0, 0, 0, 0}, {100, -100, 0, 0, 0, 0},
                                                 {-100, 100, 0, 0, 0, 0}, {-100, 100, 0, 0, 0, 0}}).reshape(1, 4, V);
            NDArray in = m.create(new int[] {1, 1, 2, 3}).reshape(1, 4);
            NDArray orig = m.create(new int[] {1, 1, 0, 0}).reshape(1, 4);
            copy.setRequiresGradient(true);
            l.setRequiresGradient(true);
            NDArray loss;
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                loss = CopyMechanism.loss(CopyMechanism.logProb(copy, l, in, orig), m.ones(new Shape(1, 4)));
                gc.backward(loss);
            }
            assertTrue(Float.isFinite(loss.getFloat()), "loss " + loss.getFloat());
            for (float g : copy.getGradient().toFloatArray()) {
                assertTrue(Float.isFinite(g));
            }
            for (float g : l.getGradient().toFloatArray()) {
                assertTrue(Float.isFinite(g));
            }
        }
    }

    @Test
    void predictionIsTheMixturesArgmax() {
        try (NDManager m = NDManager.newBaseManager()) {
            // token 0: gate open, copies 3 although the softmax prefers 1; token 1: gate shut, softmax's 1 wins
            NDArray copy = m.create(new float[] {3f, -3f}).reshape(1, 2);
            NDArray l = m.create(new float[] {0, 2, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0}).reshape(1, 2, V);
            NDArray in = m.create(new int[] {3, 3}).reshape(1, 2);
            assertArrayEquals(new int[] {3, 1}, CopyMechanism.predict(copy, l, in).toIntArray());
        }
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
