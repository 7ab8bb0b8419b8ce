package electra.checkpoint;

import com.google.gson.JsonElement;

import electra.config.ElectraConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a pretraining checkpoint as Hugging Face folders:
 *
 * <ul>
 *   <li>{@code OUT/}: the discriminator as {@code ElectraForPreTraining} ({@code config.json},
 *       {@code model.safetensors}), loadable with {@code ElectraForPreTraining.from_pretrained(OUT)}
 *       and, for fine-tuning, {@code ElectraForSequenceClassification.from_pretrained(OUT)};</li>
 *   <li>{@code OUT/generator/}: the generator as {@code ElectraForMaskedLM}, with the shared
 *       embeddings copied in and {@code generator_lm_head.weight} = the word embeddings (tied);</li>
 *   <li>the tokenizer files ({@code tokenizer.json}, {@code vocab.txt}, ...) copied into both.</li>
 * </ul>
 *
 * An MLM-objective checkpoint (no generator, a masked-LM head on the main tower) is written as one
 * {@code ElectraForMaskedLM} folder. The buffers {@code position_ids} and {@code token_type_ids}
 * are not written: transformers registers them with {@code persistent=False} (since v4.31) and
 * builds them itself. Tensors are F32 in the order of Hugging Face's module tree.
 */
public final class HuggingFaceExport {
    private HuggingFaceExport() {}

    public static final String GENERATOR_FOLDER = "generator";
    public static final String WEIGHTS = "model.safetensors";
    private static final Map<String, String> METADATA = Map.of("format", "pt");
    private static final List<String> TOKENIZER_FILES = List.of(
            "tokenizer.json", "vocab.txt", "tokenizer_config.json", "special_tokens_map.json");

    /** What was written. */
    public record Written(Path discriminator, Path generator, List<String> discriminatorNames) {}

    /**
     * Exports {@code checkpoint} (a {@code .electra} file, or a run folder holding {@code model.electra}).
     *
     * @param tokenizer a tokenizer file or a folder holding the files above; null to write none
     */
    public static Written export(Path checkpoint, Path out, Path tokenizer) throws IOException {
        Path file = Files.isDirectory(checkpoint) ? checkpoint.resolve("model" + Checkpoint.SUFFIX) : checkpoint;
        Checkpoint c = Checkpoint.read(file);
        JsonElement cfg = c.header().get("config");
        if (cfg == null) {
            throw new IllegalArgumentException(file + ": the header has no model config");
        }
        ElectraConfig config = Checkpoint.gson().fromJson(cfg, ElectraConfig.class);
        return export(config, Tensor.fromCheckpoint(c, "model"), out, tokenizer, file.toString());
    }

    /**
     * Exports tensors named as {@code ElectraPretrainingModel.namedParameters()} names them.
     *
     * @param what the source, for error messages
     */
    public static Written export(ElectraConfig config, Map<String, Tensor> model, Path out, Path tokenizer, String what)
            throws IOException {
        if (config.preLayerNorm()) {
            throw new IllegalArgumentException(what + ": a pre-LayerNorm model has no Hugging Face ELECTRA equivalent");
        }
        Map<String, Tensor> main = mainTower(model, what);
        boolean mlm = main.containsKey("generator_lm_head.bias");
        Safetensors.write(out.resolve(WEIGHTS), main, METADATA);
        HuggingFaceConfig.write(out.resolve("config.json"), HuggingFaceConfig.toJson(config, config.discriminator(),
                mlm ? HuggingFaceConfig.GENERATOR : HuggingFaceConfig.DISCRIMINATOR));
        copyTokenizer(tokenizer, out);
        Path generatorDir = null;
        if (model.keySet().stream().anyMatch(k -> k.startsWith("generator."))) {
            generatorDir = out.resolve(GENERATOR_FOLDER);
            Safetensors.write(generatorDir.resolve(WEIGHTS), generator(model, what), METADATA);
            HuggingFaceConfig.write(generatorDir.resolve("config.json"),
                    HuggingFaceConfig.toJson(config, config.generator(), HuggingFaceConfig.GENERATOR));
            copyTokenizer(tokenizer, generatorDir);
        }
        return new Written(out, generatorDir, List.copyOf(main.keySet()));
    }

    /** The discriminator's (or an MLM model's main tower's) tensors under Hugging Face names. */
    static Map<String, Tensor> mainTower(Map<String, Tensor> model, String what) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        Map<String, Tensor> heads = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : model.entrySet()) {
            String k = e.getKey();
            if (k.startsWith("embeddings.")) {
                out.put("electra.embeddings." + hfEmbeddingName(k.substring("embeddings.".length())), e.getValue());
            } else if (k.startsWith("discriminator.electra.")) {
                out.put(k.substring("discriminator.".length()), e.getValue());
            } else if (k.startsWith("discriminator.")) {
                heads.put(k.substring("discriminator.".length()), e.getValue());
            }
        }
        if (!out.containsKey("electra.embeddings.word_embeddings.weight")) {
            throw new IllegalArgumentException(what + ": no embeddings.word_embeddings (not an ELECTRA pretraining checkpoint)");
        }
        addHeads(out, heads, model.get("embeddings.word_embeddings"));
        return out;
    }

    /** The generator as {@code ElectraForMaskedLM}: its own tower over the (shared) embeddings. */
    static Map<String, Tensor> generator(Map<String, Tensor> model, String what) {
        String embeddings = model.containsKey("generator_embeddings.word_embeddings") ? "generator_embeddings." : "embeddings.";
        Map<String, Tensor> out = new LinkedHashMap<>();
        Map<String, Tensor> heads = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : model.entrySet()) {
            String k = e.getKey();
            if (k.startsWith(embeddings)) {
                out.put("electra.embeddings." + hfEmbeddingName(k.substring(embeddings.length())), e.getValue());
            }
        }
        for (Map.Entry<String, Tensor> e : model.entrySet()) {
            String k = e.getKey();
            if (k.startsWith("generator.electra.")) {
                out.put(k.substring("generator.".length()), e.getValue());
            } else if (k.startsWith("generator.")) {
                heads.put(k.substring("generator.".length()), e.getValue());
            }
        }
        addHeads(out, heads, model.get(embeddings + "word_embeddings"));
        return out;
    }

    /**
     * Our embedding tables are parameters named {@code word_embeddings} etc.; in Hugging Face they
     * are {@code nn.Embedding} modules with a {@code weight}. Other names (LayerNorm) are the same.
     */
    static String hfEmbeddingName(String ours) {
        return ours.endsWith("_embeddings") ? ours + ".weight" : ours;
    }

    /** Our name for a Hugging Face embeddings tensor name (the inverse of {@link #hfEmbeddingName}). */
    static String ourEmbeddingName(String hf) {
        return hf.endsWith("_embeddings.weight") ? hf.substring(0, hf.length() - ".weight".length()) : hf;
    }

    /** Heads in Hugging Face's order; the MLM head's output matrix is the tied word embedding table. */
    private static void addHeads(Map<String, Tensor> out, Map<String, Tensor> heads, Tensor wordEmbeddings) {
        heads.forEach((k, v) -> {
            if (!k.equals("generator_lm_head.bias")) {
                out.put(k, v);
            }
        });
        if (heads.containsKey("generator_lm_head.bias")) {
            out.put("generator_lm_head.weight", wordEmbeddings);
            out.put("generator_lm_head.bias", heads.get("generator_lm_head.bias"));
        }
    }

    private static void copyTokenizer(Path tokenizer, Path out) throws IOException {
        if (tokenizer == null) {
            return;
        }
        if (Files.isRegularFile(tokenizer)) {
            Files.copy(tokenizer, out.resolve(tokenizer.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        if (!Files.isDirectory(tokenizer)) {
            throw new IllegalArgumentException(tokenizer + ": no such tokenizer file or folder");
        }
        boolean any = false;
        for (String name : TOKENIZER_FILES) {
            Path f = tokenizer.resolve(name);
            if (Files.isRegularFile(f)) {
                Files.copy(f, out.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                any = true;
            }
        }
        if (!any) {
            throw new IllegalArgumentException(tokenizer + ": holds none of " + TOKENIZER_FILES);
        }
    }
}
