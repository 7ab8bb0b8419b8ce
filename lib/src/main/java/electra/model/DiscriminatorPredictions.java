package electra.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;

/**
 * The replaced-token-detection head (Hugging Face {@code ElectraDiscriminatorPredictions}):
 * dense(hidden -> hidden), GELU, dense_prediction(hidden -> 1): one logit per token,
 * positive meaning "replaced".
 */
public final class DiscriminatorPredictions extends ElectraBlock {

    private final Linear dense;
    private final Linear densePrediction;
    private final int hidden;

    public DiscriminatorPredictions(int hidden) {
        this.hidden = hidden;
        dense = child("dense", Layers.dense(hidden));
        densePrediction = child("dense_prediction", Layers.dense(1));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Layers.initDense(dense, manager, hidden);
        Layers.initDense(densePrediction, manager, hidden);
    }

    /** (B, S, H) -> (B, S) logits. */
    public NDArray forward(ParameterStore ps, NDArray hiddenStates, boolean training) {
        NDArray h = Activation.gelu(Layers.apply(dense, ps, hiddenStates, training));
        return Layers.apply(densePrediction, ps, h, training).squeeze(-1);
    }
}
