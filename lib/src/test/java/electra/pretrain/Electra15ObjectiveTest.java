package electra.pretrain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class Electra15ObjectiveTest {

    private static double sp(double x) {
        return Math.log1p(Math.exp(x));
    }

    @Test
    void weightsAreOneExactlyAtRealMaskedPositions() {
        try (NDManager m = NDManager.newBaseManager()) {
            // row 1 has a padding slot pointing at position 0 with weight 0, as Masking writes them
            NDArray positions = m.create(new int[][] {{1, 3, 4}, {2, 0, 0}});
            NDArray weights = m.create(new float[][] {{1, 1, 1}, {1, 0, 0}});
            NDArray w = Electra15Objective.maskedPositionWeights(positions, weights, 6);
            assertArrayEquals(new float[] {0, 1, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0}, w.toFloatArray());
        }
    }

    @Test
    void lossCoversOnlyMaskedPositionsAndIgnoresLogitsElsewhere() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray positions = m.create(new int[][] {{1, 3}, {2, 0}});
            NDArray slotWeights = m.create(new float[][] {{1, 1}, {1, 0}});
            NDArray labels = m.create(new float[][] {{0, 1, 0, 0, 0}, {0, 0, 1, 0, 0}});
            NDArray w = Electra15Objective.maskedPositionWeights(positions, slotWeights, 5);
            NDArray logits = m.create(new float[][] {{4f, -1f, 2f, 0.5f, 3f}, {-2f, 1f, 2f, -3f, 0f}});
            // hand-computed: masked are (0,1) label 1, (0,3) label 0, (1,2) label 1
            double expected = (sp(1) + sp(0.5) + sp(-2)) / 3;
            assertEquals(expected, ReplacedTokenDetection.loss(logits, labels, w).getFloat(), 1e-5);
            // changing every logit outside the masked positions leaves the loss as it was
            NDArray unmasked = w.neg().add(1f);
            NDArray changed = logits.add(unmasked.mul(m.create(new float[][] {{50, 0, -7, 0, 9}, {3, -40, 0, 11, 2}})));
            assertEquals(expected, ReplacedTokenDetection.loss(changed, labels, w).getFloat(), 1e-5);
            // while ELECTRA's all-token loss does change
            NDArray all = m.ones(labels.getShape());
            assertNotClose(ReplacedTokenDetection.loss(logits, labels, all).getFloat(),
                    ReplacedTokenDetection.loss(changed, labels, all).getFloat());
        }
    }

    private static void assertNotClose(float a, float b) {
        org.junit.jupiter.api.Assertions.assertTrue(Math.abs(a - b) > 1e-2, a + " vs " + b);
    }
}
