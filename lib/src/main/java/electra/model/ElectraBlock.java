package electra.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Base of the model's blocks. Every child and parameter has a fixed shape known from the config,
 * so blocks initialise their children with explicit shapes instead of DJL's shape inference,
 * and expose typed {@code forward} methods; {@link #forwardInternal} exists for DJL's contract.
 */
abstract class ElectraBlock extends AbstractBlock {

    /** Adds a weight of a known shape (initialised by the model's truncated normal). */
    protected Parameter weight(String name, Shape shape) {
        return addParameter(Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optShape(shape).build());
    }

    /** Adds a bias of a known shape (initialised to zero). */
    protected Parameter bias(String name, Shape shape) {
        return addParameter(Parameter.builder().setName(name).setType(Parameter.Type.BIAS).optShape(shape).build());
    }

    protected <B extends Block> B child(String name, B block) {
        return addChildBlock(name, block);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " is called through its typed forward method");
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
