package electra.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Multiplying or dividing by a constant on the autograd path. DJL 0.36's {@code mul(Number)} and
 * {@code div(Number)} wrap the constant in a Java direct buffer without copying and close it at
 * once, but torch's Mul/Div backward keeps that tensor: a garbage collection between forward and
 * backward frees the buffer and backward reads whatever is there (we saw gradients of 1e37, NaN,
 * and runs that differ with the same seed). A 0-d tensor made by {@code full} is owned by torch.
 */
public final class Scalars {
    private Scalars() {}

    /** {@code x * c}, safe to differentiate. */
    public static NDArray mul(NDArray x, double c) {
        return x.mul(of(x, c));
    }

    /** {@code x / c}, safe to differentiate. */
    public static NDArray div(NDArray x, double c) {
        return x.div(of(x, c));
    }

    /** A torch-owned float32 scalar on {@code like}'s manager and device. */
    public static NDArray of(NDArray like, double c) {
        return like.getManager().full(new Shape(), (float) c, DataType.FLOAT32);
    }
}
