package electra.pretrain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BaseRateTest {

    @Test
    void entropyOfKnownRates() {
        assertEquals(Math.log(2), PretrainMetrics.baseRateEntropy(0.5), 1e-12);
        assertEquals(0.0, PretrainMetrics.baseRateEntropy(0.0));
        assertEquals(0.0, PretrainMetrics.baseRateEntropy(1.0));
        double p = 0.15;
        assertEquals(-p * Math.log(p) - (1 - p) * Math.log(1 - p), PretrainMetrics.baseRateEntropy(p), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> PretrainMetrics.baseRateEntropy(1.5));
    }

    /** The base rate is the best constant prediction: any other constant q has a larger cross-entropy. */
    @Test
    void entropyIsTheBestConstantLoss() {
        double p = 0.13;
        double h = PretrainMetrics.baseRateEntropy(p);
        for (double q : new double[] {0.05, 0.1, 0.2, 0.5}) {
            double ce = -p * Math.log(q) - (1 - p) * Math.log(1 - q);
            assertTrue(ce > h, "q = " + q);
        }
    }

    @Test
    void replacedShareCountsWeightedTokensOnly() {
        float[] labels = {1, 0, 0, 1, 1};
        float[] weights = {1, 1, 1, 1, 0};
        assertEquals(0.5, PretrainMetrics.replacedShare(labels, weights), 1e-12);
        assertTrue(Double.isNaN(PretrainMetrics.replacedShare(new float[] {1}, new float[] {0})));
    }
}
