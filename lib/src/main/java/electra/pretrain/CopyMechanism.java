package electra.pretrain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;

/**
 * The copy mechanism of All-Tokens MLM (Table 5): for every input token a sigmoid gate
 * D = p(copy) mixes a point mass on the input token with the MLM softmax,
 * p(t) = D x [t == input] + (1 - D) x softmax(logits)_t.
 *
 * <p>Only log p(target) is ever needed, so no (B, S, V) one-hot is built:
 * log p(target) = logaddexp(log D, log(1 - D) + log q_target) where the input equals the target,
 * and log(1 - D) + log q_target elsewhere, with log D = -softplus(-c), log(1 - D) = -softplus(c)
 * and logaddexp(a, b) = max(a, b) + softplus(-|a - b|): finite for any logits, no log(0).
 */
public final class CopyMechanism {
    private CopyMechanism() {}

    /**
     * @param copyLogits (B, S) gate logits c, D = sigmoid(c)
     * @param mlmLogits (B, S, V) logits over the vocabulary at every token
     * @param inputIds (B, S) the tokens the model read (the corrupted input)
     * @param targetIds (B, S) the tokens whose probability is wanted (the originals)
     * @return (B, S) log p(target)
     */
    public static NDArray logProb(NDArray copyLogits, NDArray mlmLogits, NDArray inputIds, NDArray targetIds) {
        NDArray logCopy = Activation.softPlus(copyLogits.neg()).neg();
        NDArray logGenerate = Activation.softPlus(copyLogits).neg();
        NDArray logQ = mlmLogits.logSoftmax(-1)
                .gather(targetIds.toType(DataType.INT64, false).expandDims(-1), -1).squeeze(-1);
        NDArray fromSoftmax = logGenerate.add(logQ);
        NDArray either = logAddExp(logCopy, fromSoftmax);
        NDArray copyable = inputIds.toType(DataType.INT32, false).eq(targetIds.toType(DataType.INT32, false));
        return NDArrays.where(copyable, either, fromSoftmax);
    }

    /** Mean of -log p(target) over the weighted (real) tokens: the All-Tokens MLM loss. */
    public static NDArray loss(NDArray logProb, NDArray weights) {
        NDArray w = weights.toType(DataType.FLOAT32, false);
        return logProb.neg().mul(w).sum().div(w.sum().add(1e-6f));
    }

    /**
     * The argmax of the mixture: the input token if D + (1 - D) q_input is at least
     * (1 - D) max q, else the softmax's argmax.
     *
     * @return (B, S) int32 predicted ids
     */
    public static NDArray predict(NDArray copyLogits, NDArray mlmLogits, NDArray inputIds) {
        NDArray d = Activation.sigmoid(copyLogits);
        NDArray q = mlmLogits.softmax(-1);
        NDArray qInput = q.gather(inputIds.toType(DataType.INT64, false).expandDims(-1), -1).squeeze(-1);
        NDArray oneMinusD = d.neg().add(1f);
        NDArray copyScore = d.add(oneMinusD.mul(qInput));
        NDArray bestOther = oneMinusD.mul(q.max(new int[] {-1}));
        NDArray argmax = mlmLogits.argMax(-1).toType(DataType.INT32, false);
        return NDArrays.where(copyScore.gte(bestOther), inputIds.toType(DataType.INT32, false), argmax);
    }

    private static NDArray logAddExp(NDArray a, NDArray b) {
        return a.maximum(b).add(Activation.softPlus(a.sub(b).abs().neg()));
    }
}
