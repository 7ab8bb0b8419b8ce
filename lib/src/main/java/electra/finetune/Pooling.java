package electra.finetune;

import java.util.Locale;

/**
 * Which final hidden states the classifier reads. {@link #CLS} is the official ELECTRA's (and
 * BERT's) choice and the default; {@link #MEAN} is an option for tiny, briefly pretrained models,
 * whose [CLS] state was trained only to say "original" (the discriminator never sees it replaced)
 * and so carries little about the sentence until fine-tuning reshapes the attention.
 */
public enum Pooling {
    /** The first token's ([CLS]) final hidden state. */
    CLS,
    /** The mean of the final hidden states over the real (unpadded) tokens, [CLS] and [SEP] included. */
    MEAN;

    /** {@code cls} or {@code mean}; anything else is an input error naming both. */
    public static Pooling of(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "cls" -> CLS;
            case "mean" -> MEAN;
            default -> throw new IllegalArgumentException("pooling '" + name + "': use cls (the official) or mean");
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
