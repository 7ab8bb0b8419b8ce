package electra.config;

import java.util.Locale;

/**
 * What a preset means beyond its model sizes: the tokenizer it is trained with and its
 * pretraining defaults, each overridable on the command line. {@code tiny}, {@code small} and
 * {@code base} use the paper's vocabulary (BERT uncased) and the official rates; {@code laptop}
 * is the CPU recipe measured in the README ("Laptop-scale ELECTRA").
 *
 * @param tokenizer a catalog tokenizer name
 * @param seq tokens per pretraining sequence
 * @param batch sequences per step
 * @param learningRate peak learning rate
 * @param steps default step count
 * @param temperature the generator's sampling temperature (the paper: 1)
 */
public record Recipe(String tokenizer, int seq, int batch, double learningRate, int steps, double temperature) {

    public static Recipe of(String preset) {
        return switch (preset.toLowerCase(Locale.ROOT)) {
            case "tiny" -> new Recipe("bert-uncased", 128, 16, 5e-4, 1000, 1.0);
            case "small" -> new Recipe("bert-uncased", 128, 128, 5e-4, 1000, 1.0);
            case "base" -> new Recipe("bert-uncased", 128, 256, 2e-4, 1000, 1.0);
            // T = 5: flatter samples are easier negatives, which takes a CPU-sized discriminator off
            // the "everything is original" plateau in minutes; 2 was the first to do it, 5 the first
            // whose held-out recall passes 0.5 (README, "Laptop-scale ELECTRA")
            case "laptop" -> new Recipe("wordpiece-8k", 32, 64, 1e-3, 4000, 5.0);
            // a --config file's own preset name (default "custom") trains as tiny does
            default -> new Recipe("bert-uncased", 128, 16, 5e-4, 1000, 1.0);
        };
    }
}
