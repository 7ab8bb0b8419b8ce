package electra.pretrain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;

import electra.config.PretrainOptions;
import electra.model.ElectraPretrainingModel;
import electra.model.ElectraTower;

/**
 * All-Tokens MLM (Table 5): the input is corrupted by generator samples as in ELECTRA, and the
 * kept model predicts the identity of every input token through the {@link CopyMechanism}: the
 * RTD head's logit is the copy gate D = p(copy) = sigmoid (positive now means "copy the input",
 * the opposite sign of ELECTRA's "replaced"), and the MLM head supplies the softmax.
 * Loss = genWeight x generator MLM + 1 x mean over real tokens of -log p(original); both are
 * V-way log-likelihoods on one scale, so no lambda (discWeight is ignored).
 *
 * <p>Cost: the MLM head projects every token, not only the ~15% masked ones, onto the whole
 * vocabulary: (B, S, V) logits, 2 x B x S x E x V FLOPs forward. That projection is inherent to
 * the objective and what makes it expensive next to ELECTRA's one-logit-per-token head
 * (see {@link #keptMlmPositions}).
 *
 * <p>Metrics: {@code mlm_loss} is the all-tokens loss and {@code mlm_acc} the mixture's argmax
 * accuracy over all real tokens (the kept model's); {@code sampled_mlm_acc} is the generator's.
 * The {@code disc_*} columns read the gate as a replaced-token detector (logit -c, label 1 where
 * the sample differs): {@code disc_loss} is that gate's sigmoid cross-entropy, a diagnostic that is
 * not part of the loss.
 */
public final class AllTokensMlmObjective extends ElectraObjective {

    public static final ElectraPretrainingModel.Parts PARTS = new ElectraPretrainingModel.Parts(true, true, true);

    public static final double ALL_TOKENS_WEIGHT = 1.0;

    @Override
    public String name() {
        return "all-tokens-mlm";
    }

    @Override
    public ElectraPretrainingModel.Parts parts() {
        return PARTS;
    }

    @Override
    public int keptMlmPositions(int seq, int maxPredictions) {
        return seq;
    }

    @Override
    public StepOutput forward(ElectraPretrainingModel model, MaskedBatch.Arrays b, PretrainOptions o, boolean training) {
        GeneratorOutput g = generate(model, b, o, training);
        Kept k = kept(model, b, g.sampled(), training);
        NDArray weights = b.inputMask().toType(DataType.FLOAT32, false);
        NDArray accuracy = MaskedLm.accuracy(CopyMechanism.predict(k.copyLogits(), k.logits(), k.fake().inputIds()),
                b.inputIds(), weights);
        NDArray replacedLogits = k.copyLogits().neg().stopGradient(); // the gate read as a detector, metrics only
        NDArray gateLoss = ReplacedTokenDetection.loss(replacedLogits, k.fake().labels(), weights);
        NDArray loss = JointLoss.of(g.mlmLoss(), k.loss(), o.genWeight(), ALL_TOKENS_WEIGHT);
        return new StepOutput(loss, k.loss(), accuracy, g.sampledAccuracy(), gateLoss, replacedLogits, k.fake().labels(), weights);
    }

    /** The kept model's all-tokens loss, its (B, S) gate logits, (B, S, V) logits and the input it read. */
    public record Kept(NDArray loss, NDArray copyLogits, NDArray logits, ReplacedTokenDetection.FakeData fake) {}

    /**
     * The kept model reads the input corrupted by {@code sampled} and scores every real token's
     * original identity under the copy mixture.
     *
     * @param sampled (B, P) ids
     */
    static Kept kept(ElectraPretrainingModel model, MaskedBatch.Arrays b, NDArray sampled, boolean training) {
        ParameterStore ps = model.parameterStore();
        ReplacedTokenDetection.FakeData fake =
                ReplacedTokenDetection.fakeData(b.inputIds(), sampled, b.maskedLmPositions(), b.maskedLmWeights());
        ElectraTower kept = model.discriminator();
        NDArray hidden = discriminatorHidden(model, fake.inputIds(), b, training);                      // (B, S, H)
        NDArray copyLogits = kept.rtdLogits(ps, hidden, training);                                      // (B, S)
        NDArray logits = kept.mlmLogits(ps, hidden, model.embeddings().wordEmbeddingTable(), training); // (B, S, V)
        NDArray logProb = CopyMechanism.logProb(copyLogits, logits, fake.inputIds(), b.inputIds());
        return new Kept(CopyMechanism.loss(logProb, b.inputMask()), copyLogits, logits, fake);
    }
}
