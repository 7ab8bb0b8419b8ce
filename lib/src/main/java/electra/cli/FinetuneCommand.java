package electra.cli;

import ai.djl.Device;

import electra.finetune.EncoderSource;
import electra.finetune.FineTuneOptions;
import electra.finetune.FineTuneResult;
import electra.finetune.FineTuner;
import electra.finetune.Pooling;
import electra.finetune.TaskData;
import electra.finetune.TextEncoder;
import electra.train.Devices;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code electra finetune --checkpoint DIR|random|HF_DIR --task NAME|PATH --out DIR2}: fine-tunes a
 * classifier with the official recipe over several seeds and writes {@code DIR2/results.json} and
 * {@code DIR2/epochs.csv}. Tasks and tokenizers come from the data layer, handed in by the caller
 * (the main command): {@code tasks} maps a name or path to a task, {@code tokenizers} a tokenizer
 * spec (null: the default BERT uncased vocabulary) to an encoder.
 */
@Command(name = "finetune", mixinStandardHelpOptions = true,
        description = "Fine-tune a pretrained (or random) discriminator on a classification task.")
public final class FinetuneCommand implements Callable<Integer> {

    @Option(names = "--checkpoint", required = true,
            description = "our run folder or .electra file, a Hugging Face ELECTRA folder, or 'random'")
    String checkpoint;

    @Option(names = "--preset", description = "tiny, small, base or laptop: the model (and tokenizer) for 'random'; for a checkpoint, the sizes it must have")
    String preset;

    @Option(names = "--task", required = true, description = "task name or path, as the data layer knows them")
    String task;

    @Option(names = "--out", required = true, description = "folder for results.json and epochs.csv")
    Path out;

    @Option(names = "--epochs", description = "default: 3 (the official recipe)")
    Integer epochs;

    @Option(names = "--seeds", defaultValue = "3", description = "fine-tuning runs, seeds first-seed.. (default ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--first-seed", defaultValue = "1")
    long firstSeed;

    @Option(names = "--lr", description = "peak learning rate (default: 3e-4 for tiny/small, 1e-4 for base)")
    Double lr;

    @Option(names = "--batch", description = "default: 32")
    Integer batch;

    @Option(names = "--max-length", description = "default: 128")
    Integer maxLength;

    @Option(names = "--layer-decay", description = "layer-wise learning-rate decay (default 0.8; 1 turns it off)")
    Double layerDecay;

    @Option(names = "--weight-decay", description = "default: 0 (the paper's fine-tuning value)")
    Double weightDecay;

    @Option(names = "--dropout", paramLabel = "P",
            description = "dropout in the encoder and before the classifier (default: the model config's; 0.1 in the paper's presets, 0 in laptop)")
    Float dropout;

    @Option(names = "--bias-correction",
            description = "Adam with bias correction, as standard Adam (not the official optimizer, which has none)")
    boolean biasCorrection;

    @Option(names = "--pooling", defaultValue = "cls",
            description = "cls (the official: the [CLS] state) or mean (the real tokens' mean state); default ${DEFAULT-VALUE}")
    String pooling;

    @Option(names = "--probe",
            description = "a linear probe: freeze the encoder, train only the classifier (not the official recipe)")
    boolean probe;

    @Option(names = "--reinit-top-layers", defaultValue = "0", paramLabel = "N",
            description = "start the top N encoder layers from a fresh initialisation, not the checkpoint (default 0)")
    int reinitTopLayers;

    @Option(names = "--shrink-perturb", defaultValue = "1", paramLabel = "LAMBDA",
            description = "each pretrained weight becomes LAMBDA * pretrained + (1 - LAMBDA) * its fresh "
                    + "initialisation (Ash and Adams 2020); 1, the default, loads the checkpoint as it is")
    double shrinkPerturb;

    @Option(names = "--tokenizer", description = "tokenizer spec (default: the one the checkpoint was trained with)")
    String tokenizer;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu")
    String device;

    @Option(names = "--threads", description = "CPU threads for libtorch")
    Integer threads;

    private final Function<String, TaskData> tasks;
    private final Function<String, TextEncoder> tokenizers;

    public FinetuneCommand(Function<String, TaskData> tasks, Function<String, TextEncoder> tokenizers) {
        this.tasks = tasks;
        this.tokenizers = tokenizers;
    }

    @Override
    public Integer call() throws Exception {
        try {
            if (threads != null) {
                Devices.setThreads(threads);
            }
            Pooling pool = Pooling.of(pooling);
            EncoderSource source = EncoderSource.open(checkpoint, preset);
            FineTuneOptions o = FineTuneOptions.official(preset != null ? preset : source.config().preset())
                    .withSeeds(seeds, firstSeed).withPooling(pool).withProbe(probe);
            if (reinitTopLayers < 0 || reinitTopLayers > source.config().numHiddenLayers()) {
                throw new IllegalArgumentException("--reinit-top-layers " + reinitTopLayers + ": the encoder has "
                        + source.config().numHiddenLayers() + " layers");
            }
            if (!(shrinkPerturb >= 0 && shrinkPerturb <= 1)) {
                throw new IllegalArgumentException("--shrink-perturb " + shrinkPerturb + ": must be in [0, 1]");
            }
            if (shrinkPerturb < 1 && checkpoint.equals("random")) {
                throw new IllegalArgumentException("--shrink-perturb " + shrinkPerturb + " needs a pretrained checkpoint, not random");
            }
            o = o.withReinitTopLayers(reinitTopLayers).withDropout(dropout).withBiasCorrection(biasCorrection)
                    .withShrinkPerturb(shrinkPerturb);
            if (epochs != null) {
                o = o.withEpochs(epochs);
            }
            if (lr != null) {
                o = o.withLearningRate(lr);
            }
            if (batch != null) {
                o = o.withBatchSize(batch);
            }
            if (maxLength != null) {
                o = o.withMaxLength(maxLength);
            }
            if (layerDecay != null) {
                o = o.withLayerDecay(layerDecay);
            }
            if (weightDecay != null) {
                o = o.withWeightDecay(weightDecay);
            }
            o = o.withMaxLength(Math.min(o.maxLength(), source.config().maxPositionEmbeddings()));
            TaskData data = tasks.apply(task);
            TextEncoder encoder = tokenizers.apply(tokenizer != null ? tokenizer : source.tokenizer());
            Device dev = Devices.resolve(device);
            FineTuner tuner = new FineTuner(source, data, encoder, o, dev);
            o = tuner.options(); // with the dropout it resolved
            System.err.printf(Locale.ROOT, "finetune %s from %s: %d train, %d dev, %d seed(s), lr %.1e, %d epochs, dropout %.2f, %s pooling%s%n",
                    data.name(), source.description(), data.train().size(), data.dev().size(), o.seeds(),
                    o.learningRate(), o.epochs(), o.dropout(), o.pooling().label(), (o.probe() ? ", linear probe (encoder frozen)" : "")
                            + (o.reinitTopLayers() > 0 ? ", top " + o.reinitTopLayers() + " layer(s) re-initialised" : "")
                            + (o.biasCorrection() ? ", Adam with bias correction" : "")
                            + (o.shrinkPerturb() < 1 ? String.format(Locale.ROOT, ", shrink and perturb %.2f", o.shrinkPerturb()) : ""));
            FineTuneResult result = tuner.run((row, total) -> System.err.printf(Locale.ROOT,
                    "seed %d epoch %d/%d: train loss %.4f, dev accuracy %.2f, F1 %.2f, MCC %.2f (%.0f s)%n",
                    row.seed(), row.epoch(), total, row.trainLoss(), 100 * row.devAccuracy(), 100 * row.devF1(),
                    100 * row.devMcc(), row.trainSeconds()));
            result.write(out);
            System.out.println(result.summary());
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("electra finetune: " + e.getMessage());
            return 2;
        }
    }
}
