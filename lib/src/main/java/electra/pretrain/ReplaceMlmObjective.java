package electra.pretrain;

import ai.djl.ndarray.NDArray;

import electra.config.PretrainOptions;
import electra.model.ElectraPretrainingModel;
import electra.model.ElectraTower;

/**
 * Replace MLM (Table 5): masked language modelling in which the masked positions hold generator
 * samples instead of [MASK]. The generator is trained by MLM exactly as in ELECTRA; the kept
 * model (the discriminator-sized tower with an MLM head) reads the corrupted input and predicts
 * the original token at each masked position. The gap to BERT measures the cost of [MASK]
 * appearing in pretraining but never in fine-tuning.
 *
 * <p>Loss = genWeight x generator MLM + 1 x kept-model MLM. Both terms are V-way cross-entropies
 * at the same positions, so they are on the same scale and weighted alike: ELECTRA's lambda = 50
 * only makes up for the binary discriminator loss being far smaller than a V-way one, which does
 * not apply here ({@code discWeight} is ignored). Trained jointly, as the paper does.
 *
 * <p>Metrics: {@code mlm_loss}/{@code mlm_acc} are the kept model's (comparable to the {@code mlm}
 * baseline's columns); {@code sampled_mlm_acc} is the generator's samples' accuracy; the generator's
 * own loss is {@code loss - mlm_loss} (with genWeight 1).
 */
public final class ReplaceMlmObjective extends ElectraObjective {

    public static final ElectraPretrainingModel.Parts PARTS = new ElectraPretrainingModel.Parts(true, true, false);

    /** The kept model's MLM weight. */
    public static final double KEPT_MLM_WEIGHT = 1.0;

    @Override
    public String name() {
        return "replace-mlm";
    }

    @Override
    public ElectraPretrainingModel.Parts parts() {
        return PARTS;
    }

    @Override
    public StepOutput forward(ElectraPretrainingModel model, MaskedBatch.Arrays b, PretrainOptions o, boolean training) {
        GeneratorOutput g = generate(model, b, o, training);
        KeptMlm kept = keptMlm(model, b, g.sampled(), training);
        NDArray loss = JointLoss.of(g.mlmLoss(), kept.loss(), o.genWeight(), KEPT_MLM_WEIGHT);
        return new StepOutput(loss, kept.loss(), kept.accuracy(), g.sampledAccuracy(), null, null, null, null);
    }

    /** The kept model's MLM loss and accuracy at the masked positions, and its (B, P, V) logits. */
    public record KeptMlm(NDArray loss, NDArray accuracy, NDArray logits) {}

    /**
     * The kept model reads the input with {@code sampled} written at the masked positions (where a
     * sample equals the original the token simply stays) and predicts the originals there.
     *
     * @param sampled (B, P) ids
     */
    static KeptMlm keptMlm(ElectraPretrainingModel model, MaskedBatch.Arrays b, NDArray sampled, boolean training) {
        ReplacedTokenDetection.FakeData fake =
                ReplacedTokenDetection.fakeData(b.inputIds(), sampled, b.maskedLmPositions(), b.maskedLmWeights());
        ElectraTower kept = model.discriminator();
        NDArray atMasked = PretrainHelpers.gatherPositions(discriminatorHidden(model, fake.inputIds(), b, training),
                b.maskedLmPositions());
        NDArray logits = kept.mlmLogits(model.parameterStore(), atMasked, model.embeddings().wordEmbeddingTable(), training);
        NDArray loss = MaskedLm.loss(logits, b.maskedLmIds(), b.maskedLmWeights());
        NDArray accuracy = MaskedLm.accuracy(logits.argMax(-1), b.maskedLmIds(), b.maskedLmWeights());
        return new KeptMlm(loss, accuracy, logits);
    }
}
