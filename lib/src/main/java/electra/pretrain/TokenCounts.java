package electra.pretrain;

/**
 * How often each vocabulary entry occurs in a training corpus: the statistics the unigram
 * generator samples from and strategic masking weights by.
 *
 * @param counts one count per vocabulary id
 */
public record TokenCounts(long[] counts) {

    /** Counts every token of every sequence (special tokens included; users decide what to drop). */
    public static TokenCounts of(Sequences corpus, int vocabSize) {
        long[] c = new long[vocabSize];
        for (int[] s : corpus.inputIds()) {
            for (int id : s) {
                if (id < 0 || id >= vocabSize) {
                    throw new IllegalArgumentException("token id " + id + " outside the vocabulary of " + vocabSize);
                }
                c[id]++;
            }
        }
        return new TokenCounts(c);
    }

    public int vocabSize() {
        return counts.length;
    }

    /**
     * The cross-entropy in nats of a unigram model of these counts (add-one smoothed) on the tokens
     * of {@code heldOut} that {@code skip} does not exclude: the loss a generator that ignores
     * context would reach at masked positions. A generator's MLM loss below it has learned context.
     */
    public double crossEntropy(Sequences heldOut, java.util.function.IntPredicate skip) {
        long total = 0;
        for (int id = 0; id < counts.length; id++) {
            total += skip.test(id) ? 0 : counts[id];
        }
        int kept = 0;
        for (int id = 0; id < counts.length; id++) {
            kept += skip.test(id) ? 0 : 1;
        }
        double logDenominator = Math.log((double) total + kept);
        double sum = 0;
        long n = 0;
        for (int[] s : heldOut.inputIds()) {
            for (int id : s) {
                if (!skip.test(id)) {
                    sum += logDenominator - Math.log(counts[id] + 1.0);
                    n++;
                }
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("held-out sequences hold no countable token");
        }
        return sum / n;
    }
}
