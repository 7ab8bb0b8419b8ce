package electra.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;

import electra.config.ElectraConfig;
import electra.config.PretrainOptions;
import electra.data.SpecialTokens;
import electra.model.ElectraPretrainingModel;
import electra.pretrain.MaskedBatch;
import electra.pretrain.Masking;
import electra.pretrain.Objective;
import electra.pretrain.PretrainMetrics;
import electra.pretrain.Sequences;
import electra.pretrain.StepOutput;
import electra.pretrain.TokenBatch;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pretraining step and its state: model, optimizer, schedule and data order. Each step draws
 * its batch, masks, samples and dropout from (seed, step) alone, so runs are reproducible on CPU
 * and a resumed run continues exactly.
 */
public final class Pretrainer implements AutoCloseable {

    /** One step's scalars (the {@link PretrainMetrics#SCALARS} plus lr and grad_norm) and whether it was skipped. */
    public record StepRecord(long step, Map<String, Double> metrics, boolean skipped) {}

    private final ElectraConfig config;
    private final PretrainOptions options;
    private final Objective objective;
    private final Sequences train;
    private final SpecialTokens specials;
    private final ElectraPretrainingModel model;
    private final AdamWeightDecay optimizer;
    private final LinearSchedule schedule;
    private final SequenceOrder order;
    private final Masking.Options masking;
    private final boolean skipNonFinite;
    private long step;
    private long skipped;

    public Pretrainer(ElectraConfig config, PretrainOptions options, Objective objective, Sequences train,
                      SpecialTokens specials, Device device, boolean skipNonFinite) {
        config.checkSequenceLength(options.seq());
        if (config.vocabSize() != specials.vocabSize()) {
            throw new IllegalArgumentException("vocabSize = " + config.vocabSize() + " but the tokenizer has "
                    + specials.vocabSize() + " entries");
        }
        this.config = config;
        this.options = options;
        this.objective = objective;
        this.train = train;
        this.specials = specials;
        this.skipNonFinite = skipNonFinite;
        this.model = ElectraPretrainingModel.create(config, objective.parts(), device, (int) options.seed());
        this.optimizer = new AdamWeightDecay(model.getManager(), options.weightDecay());
        this.schedule = new LinearSchedule(options.learningRate(), options.warmupSteps(), options.steps());
        this.order = new SequenceOrder(train.size(), options.seed());
        this.masking = objective.masking(options);
    }

    /** Runs the next step: forward, backward, non-finite check, clipped update. */
    public StepRecord step() {
        long s = step + 1;
        TestHooks.delayStep();
        MaskedBatch batch = maskedBatch(s);
        Map<String, Parameter> params = model.namedParameters();
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed(Rng.engineSeed(options.seed(), s));
        double lr = schedule.at(s);
        try (NDManager sm = model.newStepManager()) {
            MaskedBatch.Arrays arrays = batch.toDevice(sm);
            StepOutput out;
            try (GradientCollector gc = engine.newGradientCollector()) {
                out = objective.forward(model, arrays, options, true);
                if (TestHooks.nanAt(s)) {
                    out = withLoss(out, electra.model.Scalars.mul(out.loss(), Double.NaN));
                }
                gc.backward(out.loss());
            }
            float norm = AdamWeightDecay.globalNorm(params);
            Map<String, Double> metrics = new LinkedHashMap<>(PretrainMetrics.scalars(out));
            metrics.put("grad_norm", (double) norm);
            metrics.put("lr", lr);
            double loss = metrics.get("loss");
            boolean skip = false;
            if (!Double.isFinite(loss) || !Float.isFinite(norm)) {
                AdamWeightDecay.zeroGradients(params);
                if (!skipNonFinite) {
                    throw Double.isFinite(loss) ? new NonFiniteException(s, "gradient norm", norm)
                            : new NonFiniteException(s, "loss", loss);
                }
                skip = true;
                skipped++;
            } else {
                optimizer.update(params, lr, options.clipNorm(), norm);
            }
            step = s;
            return new StepRecord(s, metrics, skip);
        }
    }

    private static StepOutput withLoss(StepOutput o, ai.djl.ndarray.NDArray loss) {
        return new StepOutput(loss, o.mlmLoss(), o.mlmAccuracy(), o.sampledMlmAccuracy(), o.discLoss(), o.discLogits(),
                o.discLabels(), o.discWeights());
    }

    /** The masked host batch of 1-based step {@code s}. */
    public MaskedBatch maskedBatch(long s) {
        TokenBatch tokens = train.batch(order.batch(s, options.batch()), options.seq(), specials.pad());
        return objective.mask(tokens, specials, masking, Rng.forStep(options.seed(), s, Rng.MASKING));
    }

    /**
     * Metrics on held-out sequences without dropout or updates, with masks fixed by the seed, so
     * two evaluations of the same weights agree. Adds disc_auc.
     */
    public Map<String, Double> evaluate(Sequences heldOut, int maxBatches) {
        return Evaluation.run(model, objective, options, masking, specials, heldOut, maxBatches);
    }

    public ElectraPretrainingModel model() {
        return model;
    }

    public AdamWeightDecay optimizer() {
        return optimizer;
    }

    public long stepsDone() {
        return step;
    }

    public long skippedSteps() {
        return skipped;
    }

    /** Sets the step counter after a checkpoint restored the weights and moments. */
    public void resumeAt(long stepsDone, long skippedSteps) {
        this.step = stepsDone;
        this.skipped = skippedSteps;
    }

    public PretrainOptions options() {
        return options;
    }

    public ElectraConfig config() {
        return config;
    }

    public Objective objective() {
        return objective;
    }

    @Override
    public void close() {
        optimizer.close();
        model.close();
    }
}
