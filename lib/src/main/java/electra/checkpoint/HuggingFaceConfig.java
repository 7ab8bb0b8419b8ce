package electra.checkpoint;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import electra.config.ElectraConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Hugging Face {@code config.json} of an ELECTRA model ({@code transformers.ElectraConfig}) to and
 * from our {@link ElectraConfig}. Fields our model does not have are written with Hugging Face's
 * defaults; on reading, settings our model cannot reproduce (another activation, relative
 * positions, another LayerNorm epsilon) are refused rather than silently changed.
 */
public final class HuggingFaceConfig {
    private HuggingFaceConfig() {}

    public static final String DISCRIMINATOR = "ElectraForPreTraining";
    public static final String GENERATOR = "ElectraForMaskedLM";

    /** The sizes of one tower as read from a {@code config.json}. */
    public record Read(ElectraConfig config, ElectraConfig.Tower tower, String architecture) {}

    /** {@code config.json} for one tower of {@code c} (the discriminator's or the generator's sizes). */
    public static JsonObject toJson(ElectraConfig c, ElectraConfig.Tower tower, String architecture) {
        JsonObject o = new JsonObject();
        JsonArray arch = new JsonArray();
        arch.add(architecture);
        o.add("architectures", arch);
        o.addProperty("model_type", "electra");
        o.addProperty("vocab_size", c.vocabSize());
        o.addProperty("embedding_size", c.embeddingSize());
        o.addProperty("hidden_size", tower.hiddenSize());
        o.addProperty("num_hidden_layers", tower.numHiddenLayers());
        o.addProperty("num_attention_heads", tower.numAttentionHeads());
        o.addProperty("intermediate_size", tower.intermediateSize());
        o.addProperty("hidden_act", "gelu");
        o.addProperty("hidden_dropout_prob", clean(c.hiddenDropoutProb()));
        o.addProperty("attention_probs_dropout_prob", clean(c.attentionDropoutProb()));
        o.addProperty("max_position_embeddings", c.maxPositionEmbeddings());
        o.addProperty("type_vocab_size", c.typeVocabSize());
        o.addProperty("initializer_range", clean(ElectraConfig.INITIALIZER_RANGE));
        o.addProperty("layer_norm_eps", clean(ElectraConfig.LAYER_NORM_EPS));
        o.addProperty("pad_token_id", 0);
        o.addProperty("position_embedding_type", "absolute");
        o.addProperty("summary_type", "first");
        o.addProperty("summary_use_proj", true);
        o.addProperty("summary_activation", "gelu");
        o.addProperty("summary_last_dropout", 0.1);
        o.add("classifier_dropout", com.google.gson.JsonNull.INSTANCE);
        o.addProperty("use_cache", true);
        o.addProperty("torch_dtype", "float32");
        return o;
    }

    public static void write(Path file, JsonObject json) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, new com.google.gson.GsonBuilder().setPrettyPrinting().create().toJson(json) + "\n",
                StandardCharsets.UTF_8);
    }

    /**
     * Reads {@code dir/config.json}. Missing size fields take Hugging Face's {@code ElectraConfig}
     * defaults (those of ELECTRA-Small). One-line errors name the file.
     */
    public static Read read(Path dir) throws IOException {
        Path file = dir.resolve("config.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + ": no config.json (not a Hugging Face model folder)");
        }
        JsonObject o;
        try {
            JsonElement el = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            if (!el.isJsonObject()) {
                throw new JsonParseException("not an object");
            }
            o = el.getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IllegalArgumentException(file + ": not valid JSON");
        }
        String type = str(o, "model_type", null);
        if (!"electra".equals(type)) {
            throw new IllegalArgumentException(file + ": model_type is " + (type == null ? "missing" : "'" + type + "'")
                    + ", not 'electra' (only ELECTRA checkpoints can be imported)");
        }
        String act = str(o, "hidden_act", "gelu");
        if (!act.equals("gelu")) {
            throw new IllegalArgumentException(file + ": hidden_act '" + act + "' is not supported (only the exact erf 'gelu')");
        }
        String positions = str(o, "position_embedding_type", "absolute");
        if (!positions.equals("absolute")) {
            throw new IllegalArgumentException(file + ": position_embedding_type '" + positions + "' is not supported (only 'absolute')");
        }
        double eps = num(o, "layer_norm_eps", 1e-12);
        if (Math.abs(eps - ElectraConfig.LAYER_NORM_EPS) > 1e-15) {
            throw new IllegalArgumentException(file + ": layer_norm_eps " + eps + " is not supported (only 1e-12)");
        }
        String architecture = DISCRIMINATOR;
        if (o.has("architectures") && o.get("architectures").isJsonArray() && o.getAsJsonArray("architectures").size() > 0) {
            architecture = o.getAsJsonArray("architectures").get(0).getAsString();
        }
        int hidden = integer(o, "hidden_size", 256);
        ElectraConfig.Tower tower = new ElectraConfig.Tower(hidden, integer(o, "num_hidden_layers", 12),
                integer(o, "num_attention_heads", 4), integer(o, "intermediate_size", 1024));
        try {
            ElectraConfig c = new ElectraConfig("huggingface", integer(o, "vocab_size", 30522),
                    integer(o, "embedding_size", 128), tower.hiddenSize(), tower.numHiddenLayers(),
                    tower.numAttentionHeads(), tower.intermediateSize(), integer(o, "max_position_embeddings", 512),
                    integer(o, "type_vocab_size", 2), (float) num(o, "hidden_dropout_prob", 0.1),
                    (float) num(o, "attention_probs_dropout_prob", 0.1), 1.0, true, false);
            return new Read(c, tower, architecture);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    /** The preset whose sizes {@code c} has (vocabulary and generator aside), renamed; else {@code c}. */
    public static ElectraConfig withKnownPresetName(ElectraConfig c) {
        for (String name : ElectraConfig.presetNames()) {
            ElectraConfig p = ElectraConfig.preset(name).withVocabSize(c.vocabSize())
                    .withGeneratorFraction(c.generatorFraction()).withTieEmbeddings(c.tieEmbeddings());
            ElectraConfig renamed = new ElectraConfig(name, c.vocabSize(), c.embeddingSize(), c.hiddenSize(),
                    c.numHiddenLayers(), c.numAttentionHeads(), c.intermediateSize(), c.maxPositionEmbeddings(),
                    c.typeVocabSize(), c.hiddenDropoutProb(), c.attentionDropoutProb(), c.generatorFraction(),
                    c.tieEmbeddings(), c.preLayerNorm());
            if (p.equals(renamed)) {
                return renamed;
            }
        }
        return c;
    }

    /** The float's shortest decimal (0.1f is written 0.1, not 0.10000000149011612). */
    private static double clean(float f) {
        return Double.parseDouble(Float.toString(f));
    }

    private static String str(JsonObject o, String key, String dflt) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsString() : dflt;
    }

    private static double num(JsonObject o, String key, double dflt) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsDouble() : dflt;
    }

    private static int integer(JsonObject o, String key, int dflt) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsInt() : dflt;
    }
}
