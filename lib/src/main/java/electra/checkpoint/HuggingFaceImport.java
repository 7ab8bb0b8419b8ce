package electra.checkpoint;

import ai.djl.nn.Parameter;

import electra.config.ElectraConfig;
import electra.model.ElectraPretrainingModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a Hugging Face ELECTRA folder ({@code config.json} + {@code model.safetensors} of an
 * {@code ElectraForPreTraining}, {@code ElectraModel}, {@code ElectraForMaskedLM} or any
 * {@code Electra*} model whose encoder is named {@code electra.*}) into tensors named as our
 * pretraining model names its parameters: {@code embeddings.*}, {@code discriminator.electra.*},
 * {@code discriminator.discriminator_predictions.*}; with a {@code generator/} sub-folder (as
 * {@link HuggingFaceExport} writes it) also {@code generator.*}. Task heads such as
 * {@code classifier.*} and the buffers {@code position_ids}/{@code token_type_ids} are ignored.
 * Weights may be F32, F16 or BF16 (converted to float32).
 */
public final class HuggingFaceImport {
    private HuggingFaceImport() {}

    /** A folder read: our config (generator fraction from {@code generator/} when present) and tensors. */
    public record Imported(Path dir, ElectraConfig config, Map<String, Tensor> model, boolean hasGenerator,
                           boolean hasRtdHead) {

        /** Copies the tensors into {@code params} (a subset of our pretraining model's names). */
        public void loadInto(Map<String, Parameter> params) {
            Tensor.loadInto(params, model, k -> k, dir.resolve(HuggingFaceExport.WEIGHTS).toString());
        }
    }

    /** True when {@code dir} looks like a Hugging Face model folder. */
    public static boolean isHuggingFaceFolder(Path dir) {
        // our run folders hold a config.json too; their model.electra (or, while a run is still
        // going, its metrics.csv) tells them apart
        return Files.isDirectory(dir) && Files.isRegularFile(dir.resolve("config.json"))
                && !Files.exists(dir.resolve("model" + Checkpoint.SUFFIX)) && !Files.exists(dir.resolve("metrics.csv"));
    }

    public static Imported read(Path dir) throws IOException {
        HuggingFaceConfig.Read main = HuggingFaceConfig.read(dir);
        Map<String, Tensor> model = new LinkedHashMap<>();
        Safetensors weights = weights(dir);
        String base = weights.names().stream().anyMatch(n -> n.startsWith("electra.")) ? "electra." : "";
        for (String name : weights.names()) {
            String ours = mainName(name, base);
            if (ours != null) {
                model.put(ours, weights.tensor(name));
            }
        }
        if (!model.containsKey("embeddings.word_embeddings")) {
            throw new IllegalArgumentException(weights.file() + ": no " + base
                    + "embeddings.word_embeddings.weight (not the weights of an ELECTRA model)");
        }
        ElectraConfig config = main.config();
        boolean hasGenerator = false;
        Path genDir = dir.resolve(HuggingFaceExport.GENERATOR_FOLDER);
        if (isHuggingFaceFolder(genDir)) {
            HuggingFaceConfig.Read gen = HuggingFaceConfig.read(genDir);
            config = withGenerator(config, gen.tower(), genDir);
            Safetensors g = weights(genDir);
            String gbase = g.names().stream().anyMatch(n -> n.startsWith("electra.")) ? "electra." : "";
            Map<String, Tensor> genEmbeddings = new LinkedHashMap<>();
            for (String name : g.names()) {
                if (name.startsWith(gbase + "embeddings.")) {
                    String rest = name.substring((gbase + "embeddings.").length());
                    if (!isBuffer(rest)) {
                        genEmbeddings.put("generator_embeddings." + HuggingFaceExport.ourEmbeddingName(rest), g.tensor(name));
                    }
                } else if (name.startsWith(gbase + "embeddings_project.") || name.startsWith(gbase + "encoder.")) {
                    model.put("generator.electra." + name.substring(gbase.length()), g.tensor(name));
                } else if (name.startsWith("generator_predictions.") || name.equals("generator_lm_head.bias")) {
                    model.put("generator." + name, g.tensor(name));
                }
            }
            boolean tied = genEmbeddings.entrySet().stream().allMatch(e -> {
                Tensor shared = model.get(e.getKey().substring("generator_".length()));
                return shared != null && Arrays.equals(shared.shape(), e.getValue().shape())
                        && Arrays.equals(shared.data(), e.getValue().data());
            });
            if (!tied) {
                model.putAll(genEmbeddings);
                config = config.withTieEmbeddings(false);
            }
            hasGenerator = true;
        }
        boolean rtd = model.containsKey("discriminator.discriminator_predictions.dense_prediction.weight");
        return new Imported(dir, HuggingFaceConfig.withKnownPresetName(config), model, hasGenerator, rtd);
    }

    /** Loads a Hugging Face folder into {@code model}'s embeddings and towers (all of its parameters). */
    public static Imported loadInto(ElectraPretrainingModel model, Path dir) throws IOException {
        Imported imported = read(dir);
        if (model.hasGenerator() && !imported.hasGenerator()) {
            throw new IllegalArgumentException(dir + ": no " + HuggingFaceExport.GENERATOR_FOLDER
                    + "/ folder, but the model has a generator");
        }
        imported.loadInto(model.namedParameters());
        return imported;
    }

    private static Safetensors weights(Path dir) throws IOException {
        Path file = dir.resolve(HuggingFaceExport.WEIGHTS);
        if (!Files.isRegularFile(file)) {
            String hint = Files.exists(dir.resolve("pytorch_model.bin"))
                    ? " (pytorch_model.bin is not read: save the model with safe_serialization=True)" : "";
            throw new IllegalArgumentException(dir + ": missing weights file " + HuggingFaceExport.WEIGHTS + hint);
        }
        return Safetensors.read(file);
    }

    /** Our name for a tensor of the main folder, or null for one we do not use. */
    private static String mainName(String name, String base) {
        if (name.startsWith(base + "embeddings.")) {
            String rest = name.substring((base + "embeddings.").length());
            return isBuffer(rest) ? null : "embeddings." + HuggingFaceExport.ourEmbeddingName(rest);
        }
        if (name.startsWith(base + "embeddings_project.") || name.startsWith(base + "encoder.")) {
            return "discriminator.electra." + name.substring(base.length());
        }
        if (name.startsWith("discriminator_predictions.") || name.startsWith("generator_predictions.")
                || name.equals("generator_lm_head.bias")) {
            return "discriminator." + name;
        }
        return null;
    }

    private static boolean isBuffer(String embeddingsName) {
        return embeddingsName.equals("position_ids") || embeddingsName.equals("token_type_ids");
    }

    /** Our generator is derived from a fraction of the discriminator: check that one reproduces it. */
    private static ElectraConfig withGenerator(ElectraConfig c, ElectraConfig.Tower gen, Path genDir) {
        ElectraConfig withFraction = c.withGeneratorFraction((double) gen.hiddenSize() / c.hiddenSize());
        if (!withFraction.generator().equals(gen)) {
            throw new IllegalArgumentException(genDir.resolve("config.json") + ": generator sizes " + gen
                    + " are not the ones a generator fraction gives (" + withFraction.generator() + ")");
        }
        return withFraction;
    }
}
