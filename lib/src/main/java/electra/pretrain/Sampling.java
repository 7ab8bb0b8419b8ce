package electra.pretrain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Drawing replacement tokens from the generator (official {@code sample_from_softmax}).
 * Samples are ids, computed without gradient: the generator is trained by maximum likelihood only,
 * never through the discriminator (the paper's answer to sampling's non-differentiability).
 */
public final class Sampling {
    private Sampling() {}

    /**
     * Gumbel-max: argmax(logits / T + g), g = -log(-log(u)); exactly a draw from softmax(logits / T).
     *
     * @param logits (B, P, V) generator logits at the masked positions
     * @param temperature T > 0; 1 is the paper's
     * @param disallow (B, P) ids to forbid (the originals, for {@code disallow_correct}), or null
     * @return (B, P) int32 sampled ids
     */
    public static NDArray gumbelMax(NDArray logits, double temperature, NDArray disallow) {
        NDArray l = scaled(logits, temperature, disallow);
        NDArray u = l.getManager().randomUniform(0f, 1f, l.getShape(), DataType.FLOAT32, l.getDevice());
        // -log(-log(u + 1e-9) + 1e-9) as the official code, in place: this is the step's largest
        // elementwise work (B x P x vocabulary)
        NDArray gumbel = u.addi(1e-9f).log().negi().addi(1e-9f).log().negi();
        return gumbel.addi(l).argMax(-1).toType(DataType.INT32, false);
    }

    /** Inverse-CDF multinomial sampling of softmax(logits / T): the plain alternative to Gumbel-max. */
    public static NDArray multinomial(NDArray logits, double temperature, NDArray disallow) {
        NDArray l = scaled(logits, temperature, disallow);
        NDArray cdf = l.softmax(-1).cumSum(-1);
        long v = l.getShape().tail();
        NDArray u = l.getManager().randomUniform(0f, 1f, l.getShape().slice(0, l.getShape().dimension() - 1),
                DataType.FLOAT32, l.getDevice()).expandDims(-1);
        return cdf.lt(u).sum(new int[] {-1}).minimum(v - 1).toType(DataType.INT32, false);
    }

    /** Uniform over the vocabulary: the "unigram/uniform generator" ablations' noise. */
    public static NDArray uniform(NDArray shapeLike, int vocabSize) {
        return shapeLike.getManager().randomInteger(0, vocabSize, shapeLike.getShape(), DataType.INT32);
    }

    private static NDArray scaled(NDArray logits, double temperature, NDArray disallow) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature = " + temperature + ": must be positive");
        }
        NDArray l = logits.stopGradient();
        if (temperature != 1.0) {
            l = l.div((float) temperature);
        }
        if (disallow != null) {
            // subtract 1000 from the original token's logit, as the official code
            NDArray idx = disallow.toType(DataType.INT64, false).expandDims(-1);
            NDArray penalty = l.zerosLike().scatter(idx, l.zerosLike().get("..., :1").add(1000f), -1);
            l = l.sub(penalty);
        }
        return l;
    }
}
