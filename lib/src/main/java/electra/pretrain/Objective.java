package electra.pretrain;

import electra.config.PretrainOptions;
import electra.model.ElectraPretrainingModel;

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

    /** Runs the model on a masked batch and returns the loss and what metrics need. */
    StepOutput forward(ElectraPretrainingModel model, MaskedBatch.Arrays batch, PretrainOptions options, boolean training);
}
