package electra.pretrain;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;

import electra.config.PretrainOptions;
import electra.model.ElectraEncoder;
import electra.model.ElectraPretrainingModel;
import electra.model.ElectraTower;

/**
 * The BERT baseline: a discriminator-sized model predicts the original tokens at the masked
 * positions of the [MASK]ed input. It learns from 15% of tokens and sees [MASK] in pretraining,
 * the two things ELECTRA removes.
 */
public final class MlmObjective implements Objective {

    @Override
    public String name() {
        return "mlm";
    }

    @Override
    public ElectraPretrainingModel.Parts parts() {
        return ElectraPretrainingModel.Parts.MLM;
    }

    @Override
    public StepOutput forward(ElectraPretrainingModel model, MaskedBatch.Arrays b, PretrainOptions o, boolean training) {
        ParameterStore ps = model.parameterStore();
        ElectraTower m = model.discriminator();
        NDArray bias = ElectraEncoder.attentionBias(b.inputMask());
        NDArray embedded = model.embeddings().forward(ps, b.maskedInputIds(), b.segmentIds(), training);
        NDArray atMasked = PretrainHelpers.gatherPositions(m.hidden(ps, embedded, bias, training), b.maskedLmPositions());
        NDArray logits = m.mlmLogits(ps, atMasked, model.embeddings().wordEmbeddingTable(), training);
        NDArray loss = MaskedLm.loss(logits, b.maskedLmIds(), b.maskedLmWeights());
        NDArray accuracy = MaskedLm.accuracy(logits.argMax(-1), b.maskedLmIds(), b.maskedLmWeights());
        return new StepOutput(loss, loss, accuracy, null, null, null, null, null);
    }
}
