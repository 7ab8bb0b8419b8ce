package electra.finetune;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.TruncatedNormalInitializer;
import ai.djl.util.PairList;

import electra.checkpoint.Tensor;
import electra.config.ElectraConfig;
import electra.model.ElectraEmbeddings;
import electra.model.ElectraEncoder;
import electra.model.ParameterNames;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The discriminator with a sentence classification head, as the official ELECTRA fine-tunes it
 * ({@code finetune/classification/classification_tasks.py}): the final hidden state of the first
 * token ([CLS]), dropout, one linear layer to the label logits, softmax cross-entropy. Not Hugging
 * Face's {@code ElectraClassificationHead}, which adds a dense(H, H) + GELU layer before the output.
 * The head's dropout is the config's hidden dropout (0.1 in the paper's presets, the official value; 0 in
 * laptop, which pretrains without it; {@code finetune --dropout} sets it).
 * {@link Pooling#MEAN} (an option, not the official head) averages the real tokens' states instead.
 *
 * <p>Parameter paths: {@code embeddings.*} and {@code electra.*} (the discriminator's
 * {@code embeddings_project} and {@code encoder.layer.N}, Hugging Face's names up to the prefix
 * {@code electra.} for the embeddings) and {@code classifier.weight}/{@code classifier.bias}.
 *
 * <p>Owns its parameters' manager; run every forward pass inside {@link #newStepManager()}.
 */
public final class ElectraForSequenceClassification extends AbstractBlock implements AutoCloseable {

    private final ElectraConfig config;
    private final int numLabels;
    private final ElectraEmbeddings embeddings;
    private final ElectraEncoder electra;
    private final Linear classifier;
    private final float classifierDropout;
    private final Pooling pooling;
    private final NDManager manager;
    private final ParameterStore parameterStore;
    private final Map<String, Parameter> namedParameters;

    private ElectraForSequenceClassification(ElectraConfig config, int numLabels, Pooling pooling, Device device, int seed) {
        if (numLabels < 2) {
            throw new IllegalArgumentException("numLabels = " + numLabels + ": must be at least 2");
        }
        this.config = config;
        this.numLabels = numLabels;
        this.pooling = pooling;
        this.classifierDropout = config.hiddenDropoutProb();
        embeddings = addChildBlock("embeddings", new ElectraEmbeddings(config));
        electra = addChildBlock("electra", new ElectraEncoder(config, config.discriminator()));
        classifier = addChildBlock("classifier", Linear.builder().setUnits(numLabels).build());
        manager = NDManager.newBaseManager(device);
        Engine.getEngine("PyTorch").setRandomSeed(seed);
        setInitializer(new TruncatedNormalInitializer(ElectraConfig.INITIALIZER_RANGE), Parameter.Type.WEIGHT);
        initialize(manager, DataType.FLOAT32, new Shape(1, 1, config.embeddingSize()));
        namedParameters = ParameterNames.of(this);
        for (Parameter p : namedParameters.values()) {
            p.getArray().setRequiresGradient(true);
        }
        parameterStore = new ParameterStore(manager, false);
    }

    /** A randomly initialised model (truncated normal, std 0.02; seeded): the no-pretraining baseline. */
    public static ElectraForSequenceClassification create(ElectraConfig config, int numLabels, Device device, int seed) {
        return create(config, numLabels, Pooling.CLS, device, seed);
    }

    /** As {@link #create(ElectraConfig, int, Device, int)} with a choice of the states the classifier reads. */
    public static ElectraForSequenceClassification create(ElectraConfig config, int numLabels, Pooling pooling,
                                                          Device device, int seed) {
        return new ElectraForSequenceClassification(config, numLabels, pooling, device, seed);
    }

    @Override
    protected void initializeChildBlocks(NDManager m, DataType dataType, Shape... inputShapes) {
        embeddings.initialize(m, dataType, new Shape(1, 1, config.embeddingSize()));
        electra.initialize(m, dataType, new Shape(1, 1, config.embeddingSize()));
        classifier.initialize(m, dataType, new Shape(1, config.hiddenSize()));
    }

    /**
     * Copies the embeddings and the discriminator's encoder from tensors named as the pretraining
     * model names them ({@code embeddings.*}, {@code discriminator.electra.*}); the classifier keeps
     * its initialisation. Checks every name and shape before changing anything.
     *
     * @param what the source file, for error messages
     */
    public void loadEncoder(Map<String, Tensor> pretraining, String what) {
        loadEncoder(pretraining, what, 0);
    }

    /**
     * As {@link #loadEncoder(Map, String)}, but the top {@code reinitTopLayers} encoder layers keep
     * this model's fresh initialisation: "re-initialising the top layers" of Zhang et al. (2021,
     * Revisiting Few-sample BERT Fine-tuning), for layers specialised to the pretraining task.
     */
    public void loadEncoder(Map<String, Tensor> pretraining, String what, int reinitTopLayers) {
        loadEncoder(pretraining, what, reinitTopLayers, 1.0);
    }

    /**
     * As {@link #loadEncoder(Map, String, int)}, each loaded weight then shrunk towards this model's
     * fresh initialisation: {@code lambda * pretrained + (1 - lambda) * fresh}, Ash and Adams
     * (2020)'s "shrink and perturb" for warm starts with the perturbation drawn from the model's own
     * initialiser, so lambda 0 is random initialisation and 1 the checkpoint as it is.
     */
    public void loadEncoder(Map<String, Tensor> pretraining, String what, int reinitTopLayers, double lambda) {
        if (!(lambda >= 0 && lambda <= 1)) {
            throw new IllegalArgumentException("shrink-and-perturb lambda " + lambda + ": not in [0, 1]");
        }
        int n = numLayers();
        if (reinitTopLayers < 0 || reinitTopLayers > n) {
            throw new IllegalArgumentException("re-initialise " + reinitTopLayers + " top layers: the encoder has " + n);
        }
        Map<String, Parameter> loaded = encoderParameters();
        loaded.keySet().removeIf(name -> {
            int depth = LayerwiseDecay.depth(name, n); // encoder layer i has depth i + 1
            return depth >= 1 && depth <= n && depth - 1 >= n - reinitTopLayers;
        });
        Map<String, float[]> fresh = new LinkedHashMap<>();
        if (lambda < 1) {
            loaded.forEach((name, p) -> fresh.put(name, p.getArray().toFloatArray()));
        }
        Tensor.loadInto(loaded, pretraining, name -> name.startsWith("electra.") ? "discriminator." + name : name, what);
        if (lambda < 1) {
            float keep = (float) lambda;
            loaded.forEach((name, p) -> {
                float[] w = p.getArray().toFloatArray();
                float[] f = fresh.get(name);
                for (int i = 0; i < w.length; i++) {
                    w[i] = keep * w[i] + (1 - keep) * f[i];
                }
                Tensor.copyInto(p.getArray(), w);
            });
        }
    }

    /** All parameters except the classifier's. */
    public Map<String, Parameter> encoderParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>(namedParameters);
        out.keySet().removeIf(k -> k.startsWith("classifier."));
        return out;
    }

    /**
     * @param inputIds (B, S) int token ids
     * @param segmentIds (B, S) int segment ids
     * @param inputMask (B, S) 1 for real tokens, 0 for padding
     * @return (B, numLabels) logits
     */
    public NDArray logits(NDArray inputIds, NDArray segmentIds, NDArray inputMask, boolean training) {
        return classify(pooledStates(inputIds, segmentIds, inputMask, training), training);
    }

    /** The encoder's part of {@link #logits}: the (B, H) states the classifier reads ([CLS] or the mean). */
    public NDArray pooledStates(NDArray inputIds, NDArray segmentIds, NDArray inputMask, boolean training) {
        ParameterStore ps = parameterStore;
        NDArray embedded = embeddings.forward(ps, inputIds, segmentIds, training);
        NDArray hidden = electra.forward(ps, embedded, ElectraEncoder.attentionBias(inputMask), training);
        return pooling == Pooling.CLS ? hidden.get(":, 0, :") : meanOverTokens(hidden, inputMask);
    }

    /** The head's part of {@link #logits}: dropout and the linear layer, (B, H) states to (B, numLabels) logits. */
    public NDArray classify(NDArray pooled, boolean training) {
        NDArray dropped = Dropout.dropout(pooled, classifierDropout, training).singletonOrThrow();
        return classifier.forward(parameterStore, new NDList(dropped), training).singletonOrThrow();
    }

    /** (B, S, H) states averaged over the positions where the (B, S) mask is 1: (B, H). */
    static NDArray meanOverTokens(NDArray hidden, NDArray inputMask) {
        NDArray weights = inputMask.toType(DataType.FLOAT32, false);
        NDArray counts = weights.sum(new int[] {1}, true); // (B, 1), at least 1: every example has [CLS]
        return hidden.mul(weights.expandDims(2)).sum(new int[] {1}).div(counts);
    }

    /** Mean softmax cross-entropy of (B, L) logits against (B) labels given as a (B, L) one-hot float array. */
    public static NDArray loss(NDArray logits, NDArray oneHotLabels) {
        return logits.logSoftmax(-1).mul(oneHotLabels).sum(new int[] {-1}).neg().mean();
    }

    /**
     * A sub-manager for one step: the parameters are attached to it temporarily, so every array
     * derived from them is freed on close and the parameters return to the model.
     */
    public NDManager newStepManager() {
        NDManager step = manager.newSubManager();
        for (Parameter p : namedParameters.values()) {
            p.getArray().tempAttach(step);
        }
        return step;
    }

    /** Parameters by path, e.g. {@code electra.encoder.layer.0.attention.self.query.weight}. */
    public Map<String, Parameter> namedParameters() {
        return namedParameters;
    }

    public ElectraConfig config() {
        return config;
    }

    public int numLabels() {
        return numLabels;
    }

    public Pooling pooling() {
        return pooling;
    }

    public int numLayers() {
        return electra.numLayers();
    }

    public NDManager getManager() {
        return manager;
    }

    public long parameterCount() {
        return namedParameters.values().stream().mapToLong(p -> p.getArray().size()).sum();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(logits(inputs.get(0), inputs.get(1), inputs.get(2), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), numLabels)};
    }

    @Override
    public void close() {
        manager.close();
    }
}
