package electra.score;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

import com.google.gson.JsonElement;

import electra.checkpoint.Checkpoint;
import electra.checkpoint.HuggingFaceImport;
import electra.config.ElectraConfig;
import electra.model.ElectraEncoder;
import electra.model.ElectraPretrainingModel;
import electra.model.ElectraTower;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the discriminator thinks of a text: per token p(replaced) = sigmoid(replaced-token logit).
 * Loads only the embeddings and the discriminator (with its replaced-token-detection head) from our
 * checkpoint or from a Hugging Face {@code ElectraForPreTraining} folder.
 */
public final class ReplacedTokenScorer implements AutoCloseable {

    /** The model parts scoring needs: no generator, the RTD head on the discriminator. */
    public static final ElectraPretrainingModel.Parts PARTS = new ElectraPretrainingModel.Parts(false, false, true);

    private final ElectraPretrainingModel model;
    private final String tokenizer;

    public ReplacedTokenScorer(ElectraPretrainingModel model, String tokenizer) {
        if (!model.discriminator().hasRtdHead()) {
            throw new IllegalArgumentException("the model's discriminator has no replaced-token-detection head");
        }
        this.model = model;
        this.tokenizer = tokenizer;
    }

    /** Our checkpoint (a {@code .electra} file or a run folder with {@code model.electra}) or a Hugging Face folder. */
    public static ReplacedTokenScorer load(Path checkpoint, Device device) throws IOException {
        if (HuggingFaceImport.isHuggingFaceFolder(checkpoint)) {
            HuggingFaceImport.Imported imported = HuggingFaceImport.read(checkpoint);
            if (!imported.hasRtdHead()) {
                throw new IllegalArgumentException(checkpoint + ": no discriminator_predictions weights (not an ElectraForPreTraining model)");
            }
            ElectraPretrainingModel model = ElectraPretrainingModel.create(imported.config(), PARTS, device, 0);
            try {
                imported.loadInto(model.namedParameters());
            } catch (RuntimeException e) {
                model.close();
                throw e;
            }
            boolean hasTokenizer = Files.exists(checkpoint.resolve("tokenizer.json")) || Files.exists(checkpoint.resolve("vocab.txt"));
            return new ReplacedTokenScorer(model, hasTokenizer ? checkpoint.toString() : null);
        }
        Path file = Files.isDirectory(checkpoint) ? checkpoint.resolve("model" + Checkpoint.SUFFIX) : checkpoint;
        Checkpoint c = Checkpoint.read(file);
        JsonElement cfg = c.header().get("config");
        if (cfg == null) {
            throw new IllegalArgumentException(file + ": the header has no model config");
        }
        if (!c.tensors().containsKey("model/discriminator.discriminator_predictions.dense_prediction.weight")) {
            throw new IllegalArgumentException(file + ": no replaced-token-detection head (objective "
                    + (c.header().has("objective") ? c.header().get("objective").getAsString() : "unknown")
                    + "); scoring needs an ELECTRA-objective checkpoint");
        }
        ElectraConfig config = Checkpoint.gson().fromJson(cfg, ElectraConfig.class);
        ElectraPretrainingModel model = ElectraPretrainingModel.create(config, PARTS, device, 0);
        try {
            c.loadInto("model", model.namedParameters(), file.toString());
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        JsonElement tok = c.header().get("tokenizer");
        return new ReplacedTokenScorer(model, tok == null || tok.isJsonNull() ? null : tok.getAsString());
    }

    /**
     * Per-token probability that the token was replaced, for one sequence without padding.
     *
     * @param ids token ids including [CLS] and [SEP]
     * @param segmentIds segment ids of the same length
     */
    public float[] pReplaced(int[] ids, int[] segmentIds) {
        return pReplaced(model, ids, segmentIds);
    }

    /** The same with any model whose discriminator has the RTD head. */
    public static float[] pReplaced(ElectraPretrainingModel model, int[] ids, int[] segmentIds) {
        if (ids.length != segmentIds.length) {
            throw new IllegalArgumentException(ids.length + " ids but " + segmentIds.length + " segment ids");
        }
        model.config().checkSequenceLength(ids.length);
        for (int id : ids) {
            if (id < 0 || id >= model.config().vocabSize()) {
                throw new IllegalArgumentException("token id " + id + " outside the vocabulary of " + model.config().vocabSize());
            }
        }
        float[] logits = logits(model, ids, segmentIds);
        float[] p = new float[logits.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (1.0 / (1.0 + Math.exp(-logits[i])));
        }
        return p;
    }

    /** The raw discriminator logits (before the sigmoid), for tests and export checks. */
    public static float[] logits(ElectraPretrainingModel model, int[] ids, int[] segmentIds) {
        ParameterStore ps = model.parameterStore();
        try (NDManager sm = model.newStepManager()) {
            Shape shape = new Shape(1, ids.length);
            NDArray bias = ElectraEncoder.attentionBias(sm.ones(shape, ai.djl.ndarray.types.DataType.INT32));
            ElectraTower d = model.discriminator();
            NDArray hidden = d.hidden(ps, model.embeddings().forward(ps, sm.create(ids, shape), sm.create(segmentIds, shape), false),
                    bias, false);
            return d.rtdLogits(ps, hidden, false).toFloatArray();
        }
    }

    public ElectraPretrainingModel model() {
        return model;
    }

    /** The tokenizer recorded with the checkpoint, or null. */
    public String tokenizer() {
        return tokenizer;
    }

    @Override
    public void close() {
        model.close();
    }
}
