package electra.pretrain;

import electra.data.SpecialTokens;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws token ids from corpus unigram frequencies: the noise distribution of word2vec's negative
 * sampling and of NCE, which ELECTRA replaces by a learned generator. Special tokens get weight 0
 * (a [CLS] or [SEP] in the middle of a text would be a trivially detectable fake). Host-side, by
 * binary search in the cumulative distribution, driven by the step's masking random stream.
 */
public final class UnigramNoise {

    private final double[] cdf;

    /** @param counts one count per id; ids never seen get no probability */
    public UnigramNoise(TokenCounts counts, SpecialTokens special) {
        long[] c = counts.counts();
        cdf = new double[c.length];
        double total = 0;
        for (int id = 0; id < c.length; id++) {
            total += special.isSpecial(id) ? 0 : c[id];
            cdf[id] = total;
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("the corpus has no non-special tokens to sample from");
        }
        for (int id = 0; id < c.length; id++) {
            cdf[id] /= total;
        }
    }

    /** One id with probability count(id) / total. */
    public int sample(SplittableRandom rng) {
        double u = rng.nextDouble();
        int i = Arrays.binarySearch(cdf, u);
        int id = i >= 0 ? i + 1 : -i - 1; // first id whose cumulative share exceeds u
        while (id < cdf.length - 1 && cdf[id] == (id == 0 ? 0 : cdf[id - 1])) {
            id++; // never return an id with zero probability (binary search may land on a flat stretch)
        }
        return Math.min(id, cdf.length - 1);
    }

    /** Probability of {@code id}. */
    public double probability(int id) {
        return cdf[id] - (id == 0 ? 0 : cdf[id - 1]);
    }
}
