package electra.pretrain;

import electra.config.PretrainOptions;
import electra.data.SpecialTokens;
import electra.model.ElectraPretrainingModel;

import java.util.SplittableRandom;

/**
 * A pretraining objective: which model parts it needs, how it masks, and its loss. ELECTRA, the
 * BERT baseline and each ablation of the paper's Table 5 are one implementation each.
 */
public interface Objective {

    /** The name used on the command line, e.g. {@code electra}, {@code mlm}. */
    String name();

    /** The towers and heads this objective trains. */
    ElectraPretrainingModel.Parts parts();

    /** The masking this objective uses (the paper's 15%, 85% [MASK] by default). */
    default Masking.Options masking(PretrainOptions options) {
        return options.masking().equals("bert")
                ? Masking.Options.bert(options.maskRate(), options.seq())
                : Masking.Options.electra(options.maskRate(), options.seq());
    }

    /**
     * Masks one host batch with the options of {@link #masking}. Token-level masking by default;
     * replaced span detection masks spans, and objectives without a generator write their noise
     * here. {@code rng} must be the only source of randomness, so that a step is reproducible.
     */
    default MaskedBatch mask(TokenBatch batch, SpecialTokens special, Masking.Options masking, SplittableRandom rng) {
        return Masking.mask(batch, special, masking, rng);
    }

    /**
     * Positions per sequence at which the kept model projects onto the whole vocabulary, for
     * {@code FlopCounter}: the masked slots for MLM-style heads; every token for All-Tokens MLM.
     */
    default int keptMlmPositions(int seq, int maxPredictions) {
        return maxPredictions;
    }

    /** Runs the model on a masked batch and returns the loss and what metrics need. */
    StepOutput forward(ElectraPretrainingModel model, MaskedBatch.Arrays batch, PretrainOptions options, boolean training);
}
