package electra.finetune;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;

import electra.train.AdamWeightDecay;
import electra.train.LinearSchedule;
import electra.train.NonFiniteException;
import electra.train.Rng;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Fine-tunes a classifier on one task with the official recipe ({@link FineTuneOptions}) for
 * several seeds, evaluating on dev after every epoch. Each seed builds a fresh model from the
 * {@link EncoderSource}; its classifier initialisation, data order (a new shuffle per epoch) and
 * dropout derive from (seed, epoch/step) alone. Batches are padded to their longest sequence, which
 * changes no result (padding is masked) and saves time on short sentences.
 */
public final class FineTuner {

    /** Called after each epoch's dev evaluation. */
    @FunctionalInterface
    public interface Listener {
        void onEpoch(FineTuneResult.EpochRow row, int totalEpochs);
    }

    /** An example as ids: {@code [CLS] a [SEP] (b [SEP])} with segments, and its label. */
    public record Encoded(int[] ids, int[] segmentIds, int label) {}

    private final EncoderSource source;
    private final TaskData task;
    private final FineTuneOptions options;
    private final Device device;
    private final List<Encoded> train;
    private final List<Encoded> dev;

    public FineTuner(EncoderSource source, TaskData task, TextEncoder encoder, FineTuneOptions options, Device device) {
        if (options.maxLength() > source.config().maxPositionEmbeddings()) {
            throw new IllegalArgumentException("maxLength = " + options.maxLength() + " exceeds maxPositionEmbeddings ("
                    + source.config().maxPositionEmbeddings() + ") of " + source.description());
        }
        // the options record the dropout actually used, the checkpoint's own unless chosen
        this.source = options.dropout() == null ? source : source.withDropout(options.dropout());
        this.task = task;
        this.options = options.withDropout(this.source.config().hiddenDropoutProb());
        this.device = device;
        this.train = encode(task.train(), encoder, options.maxLength(), source.config().vocabSize(), task.name() + " train");
        this.dev = encode(task.dev(), encoder, options.maxLength(), source.config().vocabSize(), task.name() + " dev");
    }

    /** The options it runs with: as given, the dropout resolved to the one used. */
    public FineTuneOptions options() {
        return options;
    }

    /** Tokenizes every example once; ids outside the model's vocabulary are an input error. */
    public static List<Encoded> encode(List<LabeledText> examples, TextEncoder encoder, int maxLength, int vocabSize,
                                       String what) {
        List<Encoded> out = new ArrayList<>(examples.size());
        for (int i = 0; i < examples.size(); i++) {
            LabeledText x = examples.get(i);
            PackedIds p = encoder.encode(x.a(), x.b(), maxLength);
            if (p.length() > maxLength) {
                throw new IllegalArgumentException(what + " example " + i + ": the tokenizer returned " + p.length()
                        + " tokens for maxLength " + maxLength);
            }
            for (int id : p.ids()) {
                if (id < 0 || id >= vocabSize) {
                    throw new IllegalArgumentException(what + " example " + i + ": token id " + id
                            + " outside the model's vocabulary of " + vocabSize + " (another tokenizer?)");
                }
            }
            out.add(new Encoded(p.ids(), p.segmentIds(), x.label()));
        }
        return out;
    }

    /** Runs every seed and collects the scores. */
    public FineTuneResult run(Listener listener) {
        List<FineTuneResult.SeedResult> seeds = new ArrayList<>();
        for (int k = 0; k < options.seeds(); k++) {
            seeds.add(runSeed(options.firstSeed() + k, listener));
        }
        return new FineTuneResult(task.name(), task.metric(), source.description(), train.size(), dev.size(), options, seeds);
    }

    /** One fine-tuning run from a fresh model. */
    public FineTuneResult.SeedResult runSeed(long seed, Listener listener) {
        return runSeed(seed, listener, null);
    }

    /**
     * As {@link #runSeed(long, Listener)}; {@code afterEpoch} sees the model after each epoch, before
     * it is closed (tests; a notebook's confusion matrix via {@link #predict}).
     */
    public FineTuneResult.SeedResult runSeed(long seed, Listener listener,
                                      java.util.function.ObjIntConsumer<ElectraForSequenceClassification> afterEpoch) {
        try (ElectraForSequenceClassification model = source.build(task.numLabels(), options.pooling(), options.reinitTopLayers(),
                options.shrinkPerturb(), device,
                (int) seed);
             AdamWeightDecay optimizer = new AdamWeightDecay(model.getManager(), options.weightDecay(),
                     LayerwiseDecay.scales(model.numLayers(), options.layerDecay()), options.biasCorrection())) {
            return train(model, optimizer, seed, listener, afterEpoch);
        }
    }

    private FineTuneResult.SeedResult train(ElectraForSequenceClassification model, AdamWeightDecay optimizer, long seed,
                                            Listener listener,
                                            java.util.function.ObjIntConsumer<ElectraForSequenceClassification> afterEpoch) {
        LinearSchedule schedule = new LinearSchedule(options.learningRate(), options.warmupSteps(train.size()),
                options.totalSteps(train.size()));
        // a probe trains, clips and updates the classifier alone
        Map<String, Parameter> params = new java.util.LinkedHashMap<>(model.namedParameters());
        if (options.probe()) {
            params.keySet().removeAll(model.encoderParameters().keySet());
        }
        Engine engine = Engine.getEngine("PyTorch");
        List<FineTuneResult.EpochRow> rows = new ArrayList<>();
        long step = 0;
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            long start = System.nanoTime();
            int[] order = permutation(train.size(), Rng.forStep(seed, epoch, Rng.DATA_ORDER));
            double lossSum = 0;
            int batches = 0;
            for (int from = 0; from < order.length; from += options.batchSize()) {
                int to = Math.min(order.length, from + options.batchSize());
                List<Encoded> batch = new ArrayList<>(to - from);
                for (int i = from; i < to; i++) {
                    batch.add(train.get(order[i]));
                }
                step++;
                engine.setRandomSeed(Rng.engineSeed(seed, step));
                try (NDManager sm = model.newStepManager()) {
                    Arrays a = arrays(sm, batch, model.numLabels());
                    // a probe's encoder runs before the collector opens, so autograd records (and the
                    // backward pass walks) the classifier alone; the random draws keep their order
                    NDArray pooled = options.probe() ? model.pooledStates(a.ids(), a.segments(), a.mask(), true) : null;
                    NDArray loss;
                    try (GradientCollector gc = engine.newGradientCollector()) {
                        NDArray logits = pooled != null ? model.classify(pooled, true)
                                : model.logits(a.ids(), a.segments(), a.mask(), true);
                        loss = ElectraForSequenceClassification.loss(logits, a.oneHot());
                        gc.backward(loss);
                    }
                    float value = loss.getFloat();
                    float norm = AdamWeightDecay.globalNorm(params);
                    if (!Float.isFinite(value) || !Float.isFinite(norm)) {
                        throw Float.isFinite(value)
                                ? new NonFiniteException(step, "gradient norm (non-finite in: " + firstNonFinite(params) + ")", norm)
                                : new NonFiniteException(step, "loss", value);
                    }
                    optimizer.update(params, schedule.at(step), options.clipNorm(), norm);
                    lossSum += value;
                    batches++;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            ClassificationMetrics m = evaluate(model, dev, options.evalBatchSize());
            FineTuneResult.EpochRow row = new FineTuneResult.EpochRow(seed, epoch, lossSum / batches, m.accuracy(), m.f1(),
                    m.mcc(), seconds);
            rows.add(row);
            if (afterEpoch != null) {
                afterEpoch.accept(model, epoch);
            }
            if (listener != null) {
                listener.onEpoch(row, options.epochs());
            }
        }
        return new FineTuneResult.SeedResult(seed, rows.get(rows.size() - 1).metric(task.metric()), rows);
    }

    /** Names of the parameters whose gradient holds a NaN or an infinity, for the error message. */
    static String firstNonFinite(Map<String, Parameter> params) {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            NDArray g = e.getValue().getArray().getGradient();
            if (g.isNaN().any().getBoolean() || g.isInfinite().any().getBoolean()) {
                names.add(e.getKey());
            }
        }
        return names.isEmpty() ? "none" : names.size() <= 3 ? String.join(", ", names)
                : names.get(0) + " and " + (names.size() - 1) + " more";
    }

    /** Dev metrics without dropout. */
    public static ClassificationMetrics evaluate(ElectraForSequenceClassification model, List<Encoded> examples, int batchSize) {
        int[] predicted = predict(model, examples, batchSize);
        int[] gold = examples.stream().mapToInt(Encoded::label).toArray();
        return ClassificationMetrics.of(predicted, gold, model.numLabels());
    }

    /** Arg-max labels, in batches of {@code batchSize}. */
    public static int[] predict(ElectraForSequenceClassification model, List<Encoded> examples, int batchSize) {
        int[] out = new int[examples.size()];
        for (int from = 0; from < examples.size(); from += batchSize) {
            List<Encoded> batch = examples.subList(from, Math.min(examples.size(), from + batchSize));
            try (NDManager sm = model.newStepManager()) {
                Arrays a = arrays(sm, batch, model.numLabels());
                long[] best = model.logits(a.ids(), a.segments(), a.mask(), false).argMax(-1).toLongArray();
                for (int i = 0; i < best.length; i++) {
                    out[from + i] = (int) best[i];
                }
            }
        }
        return out;
    }

    /** Device arrays of one batch, padded to its longest sequence. */
    record Arrays(NDArray ids, NDArray segments, NDArray mask, NDArray oneHot) {}

    static Arrays arrays(NDManager m, List<Encoded> batch, int numLabels) {
        int b = batch.size();
        int s = batch.stream().mapToInt(e -> e.ids().length).max().orElse(1);
        int[] ids = new int[b * s];
        int[] segs = new int[b * s];
        int[] mask = new int[b * s];
        float[] oneHot = new float[b * numLabels];
        for (int i = 0; i < b; i++) {
            Encoded e = batch.get(i);
            System.arraycopy(e.ids(), 0, ids, i * s, e.ids().length);
            System.arraycopy(e.segmentIds(), 0, segs, i * s, e.segmentIds().length);
            java.util.Arrays.fill(mask, i * s, i * s + e.ids().length, 1);
            oneHot[i * numLabels + e.label()] = 1f;
        }
        Shape shape = new Shape(b, s);
        return new Arrays(m.create(ids, shape), m.create(segs, shape), m.create(mask, shape),
                m.create(oneHot, new Shape(b, numLabels)));
    }

    /** A uniformly random permutation of 0..n-1 (Fisher-Yates). */
    static int[] permutation(int n, SplittableRandom r) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    public List<Encoded> trainSet() {
        return train;
    }

    public List<Encoded> devSet() {
        return dev;
    }
}
