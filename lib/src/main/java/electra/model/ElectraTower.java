package electra.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;

import electra.config.ElectraConfig;

/**
 * One transformer tower over the shared embeddings, with the heads its objective needs.
 * The generator is a tower with an MLM head (Hugging Face {@code ElectraForMaskedLM}); the
 * discriminator a tower with the replaced-token-detection head ({@code ElectraForPreTraining}).
 * MLM-style baselines keep a discriminator-sized tower with an MLM head instead.
 */
public final class ElectraTower extends ElectraBlock {

    private final ElectraEncoder electra;
    private final GeneratorPredictions generatorPredictions;
    private final Parameter lmBias;
    private final DiscriminatorPredictions discriminatorPredictions;
    /** Optional: the same dense-GELU-dense shape as the RTD head, read at [CLS] only. */
    private final DiscriminatorPredictions sequencePredictions;
    private final ElectraConfig.Tower sizes;

    public ElectraTower(ElectraConfig config, ElectraConfig.Tower sizes, boolean mlmHead, boolean rtdHead) {
        this(config, sizes, mlmHead, rtdHead, false);
    }

    public ElectraTower(ElectraConfig config, ElectraConfig.Tower sizes, boolean mlmHead, boolean rtdHead,
                        boolean sequenceHead) {
        this.sizes = sizes;
        electra = child("electra", new ElectraEncoder(config, sizes));
        generatorPredictions = mlmHead
                ? child("generator_predictions", new GeneratorPredictions(sizes.hiddenSize(), config.embeddingSize()))
                : null;
        lmBias = mlmHead ? bias("generator_lm_head.bias", new Shape(config.vocabSize())) : null;
        discriminatorPredictions = rtdHead
                ? child("discriminator_predictions", new DiscriminatorPredictions(sizes.hiddenSize()))
                : null;
        sequencePredictions = sequenceHead
                ? child("sequence_predictions", new DiscriminatorPredictions(sizes.hiddenSize()))
                : null;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        electra.initialize(manager, dataType, inputShapes);
        if (generatorPredictions != null) {
            generatorPredictions.initialize(manager, dataType, new Shape(1, 1, sizes.hiddenSize()));
        }
        if (discriminatorPredictions != null) {
            discriminatorPredictions.initialize(manager, dataType, new Shape(1, 1, sizes.hiddenSize()));
        }
        if (sequencePredictions != null) {
            sequencePredictions.initialize(manager, dataType, new Shape(1, 1, sizes.hiddenSize()));
        }
    }

    /** (B, S, E) embeddings -> (B, S, H) hidden states. */
    public NDArray hidden(ParameterStore ps, NDArray embedded, NDArray attentionBias, boolean training) {
        return electra.forward(ps, embedded, attentionBias, training);
    }

    /**
     * MLM logits over the vocabulary for the given hidden states only (pass the masked positions'
     * states, never the whole sequence, unless the objective predicts every token).
     *
     * @param hiddenStates (B, N, H)
     * @param wordEmbeddings (V, E) the tied output matrix
     * @return (B, N, V)
     */
    public NDArray mlmLogits(ParameterStore ps, NDArray hiddenStates, NDArray wordEmbeddings, boolean training) {
        if (generatorPredictions == null) {
            throw new IllegalStateException("this tower has no MLM head");
        }
        NDArray h = generatorPredictions.forward(ps, hiddenStates, training);
        return Linear.linear(h, wordEmbeddings, lmBias.getArray()).singletonOrThrow();
    }

    /** (B, S, H) -> (B, S) replaced-token logits. */
    public NDArray rtdLogits(ParameterStore ps, NDArray hiddenStates, boolean training) {
        if (discriminatorPredictions == null) {
            throw new IllegalStateException("this tower has no replaced-token-detection head");
        }
        return discriminatorPredictions.forward(ps, hiddenStates, training);
    }

    /**
     * One logit per sequence from the first token's ([CLS]) state, positive meaning "corrupted".
     *
     * @param hiddenStates (B, S, H)
     * @return (B)
     */
    public NDArray sequenceLogits(ParameterStore ps, NDArray hiddenStates, boolean training) {
        if (sequencePredictions == null) {
            throw new IllegalStateException("this tower has no sequence-level head");
        }
        NDArray cls = hiddenStates.get(new NDIndex(":, 0:1, :"));
        return sequencePredictions.forward(ps, cls, training).squeeze(-1);
    }

    public boolean hasMlmHead() {
        return generatorPredictions != null;
    }

    public boolean hasRtdHead() {
        return discriminatorPredictions != null;
    }

    public boolean hasSequenceHead() {
        return sequencePredictions != null;
    }

    public ElectraConfig.Tower sizes() {
        return sizes;
    }

    public ElectraEncoder encoder() {
        return electra;
    }
}
