package electra.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class AdamWeightDecayTest {

    /** Two steps of the official update (no bias correction, decoupled decay, clipping) by hand. */
    @Test
    void matchesTheOfficialFormula() {
        twoStepsByHand(false);
    }

    /** The same with standard Adam's bias correction: the Adam term's rate times sqrt(1 - b2^t) / (1 - b1^t). */
    @Test
    void biasCorrectionScalesTheAdamTermOnly() {
        twoStepsByHand(true);
    }

    private static void twoStepsByHand(boolean biasCorrection) {
        try (NDManager root = NDManager.newBaseManager()) {
            Map<String, Parameter> params = new LinkedHashMap<>();
            Parameter w = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
            Parameter b = Parameter.builder().setName("dense.bias").setType(Parameter.Type.BIAS).build();
            w.setArray(root.create(new float[] {1f, -2f}));
            b.setArray(root.create(new float[] {0.5f, 0.5f}));
            params.put("w", w);
            params.put("dense.bias", b);
            params.values().forEach(p -> p.getArray().setRequiresGradient(true));
            try (AdamWeightDecay opt = new AdamWeightDecay(root, 0.01, name -> 1.0, biasCorrection)) {
                double[] wv = {1, -2};
                double[] bv = {0.5, 0.5};
                double[] mw = new double[2], vw = new double[2], mb = new double[2], vb = new double[2];
                for (int step = 0; step < 2; step++) {
                    try (NDManager sm = root.newSubManager()) {
                        w.getArray().tempAttach(sm);
                        b.getArray().tempAttach(sm);
                        try (var gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                            // loss = 3 w0 + w1^2 + 4 b0 + b1: gradients (3, 2 w1) and (4, 1)
                            NDArray x = w.getArray();
                            NDArray loss = x.get(0).mul(sm.create(3f)).add(x.get(1).square())
                                    .add(b.getArray().get(0).mul(sm.create(4f))).add(b.getArray().get(1));
                            gc.backward(loss);
                        }
                        double[] gw = {3, 2 * wv[1]};
                        double[] gb = {4, 1};
                        double norm = Math.sqrt(gw[0] * gw[0] + gw[1] * gw[1] + gb[0] * gb[0] + gb[1] * gb[1]);
                        float got = AdamWeightDecay.globalNorm(params);
                        assertEquals(norm, got, 1e-4);
                        double clip = norm > 1.0 ? 1.0 / got : 1.0;
                        double lr = 0.1;
                        opt.update(params, lr, 1.0, got);
                        int t = step + 1;
                        double c = biasCorrection ? Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t)) : 1.0;
                        for (int i = 0; i < 2; i++) {
                            double g = gw[i] * clip;
                            mw[i] = 0.9 * mw[i] + 0.1 * g;
                            vw[i] = 0.999 * vw[i] + 0.001 * g * g;
                            wv[i] -= lr * (c * mw[i] / (Math.sqrt(vw[i]) + 1e-6) + 0.01 * wv[i]);
                            double h = gb[i] * clip;
                            mb[i] = 0.9 * mb[i] + 0.1 * h;
                            vb[i] = 0.999 * vb[i] + 0.001 * h * h;
                            bv[i] -= lr * c * (mb[i] / (Math.sqrt(vb[i]) + 1e-6)); // biases are not decayed
                        }
                        assertArrayEquals(new float[] {0, 0}, w.getArray().getGradient().toFloatArray(), "gradient zeroed");
                    }
                    assertArrayEquals(new float[] {(float) wv[0], (float) wv[1]}, w.getArray().toFloatArray(), 1e-5f);
                    assertArrayEquals(new float[] {(float) bv[0], (float) bv[1]}, b.getArray().toFloatArray(), 1e-5f);
                }
            }
        }
    }
}
