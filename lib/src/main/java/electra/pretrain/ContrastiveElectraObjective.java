package electra.pretrain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

import electra.config.PretrainOptions;
import electra.model.ElectraPretrainingModel;
import electra.model.Scalars;
import electra.model.ElectraTower;

/**
 * ELECTRA plus the appendix's sentence-level contrastive objective (which slightly hurt): 20% of
 * the sequences are left uncorrupted (their masked positions keep the original tokens, no sample
 * is written, all RTD labels 0), and a head on the discriminator's [CLS] state predicts whether
 * the whole input was corrupted. The generator is trained on every sequence as in ELECTRA.
 *
 * <p>A sequence's label is 1 when at least one of its tokens differs from the original, so a
 * corrupted sequence whose samples all equal the originals counts as uncorrupted, as RTD counts a
 * correct sample as original. Which sequences stay clean is drawn on the device from the step's
 * engine seed, like the generator's samples.
 *
 * <p>Loss = genWeight x MLM + discWeight x RTD + w x sequence BCE. The paper gives no w. The
 * default is the discriminator's lambda (50): the sequence loss is a mean binary cross-entropy on
 * the same scale as the RTD loss, so the two tasks of the discriminator count equally. (The other
 * natural choice, weighting each binary decision alike, would be 50 / S, i.e. about 0.4 at S = 128;
 * pass it to the constructor to try.) On the micro model (TestModels.micro, 200 steps) the
 * sequence loss stays at the 80/20 prior's entropy, 0.50 nats, while the RTD loss is ~0.35: the
 * head learns only the base rate there, and with w = 50 it is about 40% of the joint loss.
 */
public final class ContrastiveElectraObjective extends ElectraObjective {

    public static final ElectraPretrainingModel.Parts PARTS = new ElectraPretrainingModel.Parts(true, false, true, true);

    /** Share of sequences left uncorrupted. */
    public static final double CLEAN_SHARE = 0.2;

    /** Weight of the sequence loss; NaN: the run's discWeight. */
    private final double sequenceWeight;

    public ContrastiveElectraObjective() {
        this(Double.NaN);
    }

    public ContrastiveElectraObjective(double sequenceWeight) {
        this.sequenceWeight = sequenceWeight;
    }

    @Override
    public String name() {
        return "electra-contrastive";
    }

    @Override
    public ElectraPretrainingModel.Parts parts() {
        return PARTS;
    }

    @Override
    public StepOutput forward(ElectraPretrainingModel model, MaskedBatch.Arrays b, PretrainOptions o, boolean training) {
        ParameterStore ps = model.parameterStore();
        GeneratorOutput g = generate(model, b, o, training);
        long batch = b.inputIds().getShape().get(0);
        NDArray corrupt = b.inputIds().getManager()
                .randomUniform(0f, 1f, new Shape(batch, 1), DataType.FLOAT32, b.inputIds().getDevice())
                .gte((float) CLEAN_SHARE);
        Corrupted c = corrupt(b, g.sampled(), corrupt);

        ElectraTower d = model.discriminator();
        NDArray hidden = discriminatorHidden(model, c.fake().inputIds(), b, training);
        NDArray logits = d.rtdLogits(ps, hidden, training);
        NDArray weights = discriminatorWeights(b);
        NDArray discLoss = ReplacedTokenDetection.loss(logits, c.fake().labels(), weights);
        NDArray sequenceLoss = ReplacedTokenDetection.loss(d.sequenceLogits(ps, hidden, training), c.sequenceLabels(),
                c.sequenceLabels().onesLike());
        NDArray loss = JointLoss.of(g.mlmLoss(), discLoss, o.genWeight(), o.discWeight())
                .add(Scalars.mul(sequenceLoss, Double.isNaN(sequenceWeight) ? o.discWeight() : sequenceWeight));
        return new StepOutput(loss, g.mlmLoss(), g.mlmAccuracy(), g.sampledAccuracy(), discLoss, logits, c.fake().labels(), weights);
    }

    /** The corrupted input, token labels and (B) sequence labels. */
    public record Corrupted(ReplacedTokenDetection.FakeData fake, NDArray sequenceLabels) {}

    /**
     * Writes the samples only into the rows chosen for corruption: the other rows' slots are
     * treated like padding slots, which write back the token already there.
     *
     * @param sampled (B, P) generator samples
     * @param corrupt (B, 1) boolean, true for rows to corrupt
     */
    static Corrupted corrupt(MaskedBatch.Arrays b, NDArray sampled, NDArray corrupt) {
        NDArray slotWeights = b.maskedLmWeights().mul(corrupt.toType(DataType.FLOAT32, false));
        ReplacedTokenDetection.FakeData fake =
                ReplacedTokenDetection.fakeData(b.inputIds(), sampled, b.maskedLmPositions(), slotWeights);
        return new Corrupted(fake, fake.labels().max(new int[] {1}));
    }
}
