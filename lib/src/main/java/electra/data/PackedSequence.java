package electra.data;

import java.util.Arrays;

/**
 * One model input on the host: token ids starting with [CLS] (with [SEP] after each segment) and
 * a segment id per token (0 for the first segment and its [SEP], 1 for the second). No padding.
 */
public record PackedSequence(int[] ids, int[] segmentIds) {

    public PackedSequence {
        if (ids.length != segmentIds.length) {
            throw new IllegalArgumentException(ids.length + " ids but " + segmentIds.length + " segment ids");
        }
    }

    public int length() {
        return ids.length;
    }

    /** True if a second segment (segment id 1) is present. */
    public boolean hasSecondSegment() {
        return segmentIds.length > 0 && segmentIds[segmentIds.length - 1] == 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PackedSequence p && Arrays.equals(ids, p.ids) && Arrays.equals(segmentIds, p.segmentIds);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + Arrays.hashCode(segmentIds);
    }

    @Override
    public String toString() {
        return "PackedSequence" + Arrays.toString(ids) + "/" + Arrays.toString(segmentIds);
    }
}
