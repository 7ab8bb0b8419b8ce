package electra.finetune;

import ai.djl.Device;

import com.google.gson.JsonElement;

import electra.checkpoint.Checkpoint;
import electra.checkpoint.HuggingFaceImport;
import electra.checkpoint.Tensor;
import electra.config.ElectraConfig;
import electra.model.ElectraPretrainingModel;
import electra.train.RunDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a fine-tuned model's encoder comes from: {@code random} (the no-pretraining baseline), one
 * of our pretraining checkpoints (a {@code .electra} file, or a run folder with
 * {@code model.electra}: its {@code embeddings.*} and {@code discriminator.electra.*}), or a Hugging
 * Face ELECTRA folder ({@code config.json} + {@code model.safetensors}). The weights are read once
 * and copied into a fresh model for every seed; the classifier is initialised per seed.
 */
public final class EncoderSource {

    private final String description;
    private final ElectraConfig config;
    private final Map<String, Tensor> weights;
    private final String tokenizer;

    private EncoderSource(String description, ElectraConfig config, Map<String, Tensor> weights, String tokenizer) {
        this.description = description;
        this.config = config;
        this.weights = weights;
        this.tokenizer = tokenizer;
    }

    public static EncoderSource random(ElectraConfig config) {
        return new EncoderSource("random", config, null, null);
    }

    /** Our checkpoint: {@code DIR/model.electra} or the file itself. */
    public static EncoderSource checkpoint(Path fileOrDir) throws IOException {
        Path file = fileOrDir;
        if (Files.isDirectory(fileOrDir)) {
            file = fileOrDir.resolve("model" + Checkpoint.SUFFIX);
            if (!Files.isRegularFile(file) && Files.exists(new RunDirectory(fileOrDir).metrics())) {
                throw new IllegalArgumentException(fileOrDir + ": a pretraining run without model" + Checkpoint.SUFFIX
                        + " (not finished yet: wait for it, or continue it with pretrain --resume)");
            }
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(fileOrDir + ": no model" + Checkpoint.SUFFIX
                        + " and no config.json (neither a finished pretraining run nor a Hugging Face folder)");
            }
        }
        Checkpoint c = Checkpoint.read(file);
        JsonElement cfg = c.header().get("config");
        if (cfg == null) {
            throw new IllegalArgumentException(file + ": the header has no model config");
        }
        ElectraConfig config = Checkpoint.gson().fromJson(cfg, ElectraConfig.class);
        JsonElement tok = c.header().get("tokenizer");
        return new EncoderSource(file.toString(), config, Tensor.fromCheckpoint(c, "model"),
                tok == null || tok.isJsonNull() ? null : tok.getAsString());
    }

    /**
     * The current weights of a pretraining model held in memory (the ablations hand their kept
     * models over this way); copied, so the model may be closed afterwards.
     *
     * @param tokenizer the tokenizer it was trained with, or null
     */
    public static EncoderSource of(ElectraPretrainingModel model, String description, String tokenizer) {
        return new EncoderSource(description, model.config(), Tensor.of(model.namedParameters()), tokenizer);
    }

    /** A Hugging Face ELECTRA folder; its tokenizer is the folder itself when it holds one. */
    public static EncoderSource huggingFace(Path dir) throws IOException {
        HuggingFaceImport.Imported imported = HuggingFaceImport.read(dir);
        boolean hasTokenizer = Files.exists(dir.resolve("tokenizer.json")) || Files.exists(dir.resolve("vocab.txt"));
        return new EncoderSource(dir.toString(), imported.config(), imported.model(), hasTokenizer ? dir.toString() : null);
    }

    /**
     * {@code random}, a Hugging Face folder, or our checkpoint (file or run folder).
     *
     * @param preset the preset for {@code random}; for a checkpoint, if not null, the sizes it must
     *               have (a checkpoint of another preset is an input error)
     */
    public static EncoderSource open(String spec, String preset) throws IOException {
        if (spec.equals("random")) {
            if (preset == null) {
                throw new IllegalArgumentException("--checkpoint random needs --preset (one of " + ElectraConfig.presetNames() + ")");
            }
            // the preset's own tokenizer, so "random" and a checkpoint of that preset read the same ids
            return new EncoderSource("random", ElectraConfig.preset(preset), null, electra.config.Recipe.of(preset).tokenizer());
        }
        Path p = Path.of(spec);
        if (!Files.exists(p)) {
            throw new IllegalArgumentException(spec + ": no such checkpoint file or folder (or say 'random')");
        }
        EncoderSource s = HuggingFaceImport.isHuggingFaceFolder(p) ? huggingFace(p) : checkpoint(p);
        if (preset != null) {
            s.checkPreset(ElectraConfig.preset(preset));
        }
        return s;
    }

    /** Fails with one line when the checkpoint's discriminator is not of {@code expected}'s sizes. */
    public void checkPreset(ElectraConfig expected) {
        ElectraConfig c = config;
        boolean same = c.embeddingSize() == expected.embeddingSize() && c.hiddenSize() == expected.hiddenSize()
                && c.numHiddenLayers() == expected.numHiddenLayers() && c.numAttentionHeads() == expected.numAttentionHeads()
                && c.intermediateSize() == expected.intermediateSize();
        if (!same) {
            throw new IllegalArgumentException(description + ": a checkpoint of preset " + c.preset() + " " + sizes(c)
                    + ", not of preset " + expected.preset() + " " + sizes(expected));
        }
    }

    private static String sizes(ElectraConfig c) {
        return "(embedding " + c.embeddingSize() + ", hidden " + c.hiddenSize() + ", layers " + c.numHiddenLayers()
                + ", heads " + c.numAttentionHeads() + ", FFN " + c.intermediateSize() + ")";
    }

    /** A new model: the encoder from the source (or random), the classifier initialised from {@code seed}. */
    public ElectraForSequenceClassification build(int numLabels, Device device, int seed) {
        return build(numLabels, Pooling.CLS, 0, device, seed);
    }

    /**
     * As {@link #build(int, Device, int)}, the classifier reading the states {@code pooling} names and
     * the top {@code reinitTopLayers} encoder layers left at their fresh (seeded) initialisation.
     */
    public ElectraForSequenceClassification build(int numLabels, Pooling pooling, int reinitTopLayers, Device device,
                                                  int seed) {
        return build(numLabels, pooling, reinitTopLayers, 1.0, device, seed);
    }

    /**
     * As {@link #build(int, Pooling, int, Device, int)}, the loaded weights shrunk towards the fresh
     * initialisation by {@code shrinkPerturb} (see {@link FineTuneOptions#shrinkPerturb()}).
     */
    public ElectraForSequenceClassification build(int numLabels, Pooling pooling, int reinitTopLayers, double shrinkPerturb,
                                                  Device device, int seed) {
        ElectraForSequenceClassification model = ElectraForSequenceClassification.create(config, numLabels, pooling, device, seed);
        if (weights != null) {
            try {
                model.loadEncoder(weights, description, reinitTopLayers, shrinkPerturb);
            } catch (RuntimeException e) {
                model.close();
                throw e;
            }
        }
        return model;
    }

    /**
     * The same source with the encoder's and the classifier's dropout set to {@code p}: fine-tuning's
     * dropout need not be pretraining's (the laptop preset pretrains without dropout; the official
     * fine-tuning recipe uses 0.1). {@link ElectraConfig} rejects a value outside [0, 1).
     */
    public EncoderSource withDropout(float p) {
        return new EncoderSource(description, config.withDropout(p), weights, tokenizer);
    }

    public boolean pretrained() {
        return weights != null;
    }

    public String description() {
        return description;
    }

    public ElectraConfig config() {
        return config;
    }

    /** The tokenizer the checkpoint was trained with (our header's {@code tokenizer}, or the HF folder), or null. */
    public String tokenizer() {
        return tokenizer;
    }
}
