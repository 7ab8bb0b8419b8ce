package electra.pretrain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * ELECTRA 15% (Table 5): ELECTRA with the discriminator loss computed only over the ~15% of
 * tokens that were masked (and then replaced or, when the generator guessed right, left as the
 * original). The input and the generator are unchanged, so the gap to ELECTRA measures how much
 * comes from learning on every token rather than on the masked subset.
 */
public final class Electra15Objective extends ElectraObjective {

    @Override
    public String name() {
        return "electra-15";
    }

    /** 1 at the real masked positions, 0 elsewhere (B, S). */
    @Override
    protected NDArray discriminatorWeights(MaskedBatch.Arrays b) {
        return maskedPositionWeights(b.maskedLmPositions(), b.maskedLmWeights(), b.inputMask().getShape().get(1));
    }

    /**
     * Spreads the (B, P) slot weights onto the (B, S) sequence. Built by comparing each slot's
     * position with every sequence index and taking the max over slots, not by a scatter: padding
     * slots all point at position 0 with weight 0, and a scatter with duplicate indices keeps an
     * unspecified one of the written values. (B, P, S) is small (P ~ 0.15 S).
     *
     * @param positions (B, P) int
     * @param weights (B, P) float, 1 real slot, 0 padding slot
     * @param seq S
     * @return (B, S) float32 in {0, 1}
     */
    static NDArray maskedPositionWeights(NDArray positions, NDArray weights, long seq) {
        NDArray index = positions.getManager().arange(0, (int) seq, 1, DataType.INT32, positions.getDevice()).reshape(1, 1, seq);
        NDArray hit = positions.toType(DataType.INT32, false).expandDims(2).eq(index).toType(DataType.FLOAT32, false);
        return hit.mul(weights.toType(DataType.FLOAT32, false).expandDims(2)).max(new int[] {1});
    }
}
