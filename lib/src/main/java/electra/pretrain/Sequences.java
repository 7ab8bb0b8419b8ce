package electra.pretrain;

import electra.data.PackedSequence;

import java.util.ArrayList;
import java.util.List;

/** Packed sequences ([CLS] ... [SEP], no padding) and their segment ids (null: all segment 0). */
public record Sequences(List<int[]> inputIds, List<int[]> segmentIds) {

    public Sequences {
        if (segmentIds != null && segmentIds.size() != inputIds.size()) {
            throw new IllegalArgumentException("segmentIds has " + segmentIds.size() + " rows, inputIds " + inputIds.size());
        }
    }

    public static Sequences of(List<int[]> inputIds) {
        return new Sequences(inputIds, null);
    }

    /** The ids and segment ids of packed sequences ({@code PretrainingCorpus.packTrain} and friends). */
    public static Sequences ofPacked(List<PackedSequence> packed) {
        List<int[]> ids = new ArrayList<>(packed.size());
        List<int[]> segments = new ArrayList<>(packed.size());
        for (PackedSequence p : packed) {
            ids.add(p.ids());
            segments.add(p.segmentIds());
        }
        return new Sequences(ids, segments);
    }

    public int size() {
        return inputIds.size();
    }

    /** The host batch of the given rows, padded to {@code seq}. */
    public TokenBatch batch(int[] rows, int seq, int pad) {
        List<int[]> ids = new ArrayList<>(rows.length);
        for (int r : rows) {
            ids.add(inputIds.get(r));
        }
        TokenBatch b = TokenBatch.of(ids, seq, pad);
        if (segmentIds != null) {
            for (int i = 0; i < rows.length; i++) {
                int[] s = segmentIds.get(rows[i]);
                System.arraycopy(s, 0, b.segmentIds()[i], 0, s.length);
            }
        }
        return b;
    }

    /** Real tokens over all sequences. */
    public long tokens() {
        return inputIds.stream().mapToLong(a -> a.length).sum();
    }
}
