package electra.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.TruncatedNormalInitializer;

import electra.config.ElectraConfig;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pretraining model: shared {@code embeddings}, an optional small {@code generator}, and the
 * {@code discriminator}, the tower that is kept and fine-tuned. With tied embeddings (the paper's
 * default) both towers read one {@link ElectraEmbeddings}: one parameter, not a copy.
 *
 * <p>Owns its parameters' {@link NDManager}. Run every forward pass inside {@link #newStepManager()}
 * so that all intermediate arrays, gradients included, are freed when the step's manager closes.
 */
public final class ElectraPretrainingModel extends ElectraBlock implements AutoCloseable {

    /**
     * Which towers and heads an objective needs. {@code sequenceHead} is a one-logit head on the
     * discriminator's [CLS] state (the appendix's sentence-level contrastive objective).
     */
    public record Parts(boolean generator, boolean discriminatorMlmHead, boolean discriminatorRtdHead, boolean sequenceHead) {
        public static final Parts ELECTRA = new Parts(true, false, true);
        public static final Parts MLM = new Parts(false, true, false);

        public Parts(boolean generator, boolean discriminatorMlmHead, boolean discriminatorRtdHead) {
            this(generator, discriminatorMlmHead, discriminatorRtdHead, false);
        }
    }

    private final ElectraConfig config;
    private final Parts parts;
    private final ElectraEmbeddings embeddings;
    private final ElectraEmbeddings generatorEmbeddings;
    private final ElectraTower generator;
    private final ElectraTower discriminator;
    private final NDManager manager;
    private final ParameterStore parameterStore;
    private final Map<String, Parameter> namedParameters;

    private ElectraPretrainingModel(ElectraConfig config, Parts parts, Device device, int seed) {
        this.config = config;
        this.parts = parts;
        embeddings = child("embeddings", new ElectraEmbeddings(config));
        generatorEmbeddings = parts.generator() && !config.tieEmbeddings()
                ? child("generator_embeddings", new ElectraEmbeddings(config))
                : null;
        generator = parts.generator()
                ? child("generator", new ElectraTower(config, config.generator(), true, false))
                : null;
        discriminator = child("discriminator", new ElectraTower(config, config.discriminator(),
                parts.discriminatorMlmHead(), parts.discriminatorRtdHead(), parts.sequenceHead()));
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

    /** Builds and initialises (truncated normal, std 0.02) a model on {@code device}, seeded. */
    public static ElectraPretrainingModel create(ElectraConfig config, Parts parts, Device device, int seed) {
        return new ElectraPretrainingModel(config, parts, device, seed);
    }

    @Override
    protected void initializeChildBlocks(NDManager m, DataType dataType, Shape... inputShapes) {
        for (Block child : getChildren().values()) {
            child.initialize(m, dataType, inputShapes);
        }
    }

    /**
     * A sub-manager for one step: the parameters are temporarily attached to it, so every array
     * derived from them (activations, gradients, optimizer temporaries) is freed on close, and the
     * parameters return to the model.
     */
    public NDManager newStepManager() {
        NDManager step = manager.newSubManager();
        for (Parameter p : namedParameters.values()) {
            p.getArray().tempAttach(step);
        }
        return step;
    }

    /** Embeddings the generator reads: the shared ones unless untied. */
    public ElectraEmbeddings generatorEmbeddings() {
        return generatorEmbeddings != null ? generatorEmbeddings : embeddings;
    }

    public ElectraEmbeddings embeddings() {
        return embeddings;
    }

    public ElectraTower generator() {
        if (generator == null) {
            throw new IllegalStateException("this objective's model has no generator");
        }
        return generator;
    }

    public boolean hasGenerator() {
        return generator != null;
    }

    public ElectraTower discriminator() {
        return discriminator;
    }

    public ElectraConfig config() {
        return config;
    }

    public Parts parts() {
        return parts;
    }

    public ParameterStore parameterStore() {
        return parameterStore;
    }

    public NDManager getManager() {
        return manager;
    }

    public Device device() {
        return manager.getDevice();
    }

    /** Parameters by dotted path, e.g. {@code discriminator.electra.encoder.layer.0.attention.self.query.weight}. */
    public Map<String, Parameter> namedParameters() {
        return namedParameters;
    }

    public long parameterCount() {
        return namedParameters.values().stream().mapToLong(p -> p.getArray().size()).sum();
    }

    /** Parameters of one top-level part ("embeddings", "generator", "discriminator", ...). */
    public Map<String, Parameter> parametersOf(String part) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        namedParameters.forEach((k, v) -> {
            if (k.startsWith(part + ".")) {
                out.put(k, v);
            }
        });
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
