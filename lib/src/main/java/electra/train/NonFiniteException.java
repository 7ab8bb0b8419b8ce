package electra.train;

/** A loss or gradient norm became NaN or infinite; the update was not applied. */
public final class NonFiniteException extends RuntimeException {
    private final long step;

    public NonFiniteException(long step, String quantity, double value) {
        super("step " + step + ": " + quantity + " is " + value + "; stopped without applying the update"
                + " (lower --lr, or pass --skip-nonfinite to skip such steps)");
        this.step = step;
    }

    public long step() {
        return step;
    }
}
