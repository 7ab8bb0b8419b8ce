package electra.pretrain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

import electra.config.PretrainOptions;
import electra.data.SpecialTokens;
import electra.model.ElectraPretrainingModel;
import electra.model.Scalars;

import java.util.SplittableRandom;

/**
 * ELECTRA with a unigram "generator" (the paper's generator-variant study; the NCE / word2vec
 * reading of ELECTRA): the masked positions are filled with tokens drawn from the corpus's
 * unigram frequencies instead of a learned generator, and the discriminator detects them as
 * usual. No generator tower, no MLM loss: loss = discWeight x discriminator loss, the same
 * gradient scale the discriminator gets inside ELECTRA.
 *
 * <p>The frequencies are a constructor argument ({@link Objectives#byName(String, java.util.function.Supplier)}
 * counts them on the training corpus), so the objective is a pure function of its data. The noise is drawn
 * on the host in {@link #mask}, from the step's masking random stream: reproducible and free of
 * any (B, P, V) sampling on the device. For this objective {@code maskedInputIds} therefore holds
 * the corrupted input itself (there is no generator to read [MASK]).
 */
public final class UnigramElectraObjective extends ElectraObjective {

    public static final ElectraPretrainingModel.Parts PARTS = new ElectraPretrainingModel.Parts(false, false, true);

    private final TokenCounts counts;
    private UnigramNoise noise;
    private SpecialTokens noiseSpecials;

    public UnigramElectraObjective(TokenCounts counts) {
        this.counts = counts;
    }

    @Override
    public String name() {
        return "electra-unigram";
    }

    @Override
    public ElectraPretrainingModel.Parts parts() {
        return PARTS;
    }

    /** The paper's positions (round(15%) per sequence); every chosen position gets noise, none [MASK]. */
    @Override
    public Masking.Options masking(PretrainOptions options) {
        Masking.Options m = super.masking(options);
        return new Masking.Options(m.maskRate(), 0.0, 0.0, m.maxPredictions(), m.proposal());
    }

    @Override
    public MaskedBatch mask(TokenBatch batch, SpecialTokens special, Masking.Options masking, SplittableRandom rng) {
        MaskedBatch m = Masking.mask(batch, special, masking, rng);
        UnigramNoise n = noise(special);
        for (int i = 0; i < batch.batchSize(); i++) {
            for (int j = 0; j < m.maskedCount(i); j++) {
                m.maskedInputIds()[i][m.maskedLmPositions()[i][j]] = n.sample(rng);
            }
        }
        return m;
    }

    private synchronized UnigramNoise noise(SpecialTokens special) {
        if (noise == null || !special.equals(noiseSpecials)) {
            if (counts.vocabSize() != special.vocabSize()) {
                throw new IllegalArgumentException("unigram counts cover " + counts.vocabSize()
                        + " ids, the vocabulary has " + special.vocabSize());
            }
            noise = new UnigramNoise(counts, special);
            noiseSpecials = special;
        }
        return noise;
    }

    @Override
    public StepOutput forward(ElectraPretrainingModel model, MaskedBatch.Arrays b, PretrainOptions o, boolean training) {
        NDArray fake = b.maskedInputIds();
        // a draw equal to the original counts as original, as with the learned generator
        NDArray labels = fake.neq(b.inputIds()).toType(DataType.FLOAT32, false);
        NDArray sampled = PretrainHelpers.gatherIds(fake, b.maskedLmPositions());
        NDArray sampledAccuracy = MaskedLm.accuracy(sampled, b.maskedLmIds(), b.maskedLmWeights());
        NDArray logits = model.discriminator().rtdLogits(model.parameterStore(), discriminatorHidden(model, fake, b, training), training);
        NDArray weights = discriminatorWeights(b);
        NDArray discLoss = ReplacedTokenDetection.loss(logits, labels, weights);
        NDArray loss = Scalars.mul(discLoss, o.discWeight());
        return new StepOutput(loss, null, null, sampledAccuracy, discLoss, logits, labels, weights);
    }
}
