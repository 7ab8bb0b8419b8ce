package electra.finetune;

/**
 * A tokenized input with its special tokens: {@code [CLS] a [SEP]} or {@code [CLS] a [SEP] b [SEP]},
 * and segment ids (0 for [CLS], a and its [SEP]; 1 for b and its [SEP]). No padding.
 */
public record PackedIds(int[] ids, int[] segmentIds) {
    public PackedIds {
        if (ids.length != segmentIds.length) {
            throw new IllegalArgumentException("ids (" + ids.length + ") and segmentIds (" + segmentIds.length
                    + ") differ in length");
        }
        if (ids.length == 0) {
            throw new IllegalArgumentException("an empty sequence (not even [CLS])");
        }
    }

    public int length() {
        return ids.length;
    }
}
