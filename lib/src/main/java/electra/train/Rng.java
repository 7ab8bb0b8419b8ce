package electra.train;

import java.util.SplittableRandom;

/** Every random stream of a run derived from (seed, step, stream): nothing carries over between steps. */
public final class Rng {
    private Rng() {}

    public static final int DATA_ORDER = 1;
    public static final int MASKING = 2;
    public static final int ENGINE = 3;

    public static SplittableRandom forStep(long seed, long step, int stream) {
        return new SplittableRandom(mix(mix(seed) ^ mix(step * 31 + stream)));
    }

    /** The seed for the engine's generator (sampling, dropout) in this step. */
    public static int engineSeed(long seed, long step) {
        return (int) (mix(mix(seed) ^ mix(step * 31 + ENGINE)) & 0x7fffffff);
    }

    private static long mix(long z) { // splitmix64 finaliser
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
