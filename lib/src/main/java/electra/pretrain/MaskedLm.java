package electra.pretrain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** The masked-language-model loss and accuracy (official {@code _get_masked_lm_output}). */
public final class MaskedLm {
    private MaskedLm() {}

    /**
     * Weighted mean negative log-likelihood of the original ids, without building a one-hot.
     *
     * @param logits (B, P, V)
     * @param labels (B, P) int original ids
     * @param weights (B, P) float, 0 for padding slots
     * @return scalar
     */
    public static NDArray loss(NDArray logits, NDArray labels, NDArray weights) {
        NDArray logProbs = logits.logSoftmax(-1);
        NDArray labelLogProbs = logProbs.gather(labels.toType(DataType.INT64, false).expandDims(-1), -1).squeeze(-1);
        return labelLogProbs.neg().mul(weights).sum().div(weights.sum().add(1e-6f));
    }

    /** Weighted share of positions where {@code predicted == labels}: (B, P) ids each. */
    public static NDArray accuracy(NDArray predicted, NDArray labels, NDArray weights) {
        NDArray hit = predicted.toType(DataType.INT32, false).eq(labels.toType(DataType.INT32, false))
                .toType(DataType.FLOAT32, false);
        return hit.mul(weights).sum().div(weights.sum().add(1e-6f));
    }
}
