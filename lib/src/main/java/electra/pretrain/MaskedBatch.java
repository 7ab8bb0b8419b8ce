package electra.pretrain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * A batch after {@link Masking}: the inputs with [MASK] substituted, and for each sequence up to
 * P = maxPredictions chosen positions, their original ids, and weights (1 real, 0 padding slot).
 * Padding slots point at position 0 with id 0 and weight 0, as in the official code.
 */
public record MaskedBatch(TokenBatch original, int[][] maskedInputIds, int[][] maskedLmPositions,
                          int[][] maskedLmIds, float[][] maskedLmWeights) {

    /** The batch's arrays on the device of {@code manager}. */
    public Arrays toDevice(NDManager manager) {
        return new Arrays(
                manager.create(original.inputIds()),
                manager.create(original.inputMask()),
                manager.create(original.segmentIds()),
                manager.create(maskedInputIds),
                manager.create(maskedLmPositions),
                manager.create(maskedLmIds),
                manager.create(maskedLmWeights));
    }

    /** Device arrays: all (B, S) or (B, P); ids int32, weights float32. */
    public record Arrays(NDArray inputIds, NDArray inputMask, NDArray segmentIds, NDArray maskedInputIds,
                         NDArray maskedLmPositions, NDArray maskedLmIds, NDArray maskedLmWeights) {}

    public int maxPredictions() {
        return maskedLmPositions[0].length;
    }

    /** Number of masked positions (weight 1) in sequence {@code i}. */
    public int maskedCount(int i) {
        int n = 0;
        for (float w : maskedLmWeights[i]) {
            n += w > 0 ? 1 : 0;
        }
        return n;
    }
}
