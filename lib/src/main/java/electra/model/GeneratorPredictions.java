package electra.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;

/**
 * The masked-language-model head (Hugging Face {@code ElectraGeneratorPredictions}):
 * dense(hidden -> embedding), GELU, LayerNorm. The output layer multiplies by the tied word
 * embedding table and adds {@code generator_lm_head.bias}; see {@link ElectraTower#mlmLogits}.
 */
public final class GeneratorPredictions extends ElectraBlock {

    private final Linear dense;
    private final LayerNorm layerNorm;
    private final int hidden;
    private final int embeddingSize;

    public GeneratorPredictions(int hidden, int embeddingSize) {
        this.hidden = hidden;
        this.embeddingSize = embeddingSize;
        dense = child("dense", Layers.dense(embeddingSize));
        layerNorm = child("LayerNorm", Layers.layerNorm());
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Layers.initDense(dense, manager, hidden);
        Layers.initLayerNorm(layerNorm, manager, embeddingSize);
    }

    /** (B, N, H) -> (B, N, E). */
    public NDArray forward(ParameterStore ps, NDArray hiddenStates, boolean training) {
        return Layers.apply(layerNorm, ps, Activation.gelu(Layers.apply(dense, ps, hiddenStates, training)), training);
    }
}
