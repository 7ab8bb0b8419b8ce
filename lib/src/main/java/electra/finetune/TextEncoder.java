package electra.finetune;

/**
 * Text to ids, as the data layer's {@code ElectraTokenizer.encodeWithSpecials(a, b, maxLength)}
 * does: WordPiece, {@code [CLS] a [SEP] (b [SEP])}, truncated to {@code maxLength} tokens in all.
 * Kept as an interface here so that fine-tuning does not depend on a particular tokenizer.
 */
@FunctionalInterface
public interface TextEncoder {

    /** @param b the second sentence, or null */
    PackedIds encode(String a, String b, int maxLength);

    /** The token string of {@code id}, for display ({@code score}); the default shows the id. */
    default String token(int id) {
        return "#" + id;
    }
}
