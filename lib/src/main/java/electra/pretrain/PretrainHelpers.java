package electra.pretrain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Device-side helpers of the official {@code pretrain_helpers.py}: gather and scatter at positions. */
public final class PretrainHelpers {
    private PretrainHelpers() {}

    /**
     * {@code gather_positions}: the vectors of {@code sequence} at {@code positions}.
     *
     * @param sequence (B, S, D)
     * @param positions (B, P) int
     * @return (B, P, D)
     */
    public static NDArray gatherPositions(NDArray sequence, NDArray positions) {
        long d = sequence.getShape().get(2);
        NDArray index = positions.toType(DataType.INT64, false).expandDims(2).repeat(2, d);
        return sequence.gather(index, 1);
    }

    /**
     * {@code scatter_update}: {@code sequence} with {@code updates} written at {@code positions}.
     * Padding slots must carry the value already at their position (they point at position 0).
     *
     * @param sequence (B, S) int
     * @param updates (B, P) int
     * @param positions (B, P) int
     * @return (B, S) int
     */
    public static NDArray scatterUpdate(NDArray sequence, NDArray updates, NDArray positions) {
        return sequence.scatter(positions.toType(DataType.INT64, false), updates.toType(sequence.getDataType(), false), 1);
    }

    /** Values of a (B, S) int array at (B, P) positions: (B, P). */
    public static NDArray gatherIds(NDArray sequence, NDArray positions) {
        return sequence.gather(positions.toType(DataType.INT64, false), 1);
    }
}
