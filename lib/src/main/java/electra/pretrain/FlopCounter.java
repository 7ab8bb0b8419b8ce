package electra.pretrain;

import electra.config.ElectraConfig;
import electra.config.PretrainOptions;
import electra.model.ElectraPretrainingModel;

/**
 * Floating-point operations of one training step, for comparing objectives at equal compute as
 * the paper's Table 5 does. A step is forward + backward = 3 x forward (the backward pass costs
 * two matmuls per forward matmul: gradients of the inputs and of the weights).
 *
 * <p>Forward, per tower over B x S tokens: 2 x tokens x (dense weights: embeddings_project,
 * Q/K/V/O, FFN) plus attention 2 x 2 x B x L x S x S x H (scores and weighted sum); then the heads:
 * the generator's MLM head and vocabulary projection only at the P masked slots
 * (2 x B x P x (H_g x E + E x V)); the kept model's MLM head at P slots or, for All-Tokens MLM, at
 * every token ({@link Objective#keptMlmPositions}); the RTD head at every token
 * (2 x tokens x (H x H + H)); the sequence head once per sequence. A multiply-add counts 2.
 * Embedding lookups, biases, LayerNorm, GELU, softmax and the optimizer are left out (elementwise,
 * a few percent at most), as in the paper's and Kaplan et al.'s 6 x N x D estimate. Padding
 * positions count: the step computes them. P = the masking's maxPredictions (every slot is projected).
 */
public final class FlopCounter {
    private FlopCounter() {}

    /** Forward FLOPs of one step split by kind; {@link #total()} is their sum. */
    public record Forward(double denseLayers, double attention, double heads) {
        public double total() {
            return denseLayers + attention + heads;
        }
    }

    /** Forward + backward FLOPs of one training step. */
    public static double trainingStep(ElectraConfig config, Objective objective, PretrainOptions options) {
        return 3 * forward(config, objective, options).total();
    }

    /** Forward FLOPs of one step of {@code options.batch()} x {@code options.seq()} tokens. */
    public static Forward forward(ElectraConfig config, Objective objective, PretrainOptions options) {
        ElectraPretrainingModel.Parts parts = objective.parts();
        double b = options.batch();
        double s = options.seq();
        double e = config.embeddingSize();
        double v = config.vocabSize();
        int p = objective.masking(options).maxPredictions();
        double dense = 0;
        double attention = 0;
        double heads = 0;
        ElectraConfig.Tower d = config.discriminator();
        dense += towerDense(config, d, b * s);
        attention += towerAttention(d, b, s);
        if (parts.generator()) {
            ElectraConfig.Tower g = config.generator();
            dense += towerDense(config, g, b * s);
            attention += towerAttention(g, b, s);
            heads += 2 * b * p * (g.hiddenSize() * e + e * v);
        }
        double h = d.hiddenSize();
        if (parts.discriminatorMlmHead()) {
            heads += 2 * b * objective.keptMlmPositions(options.seq(), p) * (h * e + e * v);
        }
        if (parts.discriminatorRtdHead()) {
            heads += 2 * b * s * (h * h + h);
        }
        if (parts.sequenceHead()) {
            heads += 2 * b * (h * h + h);
        }
        return new Forward(dense, attention, heads);
    }

    /** 2 x tokens x (embeddings_project + L x (4 H^2 + 2 H F)). */
    static double towerDense(ElectraConfig config, ElectraConfig.Tower t, double tokens) {
        double h = t.hiddenSize();
        double project = config.embeddingSize() != t.hiddenSize() ? config.embeddingSize() * h : 0;
        double perLayer = 4 * h * h + 2 * h * t.intermediateSize();
        return 2 * tokens * (project + t.numHiddenLayers() * perLayer);
    }

    /** Q K^T and probs x V: 2 x 2 x B x L x S x S x H. */
    static double towerAttention(ElectraConfig.Tower t, double batch, double seq) {
        return 2 * 2 * batch * t.numHiddenLayers() * seq * seq * t.hiddenSize();
    }

    /** Whole steps that fit in {@code budget} FLOPs at {@code perStep} each; at least one must fit. */
    public static int stepsFor(double budget, double perStep) {
        if (!(perStep > 0)) {
            throw new IllegalArgumentException("FLOPs per step = " + perStep + ": must be positive");
        }
        double steps = Math.floor(budget / perStep);
        if (steps < 1) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "--flops-budget %.3g is less than one step (%.3g FLOPs)", budget, perStep));
        }
        if (steps > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "--flops-budget %.3g needs more than 2^31 steps of %.3g FLOPs", budget, perStep));
        }
        return (int) steps;
    }

    /** Steps of this objective that fit in {@code budget}. */
    public static int stepsFor(double budget, ElectraConfig config, Objective objective, PretrainOptions options) {
        return stepsFor(budget, trainingStep(config, objective, options));
    }
}
