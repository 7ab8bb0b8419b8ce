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
}
