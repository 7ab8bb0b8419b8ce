package electra.pretrain;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;

import electra.config.PretrainOptions;
import electra.model.ElectraEmbeddings;
import electra.model.ElectraEncoder;
import electra.model.ElectraPretrainingModel;
import electra.model.ElectraTower;

/**
 * ELECTRA: the generator fills the masked positions by maximum likelihood, its samples replace
 * them, and the discriminator learns for every real token whether it was replaced.
 * Ablations that change only which tokens the discriminator is scored on override
 * {@link #discriminatorWeights}.
 */
public class ElectraObjective implements Objective {

    @Override
    public String name() {
        return "electra";
    }

    @Override
    public ElectraPretrainingModel.Parts parts() {
        return ElectraPretrainingModel.Parts.ELECTRA;
    }

    @Override
    public StepOutput forward(ElectraPretrainingModel model, MaskedBatch.Arrays b, PretrainOptions o, boolean training) {
        ParameterStore ps = model.parameterStore();
        GeneratorOutput g = generate(model, b, o, training);

        ReplacedTokenDetection.FakeData fake =
                ReplacedTokenDetection.fakeData(b.inputIds(), g.sampled(), b.maskedLmPositions(), b.maskedLmWeights());
        NDArray logits = model.discriminator().rtdLogits(ps, discriminatorHidden(model, fake.inputIds(), b, training), training);
        NDArray weights = discriminatorWeights(b);
        NDArray discLoss = ReplacedTokenDetection.loss(logits, fake.labels(), weights);

        NDArray loss = JointLoss.of(g.mlmLoss(), discLoss, o.genWeight(), o.discWeight());
        return new StepOutput(loss, g.mlmLoss(), g.mlmAccuracy(), g.sampledAccuracy(), discLoss, logits, fake.labels(), weights);
    }

    /** The generator's MLM loss at the masked positions and its samples (ids, no gradient). */
    public record GeneratorOutput(NDArray logits, NDArray mlmLoss, NDArray mlmAccuracy, NDArray sampled, NDArray sampledAccuracy) {}

    /** Runs the generator on the masked input and samples replacements. */
    protected GeneratorOutput generate(ElectraPretrainingModel model, MaskedBatch.Arrays b, PretrainOptions o, boolean training) {
        ParameterStore ps = model.parameterStore();
        ElectraEmbeddings embeddings = model.generatorEmbeddings();
        ElectraTower generator = model.generator();
        NDArray bias = ElectraEncoder.attentionBias(b.inputMask());
        NDArray hidden = generator.hidden(ps, embeddings.forward(ps, b.maskedInputIds(), b.segmentIds(), training), bias, training);
        NDArray atMasked = PretrainHelpers.gatherPositions(hidden, b.maskedLmPositions());
        NDArray logits = generator.mlmLogits(ps, atMasked, embeddings.wordEmbeddingTable(), training);
        NDArray mlmLoss = MaskedLm.loss(logits, b.maskedLmIds(), b.maskedLmWeights());
        NDArray mlmAccuracy = MaskedLm.accuracy(logits.argMax(-1), b.maskedLmIds(), b.maskedLmWeights());
        NDArray sampled = sample(logits, b, o);
        NDArray sampledAccuracy = MaskedLm.accuracy(sampled, b.maskedLmIds(), b.maskedLmWeights());
        return new GeneratorOutput(logits, mlmLoss, mlmAccuracy, sampled, sampledAccuracy);
    }

    /** Draws the replacement tokens: Gumbel-max (or multinomial) at temperature T, optionally never the original. */
    protected NDArray sample(NDArray logits, MaskedBatch.Arrays b, PretrainOptions o) {
        NDArray disallow = o.disallowCorrect() ? b.maskedLmIds() : null;
        return o.sampler().equals("multinomial")
                ? Sampling.multinomial(logits, o.temperature(), disallow)
                : Sampling.gumbelMax(logits, o.temperature(), disallow);
    }

    /** The discriminator tower's (B, S, H) states for (B, S) input ids (the corrupted input). */
    protected static NDArray discriminatorHidden(ElectraPretrainingModel model, NDArray inputIds, MaskedBatch.Arrays b,
                                                 boolean training) {
        ParameterStore ps = model.parameterStore();
        NDArray embedded = model.embeddings().forward(ps, inputIds, b.segmentIds(), training);
        return model.discriminator().hidden(ps, embedded, ElectraEncoder.attentionBias(b.inputMask()), training);
    }

    /** Tokens the discriminator loss covers: every real token (the input mask). */
    protected NDArray discriminatorWeights(MaskedBatch.Arrays b) {
        return b.inputMask().toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
    }
}
