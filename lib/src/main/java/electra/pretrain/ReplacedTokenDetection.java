package electra.pretrain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;

/**
 * Replaced token detection, the discriminator's task (official {@code _get_fake_data} and
 * {@code _get_discriminator_output}).
 */
public final class ReplacedTokenDetection {
    private ReplacedTokenDetection() {}

    /** The corrupted input and its labels. */
    public record FakeData(NDArray inputIds, NDArray labels) {}

    /**
     * Writes the sampled tokens into the original input at the masked positions. A position is
     * labelled 1 ("replaced") only where the sample differs from the original: a generator that
     * guesses right produces a token the discriminator must call original (unlike a GAN).
     *
     * @param inputIds (B, S) original ids
     * @param sampled (B, P) sampled ids
     * @param positions (B, P) masked positions
     * @param weights (B, P) 1 real slot, 0 padding slot
     */
    public static FakeData fakeData(NDArray inputIds, NDArray sampled, NDArray positions, NDArray weights) {
        NDArray originalAt = PretrainHelpers.gatherIds(inputIds, positions);
        NDArray real = weights.gt(0f);
        // padding slots write back the token already at position 0, so they change nothing
        NDArray updates = ai.djl.ndarray.NDArrays.where(real, sampled.toType(DataType.INT32, false), originalAt.toType(DataType.INT32, false));
        NDArray fake = PretrainHelpers.scatterUpdate(inputIds, updates, positions);
        NDArray labels = fake.neq(inputIds).toType(DataType.FLOAT32, false);
        return new FakeData(fake, labels);
    }

    /**
     * Sigmoid cross-entropy averaged over real tokens: sum(w * bce) / (sum(w) + 1e-6).
     *
     * @param logits (B, S) discriminator logits
     * @param labels (B, S) 1 replaced, 0 original
     * @param weights (B, S) the input mask (padding excluded) or any other per-token weight
     */
    public static NDArray loss(NDArray logits, NDArray labels, NDArray weights) {
        NDArray w = weights.toType(DataType.FLOAT32, false);
        // softplus(x) - x*y is the numerically stable form of -[y log s(x) + (1-y) log(1-s(x))]
        NDArray bce = Activation.softPlus(logits).sub(logits.mul(labels));
        return bce.mul(w).sum().div(w.sum().add(1e-6f));
    }
}
