package electra.train;

/** The official schedule: linear warmup to the peak, then linear decay to 0 at the last step. */
public record LinearSchedule(double peak, int warmupSteps, int totalSteps) {

    /** Learning rate for 1-based step {@code step}. */
    public double at(long step) {
        if (warmupSteps > 0 && step <= warmupSteps) {
            return peak * step / warmupSteps;
        }
        double remaining = Math.max(0, totalSteps - step);
        double span = Math.max(1, totalSteps - warmupSteps);
        return peak * Math.min(1.0, (remaining + 1) / span);
    }
}
