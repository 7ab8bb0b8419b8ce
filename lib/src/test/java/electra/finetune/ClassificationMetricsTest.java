package electra.finetune;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClassificationMetricsTest {

    @Test
    void binaryAccuracyF1AndMcc() {
        // TP 2, FN 1, FP 1, TN 2
        ClassificationMetrics m = ClassificationMetrics.of(new int[] {1, 0, 1, 0, 0, 1}, new int[] {1, 1, 1, 0, 0, 0}, 2);
        assertEquals(4.0 / 6, m.accuracy(), 1e-12);
        assertEquals(2.0 * 2 / (2 * 2 + 1 + 1), m.f1(), 1e-12);
        assertEquals((2.0 * 2 - 1.0 * 1) / Math.sqrt(3.0 * 3 * 3 * 3), m.mcc(), 1e-12);
        assertEquals(m.mcc(), m.get("mcc"));
    }

    @Test
    void perfectInvertedAndConstantPredictions() {
        int[] gold = {0, 1, 1, 0, 1};
        assertEquals(1.0, ClassificationMetrics.of(gold, gold, 2).mcc(), 1e-12);
        assertEquals(-1.0, ClassificationMetrics.of(new int[] {1, 0, 0, 1, 0}, gold, 2).mcc(), 1e-12);
        ClassificationMetrics constant = ClassificationMetrics.of(new int[] {1, 1, 1, 1, 1}, gold, 2);
        assertEquals(0.0, constant.mcc());
        assertEquals(0.6, constant.accuracy(), 1e-12);
        assertEquals(0.75, constant.f1(), 1e-12);
        assertEquals(0.0, ClassificationMetrics.of(new int[] {0, 0, 0, 0, 0}, gold, 2).f1());
    }

    /** R_K = (c s - sum t_k p_k) / sqrt(s^2 - sum p_k^2) / sqrt(s^2 - sum t_k^2), worked by hand. */
    @Test
    void multiClassMccIsGorodkinsRk() {
        ClassificationMetrics m = ClassificationMetrics.of(new int[] {0, 2, 1, 0, 0, 1}, new int[] {0, 1, 2, 0, 1, 2}, 3);
        // c = 2 correct, s = 6; t = (2,2,2), p = (3,2,1): (2*6 - 12) / sqrt(36 - 14) / sqrt(36 - 12) = 0
        assertEquals(0.0, m.mcc(), 1e-12);
        ClassificationMetrics n = ClassificationMetrics.of(new int[] {1, 2, 0, 1, 2, 0}, new int[] {0, 1, 2, 0, 1, 2}, 3);
        // c = 0, t = (2,2,2), p = (2,2,2): (0 - 12) / sqrt(36 - 12) / sqrt(36 - 12) = -0.5
        assertEquals(-0.5, n.mcc(), 1e-12);
        assertEquals(0.0, n.accuracy(), 1e-12);
    }
}
