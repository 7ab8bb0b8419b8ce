package electra.finetune;

import java.util.Locale;

/**
 * Fine-tuning hyperparameters; {@link #official(String)} gives the paper's (Table 7) for a preset:
 * Adam (no bias correction, eps 1e-6), lr 3e-4 for Small-sized models (tiny too) and 1e-4 for Base,
 * layer-wise decay 0.8, 10% linear warmup then linear decay to 0, batch 32, 3 epochs, max length
 * 128, weight decay 0 (the paper's value; the official script's default is 0.01), gradients clipped
 * to global norm 1 as in the official {@code create_optimizer}, the classifier on [CLS].
 *
 * @param seeds how many fine-tuning runs (seeds firstSeed, firstSeed + 1, ...)
 * @param pooling the states the classifier reads ({@link Pooling#CLS}, the official, unless chosen)
 * @param probe a linear probe: the encoder stays as loaded and only the classifier trains (not the
 *              official recipe; it asks what the pretrained states already hold, apart from what
 *              fine-tuning the whole encoder can learn from the task's own examples)
 * @param reinitTopLayers how many top encoder layers start from a fresh initialisation instead of
 *                        the checkpoint (0, the official, unless chosen; see
 *                        {@link ElectraForSequenceClassification#loadEncoder(java.util.Map, String, int)})
 * @param dropout the encoder's and the classifier's dropout while fine-tuning, or null for the
 *                encoder config's (0.1 in the paper's presets, the official value; 0 in laptop,
 *                which pretrains without dropout)
 * @param biasCorrection Adam with bias correction (standard Adam, not the official optimizer; false
 *                       unless chosen)
 * @param shrinkPerturb lambda of Ash and Adams (2020)'s "shrink and perturb" for warm starts: each
 *                      loaded weight becomes lambda * pretrained + (1 - lambda) * its fresh
 *                      initialisation; 1 (the official: the checkpoint as it is) unless chosen, 0 is
 *                      random initialisation
 */
public record FineTuneOptions(double learningRate, int epochs, int batchSize, int maxLength, double warmupProportion,
                              double layerDecay, double weightDecay, double clipNorm, int seeds, long firstSeed,
                              int evalBatchSize, Pooling pooling, boolean probe,
                              int reinitTopLayers, Float dropout, boolean biasCorrection, double shrinkPerturb) {

    public FineTuneOptions {
        require(learningRate > 0, "learningRate", learningRate);
        require(epochs > 0, "epochs", epochs);
        require(batchSize > 0, "batchSize", batchSize);
        require(maxLength >= 2, "maxLength", maxLength);
        require(warmupProportion >= 0 && warmupProportion < 1, "warmupProportion", warmupProportion);
        require(layerDecay >= 0 && layerDecay <= 1, "layerDecay", layerDecay);
        require(weightDecay >= 0, "weightDecay", weightDecay);
        require(clipNorm > 0, "clipNorm", clipNorm);
        require(seeds > 0, "seeds", seeds);
        require(evalBatchSize > 0, "evalBatchSize", evalBatchSize);
        require(pooling != null, "pooling", pooling);
        require(reinitTopLayers >= 0, "reinitTopLayers", reinitTopLayers);
        require(dropout == null || (dropout >= 0 && dropout < 1), "dropout", dropout);
        require(shrinkPerturb >= 0 && shrinkPerturb <= 1, "shrinkPerturb", shrinkPerturb);
    }

    private static void require(boolean ok, String field, Object value) {
        if (!ok) {
            throw new IllegalArgumentException(field + " = " + value + ": out of range");
        }
    }

    /** The official recipe for a preset ("tiny", "small", "laptop": 3e-4; "base" and anything else: Base's 1e-4). */
    public static FineTuneOptions official(String preset) {
        double lr = switch (preset.toLowerCase(Locale.ROOT)) {
            case "tiny", "small", "laptop" -> 3e-4;
            default -> 1e-4;
        };
        return new FineTuneOptions(lr, 3, 32, 128, 0.1, 0.8, 0.0, 1.0, 1, 1, 64, Pooling.CLS, false, 0, null, false, 1.0);
    }

    public FineTuneOptions withLearningRate(double v) {
        return with(d -> d.learningRate = v);
    }

    public FineTuneOptions withEpochs(int v) {
        return with(d -> d.epochs = v);
    }

    public FineTuneOptions withBatchSize(int v) {
        return with(d -> d.batchSize = v);
    }

    public FineTuneOptions withMaxLength(int v) {
        return with(d -> d.maxLength = v);
    }

    public FineTuneOptions withLayerDecay(double v) {
        return with(d -> d.layerDecay = v);
    }

    public FineTuneOptions withWeightDecay(double v) {
        return with(d -> d.weightDecay = v);
    }

    public FineTuneOptions withSeeds(int count, long first) {
        return with(d -> {
            d.seeds = count;
            d.firstSeed = first;
        });
    }

    public FineTuneOptions withPooling(Pooling v) {
        return with(d -> d.pooling = v);
    }

    public FineTuneOptions withProbe(boolean v) {
        return with(d -> d.probe = v);
    }

    public FineTuneOptions withReinitTopLayers(int v) {
        return with(d -> d.reinitTopLayers = v);
    }

    public FineTuneOptions withDropout(Float v) {
        return with(d -> d.dropout = v);
    }

    public FineTuneOptions withBiasCorrection(boolean v) {
        return with(d -> d.biasCorrection = v);
    }

    public FineTuneOptions withShrinkPerturb(double v) {
        return with(d -> d.shrinkPerturb = v);
    }

    /** A copy with {@code change} applied (and checked by the constructor): every wither in one place. */
    private FineTuneOptions with(java.util.function.Consumer<Draft> change) {
        Draft d = new Draft(this);
        change.accept(d);
        return d.options();
    }

    /** The components as mutable fields, so each wither names only what it changes. */
    private static final class Draft {
        double learningRate;
        int epochs;
        int batchSize;
        int maxLength;
        double warmupProportion;
        double layerDecay;
        double weightDecay;
        double clipNorm;
        int seeds;
        long firstSeed;
        int evalBatchSize;
        Pooling pooling;
        boolean probe;
        int reinitTopLayers;
        Float dropout;
        boolean biasCorrection;
        double shrinkPerturb;

        Draft(FineTuneOptions o) {
            learningRate = o.learningRate;
            epochs = o.epochs;
            batchSize = o.batchSize;
            maxLength = o.maxLength;
            warmupProportion = o.warmupProportion;
            layerDecay = o.layerDecay;
            weightDecay = o.weightDecay;
            clipNorm = o.clipNorm;
            seeds = o.seeds;
            firstSeed = o.firstSeed;
            evalBatchSize = o.evalBatchSize;
            pooling = o.pooling;
            probe = o.probe;
            reinitTopLayers = o.reinitTopLayers;
            dropout = o.dropout;
            biasCorrection = o.biasCorrection;
            shrinkPerturb = o.shrinkPerturb;
        }

        FineTuneOptions options() {
            return new FineTuneOptions(learningRate, epochs, batchSize, maxLength, warmupProportion, layerDecay,
                    weightDecay, clipNorm, seeds, firstSeed, evalBatchSize, pooling, probe, reinitTopLayers, dropout,
                    biasCorrection, shrinkPerturb);
        }
    }

    /** Optimizer steps of one run over {@code trainSize} examples (the last batch of an epoch may be short). */
    public int totalSteps(int trainSize) {
        return epochs * stepsPerEpoch(trainSize);
    }

    public int stepsPerEpoch(int trainSize) {
        return (trainSize + batchSize - 1) / batchSize;
    }

    public int warmupSteps(int trainSize) {
        return (int) Math.round(totalSteps(trainSize) * warmupProportion);
    }
}
