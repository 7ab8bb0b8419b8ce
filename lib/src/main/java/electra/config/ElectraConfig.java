package electra.config;

import java.util.Locale;

/**
 * Sizes of one ELECTRA model pair: the discriminator's, and the generator's as a fraction of it.
 * Field names follow the official {@code BertConfig} and Hugging Face's {@code ElectraConfig}.
 *
 * <p>The generator's sizes are derived as the official {@code get_generator_config} does:
 * hidden = round(hidden x generatorFraction), FFN = 4 x that, heads = max(1, hidden / 64),
 * same depth as the discriminator.
 */
public record ElectraConfig(
        String preset,
        int vocabSize,
        int embeddingSize,
        int hiddenSize,
        int numHiddenLayers,
        int numAttentionHeads,
        int intermediateSize,
        int maxPositionEmbeddings,
        int typeVocabSize,
        float hiddenDropoutProb,
        float attentionDropoutProb,
        double generatorFraction,
        boolean tieEmbeddings,
        boolean preLayerNorm) {

    public static final float LAYER_NORM_EPS = 1e-12f;
    public static final float INITIALIZER_RANGE = 0.02f;

    /** The BERT uncased WordPiece vocabulary ELECTRA used. */
    public static final int BERT_VOCAB_SIZE = 30522;

    public ElectraConfig {
        require(vocabSize >= 8, "vocabSize", vocabSize, "must be at least 8");
        require(embeddingSize > 0, "embeddingSize", embeddingSize, "must be positive");
        require(hiddenSize > 0, "hiddenSize", hiddenSize, "must be positive");
        require(numHiddenLayers > 0, "numHiddenLayers", numHiddenLayers, "must be positive");
        require(numAttentionHeads > 0, "numAttentionHeads", numAttentionHeads, "must be positive");
        require(hiddenSize % numAttentionHeads == 0, "hiddenSize", hiddenSize,
                "must be divisible by numAttentionHeads (" + numAttentionHeads + ")");
        require(intermediateSize > 0, "intermediateSize", intermediateSize, "must be positive");
        require(maxPositionEmbeddings > 0, "maxPositionEmbeddings", maxPositionEmbeddings, "must be positive");
        require(typeVocabSize > 0, "typeVocabSize", typeVocabSize, "must be positive");
        require(hiddenDropoutProb >= 0 && hiddenDropoutProb < 1, "hiddenDropoutProb", hiddenDropoutProb, "must be in [0, 1)");
        require(attentionDropoutProb >= 0 && attentionDropoutProb < 1, "attentionDropoutProb", attentionDropoutProb, "must be in [0, 1)");
        require(generatorFraction > 0 && generatorFraction <= 1, "generatorFraction", generatorFraction, "must be in (0, 1]");
    }

    /** Fails with "field = value: rule" unless {@code ok}: the library's one-line message for a bad field. */
    public static void require(boolean ok, String field, Object value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException(field + " = " + value + ": " + rule);
        }
    }

    /** The paper's ELECTRA-Small: 12 x 256, 4 heads, FFN 1024, embeddings 128, generator 1/4. */
    public static ElectraConfig small() {
        return new ElectraConfig("small", BERT_VOCAB_SIZE, 128, 256, 12, 4, 1024, 512, 2, 0.1f, 0.1f, 0.25, true, false);
    }

    /** ELECTRA-Base: 12 x 768, 12 heads, FFN 3072, embeddings 768, generator 1/3 as released. */
    public static ElectraConfig base() {
        return new ElectraConfig("base", BERT_VOCAB_SIZE, 768, 768, 12, 12, 3072, 512, 2, 0.1f, 0.1f, 1.0 / 3, true, false);
    }

    /** A CPU-sized model for tests and notebooks: 4 x 128, 2 heads, generator 1/4. */
    public static ElectraConfig tiny() {
        return new ElectraConfig("tiny", BERT_VOCAB_SIZE, 128, 128, 4, 2, 512, 128, 2, 0.1f, 0.1f, 0.25, true, false);
    }

    /**
     * The CPU recipe's model (see {@link Recipe} and the README's "Laptop-scale ELECTRA"): tiny's
     * sizes on the corpus-trained 8,000-piece vocabulary, without dropout (at this scale the
     * model underfits; dropout only slows it), positions up to 64.
     */
    public static ElectraConfig laptop() {
        return new ElectraConfig("laptop", 8000, 128, 128, 4, 2, 512, 64, 2, 0f, 0f, 0.25, true, false);
    }

    /** Looks a preset up by name; {@code IllegalArgumentException} names the known ones. */
    public static ElectraConfig preset(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "tiny" -> tiny();
            case "small" -> small();
            case "base" -> base();
            case "laptop" -> laptop();
            default -> throw new IllegalArgumentException(
                    "unknown preset '" + name + "' (known: " + String.join(", ", presetNames()) + ")");
        };
    }

    public static java.util.List<String> presetNames() {
        return java.util.List.of("tiny", "small", "base", "laptop");
    }

    public ElectraConfig withVocabSize(int v) {
        return new ElectraConfig(preset, v, embeddingSize, hiddenSize, numHiddenLayers, numAttentionHeads,
                intermediateSize, maxPositionEmbeddings, typeVocabSize, hiddenDropoutProb, attentionDropoutProb,
                generatorFraction, tieEmbeddings, preLayerNorm);
    }

    public ElectraConfig withGeneratorFraction(double f) {
        return new ElectraConfig(preset, vocabSize, embeddingSize, hiddenSize, numHiddenLayers, numAttentionHeads,
                intermediateSize, maxPositionEmbeddings, typeVocabSize, hiddenDropoutProb, attentionDropoutProb,
                f, tieEmbeddings, preLayerNorm);
    }

    public ElectraConfig withTieEmbeddings(boolean tie) {
        return new ElectraConfig(preset, vocabSize, embeddingSize, hiddenSize, numHiddenLayers, numAttentionHeads,
                intermediateSize, maxPositionEmbeddings, typeVocabSize, hiddenDropoutProb, attentionDropoutProb,
                generatorFraction, tie, preLayerNorm);
    }

    public ElectraConfig withDropout(float p) {
        return new ElectraConfig(preset, vocabSize, embeddingSize, hiddenSize, numHiddenLayers, numAttentionHeads,
                intermediateSize, maxPositionEmbeddings, typeVocabSize, p, p, generatorFraction, tieEmbeddings, preLayerNorm);
    }

    /** Sizes of one transformer tower (the discriminator or the generator). */
    public record Tower(int hiddenSize, int numHiddenLayers, int numAttentionHeads, int intermediateSize) {}

    public Tower discriminator() {
        return new Tower(hiddenSize, numHiddenLayers, numAttentionHeads, intermediateSize);
    }

    /** As the official {@code get_generator_config}; a fraction of 1 gives a discriminator-sized generator. */
    public Tower generator() {
        if (generatorFraction == 1.0) {
            return discriminator();
        }
        int h = Math.max(1, (int) Math.round(hiddenSize * generatorFraction));
        int heads = Math.max(1, h / 64);
        while (h % heads != 0) {
            heads--; // keep the head size whole for odd fractions such as 0.6
        }
        return new Tower(h, numHiddenLayers, heads, 4 * h);
    }

    /** Fails with a field-named message when a sequence does not fit the position table. */
    public void checkSequenceLength(int seq) {
        require(seq > 0, "seq", seq, "must be positive");
        require(seq <= maxPositionEmbeddings, "seq", seq,
                "exceeds maxPositionEmbeddings (" + maxPositionEmbeddings + ") of preset " + preset);
    }
}
