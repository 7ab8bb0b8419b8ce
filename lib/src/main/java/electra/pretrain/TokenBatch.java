package electra.pretrain;

/**
 * A batch of packed sequences on the host, as the official {@code pretrain_data.Inputs} before
 * masking: (B, S) token ids padded with [PAD], the 1/0 input mask, and segment ids.
 */
public record TokenBatch(int[][] inputIds, int[][] inputMask, int[][] segmentIds) {

    /** Pads sequences (each already [CLS] ... [SEP]) to {@code seq} with {@code pad}; segment ids all 0. */
    public static TokenBatch of(java.util.List<int[]> sequences, int seq, int pad) {
        int b = sequences.size();
        int[][] ids = new int[b][seq];
        int[][] mask = new int[b][seq];
        int[][] segments = new int[b][seq];
        for (int i = 0; i < b; i++) {
            int[] s = sequences.get(i);
            if (s.length > seq) {
                throw new IllegalArgumentException("sequence " + i + " has " + s.length + " tokens, more than seq = " + seq);
            }
            java.util.Arrays.fill(ids[i], pad);
            System.arraycopy(s, 0, ids[i], 0, s.length);
            java.util.Arrays.fill(mask[i], 0, s.length, 1);
        }
        return new TokenBatch(ids, mask, segments);
    }

    public int batchSize() {
        return inputIds.length;
    }

    public int seqLength() {
        return inputIds[0].length;
    }

    /** Real (non-padding) tokens in the batch. */
    public long realTokens() {
        long n = 0;
        for (int[] row : inputMask) {
            for (int v : row) {
                n += v;
            }
        }
        return n;
    }
}
