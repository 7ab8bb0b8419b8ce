package electra.train;

import java.util.SplittableRandom;

/**
 * The data order: a fresh seeded permutation of the sequences each epoch, and batch {@code step}
 * takes the next {@code batch} of them. Depends only on (seed, step), so a resumed run draws
 * exactly what an uninterrupted one would.
 */
public final class SequenceOrder {

    private final int n;
    private final long seed;
    private long cachedEpoch = -1;
    private int[] cached;

    public SequenceOrder(int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("the corpus has no sequences");
        }
        this.n = n;
        this.seed = seed;
    }

    /** Indices of the sequences in 1-based step {@code step}. */
    public int[] batch(long step, int batch) {
        int[] out = new int[batch];
        for (int j = 0; j < batch; j++) {
            long k = (step - 1) * batch + j;
            out[j] = permutation(k / n)[(int) (k % n)];
        }
        return out;
    }

    private int[] permutation(long epoch) {
        if (epoch != cachedEpoch) {
            int[] p = new int[n];
            for (int i = 0; i < n; i++) {
                p[i] = i;
            }
            SplittableRandom r = Rng.forStep(seed, epoch, Rng.DATA_ORDER);
            for (int i = n - 1; i > 0; i--) {
                int k = r.nextInt(i + 1);
                int t = p[i];
                p[i] = p[k];
                p[k] = t;
            }
            cached = p;
            cachedEpoch = epoch;
        }
        return cached;
    }
}
