package electra.pretrain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ReplacedTokenDetectionTest {

    @Test
    void labelsMarkOnlyTokensThatChanged() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray input = m.create(new int[][] {{2, 10, 11, 12, 3, 0}, {2, 20, 21, 3, 0, 0}});
            // row 0: position 1 sampled 10 (== original), position 3 sampled 40; row 1: position 2 sampled 50, one pad slot
            NDArray positions = m.create(new int[][] {{1, 3}, {2, 0}});
            NDArray sampled = m.create(new int[][] {{10, 40}, {50, 99}});
            NDArray weights = m.create(new float[][] {{1, 1}, {1, 0}});
            ReplacedTokenDetection.FakeData fake = ReplacedTokenDetection.fakeData(input, sampled, positions, weights);
            assertArrayEquals(new int[] {2, 10, 11, 40, 3, 0, 2, 20, 50, 3, 0, 0}, fake.inputIds().toIntArray());
            // the correct sample at row 0 position 1 counts as original
            assertArrayEquals(new float[] {0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0}, fake.labels().toFloatArray());
        }
    }

    @Test
    void discriminatorLossOnAHandComputedExample() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new float[][] {{2f, -1f, 0f, 3f}, {0.5f, -2f, 1f, 9f}});
            NDArray labels = m.create(new float[][] {{1, 0, 1, 0}, {0, 0, 1, 1}});
            NDArray mask = m.create(new int[][] {{1, 1, 1, 1}, {1, 1, 1, 0}});
            // -log s(2) + -log(1-s(-1)) + -log s(0) + -log(1-s(3)) + -log(1-s(.5)) + -log(1-s(-2)) + -log s(1); last is padding
            double expected = (sp(-2) + sp(-1) + sp(0) + sp(3) + sp(0.5) + sp(-2) + sp(-1)) / 7;
            assertEquals(expected, ReplacedTokenDetection.loss(logits, labels, mask).getFloat(), 1e-5);
        }
    }

    private static double sp(double x) {
        return Math.log1p(Math.exp(x));
    }

    @Test
    void jointLossIsMlmPlus50TimesDisc() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray mlm = m.create(2.5f);
            NDArray disc = m.create(0.3f);
            assertEquals(2.5 + 50 * 0.3, JointLoss.of(mlm, disc, JointLoss.GEN_WEIGHT, JointLoss.DISC_WEIGHT).getFloat(), 1e-4);
        }
    }

    @Test
    void maskedLmLossIsWeightedNll() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new float[] {1, 2, 3, 0, 0, 0}).reshape(1, 2, 3);
            NDArray labels = m.create(new int[][] {{2, 1}});
            double lse = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
            NDArray onlyFirst = m.create(new float[][] {{1, 0}});
            assertEquals(lse - 3, MaskedLm.loss(logits, labels, onlyFirst).getFloat(), 1e-5);
            NDArray both = m.create(new float[][] {{1, 1}});
            assertEquals((lse - 3 + Math.log(3)) / 2, MaskedLm.loss(logits, labels, both).getFloat(), 1e-5);
            assertEquals(0.5, MaskedLm.accuracy(logits.argMax(-1), labels, both).getFloat(), 1e-5);
        }
    }

    @Test
    void aucByRankSum() {
        float[] scores = {0.1f, 0.4f, 0.35f, 0.8f};
        float[] labels = {0, 0, 1, 1};
        assertEquals(0.75, PretrainMetrics.auc(scores, labels, new float[] {1, 1, 1, 1}), 1e-9);
        assertEquals(1.0, PretrainMetrics.auc(scores, labels, new float[] {1, 0, 1, 1}), 1e-9);
    }
}
