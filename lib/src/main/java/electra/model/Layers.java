package electra.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;

import electra.config.ElectraConfig;

/** DJL's Linear and LayerNorm, configured as BERT/ELECTRA uses them, and one-array calls to them. */
final class Layers {
    private Layers() {}

    static Linear dense(long units) {
        return Linear.builder().setUnits(units).build();
    }

    /** LayerNorm over the last (hidden) axis with BERT's epsilon of 1e-12. */
    static LayerNorm layerNorm() {
        return LayerNorm.builder().axis(2).optEpsilon(ElectraConfig.LAYER_NORM_EPS).build();
    }

    static void initDense(Block dense, NDManager manager, long in) {
        dense.initialize(manager, DataType.FLOAT32, new Shape(1, 1, in));
    }

    static void initLayerNorm(Block norm, NDManager manager, long size) {
        norm.initialize(manager, DataType.FLOAT32, new Shape(1, 1, size));
    }

    static NDArray apply(Block block, ParameterStore ps, NDArray x, boolean training) {
        return block.forward(ps, new ai.djl.ndarray.NDList(x), training).singletonOrThrow();
    }
}
