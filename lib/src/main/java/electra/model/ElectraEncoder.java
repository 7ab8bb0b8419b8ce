package electra.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;

import electra.config.ElectraConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * The transformer stack of one tower: {@code embeddings_project} (embedding size to hidden size,
 * only when they differ, as in ELECTRA-Small's 128 -> 256) and {@code encoder.layer.N}.
 */
public final class ElectraEncoder extends ElectraBlock {

    private final Linear embeddingsProject;
    private final List<ElectraLayer> layers = new ArrayList<>();
    /** Only with pre-LN layers: the final normalisation a pre-LN stack needs. */
    private final LayerNorm finalLayerNorm;
    private final int embeddingSize;
    private final int hidden;

    public ElectraEncoder(ElectraConfig config, ElectraConfig.Tower tower) {
        embeddingSize = config.embeddingSize();
        hidden = tower.hiddenSize();
        embeddingsProject = embeddingSize != hidden ? child("embeddings_project", Layers.dense(hidden)) : null;
        for (int i = 0; i < tower.numHiddenLayers(); i++) {
            layers.add(child("encoder.layer." + i, new ElectraLayer(config, tower)));
        }
        finalLayerNorm = config.preLayerNorm() ? child("encoder.final_LayerNorm", Layers.layerNorm()) : null;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (embeddingsProject != null) {
            Layers.initDense(embeddingsProject, manager, embeddingSize);
        }
        for (ElectraLayer layer : layers) {
            layer.initialize(manager, dataType, new Shape(1, 1, hidden));
        }
        if (finalLayerNorm != null) {
            Layers.initLayerNorm(finalLayerNorm, manager, hidden);
        }
    }

    /**
     * @param embedded (B, S, E) output of {@link ElectraEmbeddings}
     * @param attentionBias (B, 1, 1, S), see {@link #attentionBias}
     * @return (B, S, H) last hidden states
     */
    public NDArray forward(ParameterStore ps, NDArray embedded, NDArray attentionBias, boolean training) {
        NDArray x = embeddingsProject == null ? embedded : Layers.apply(embeddingsProject, ps, embedded, training);
        for (ElectraLayer layer : layers) {
            x = layer.forward(ps, x, attentionBias, training);
        }
        return finalLayerNorm == null ? x : Layers.apply(finalLayerNorm, ps, x, training);
    }

    /** (B, S) 1/0 input mask to the additive (B, 1, 1, S) bias BERT uses: 0 keeps, -10000 hides. */
    public static NDArray attentionBias(NDArray inputMask) {
        long b = inputMask.getShape().get(0);
        long s = inputMask.getShape().get(1);
        return inputMask.toType(DataType.FLOAT32, false).sub(1f).mul(10000f).reshape(b, 1, 1, s);
    }

    public int numLayers() {
        return layers.size();
    }

    public int hiddenSize() {
        return hidden;
    }
}
