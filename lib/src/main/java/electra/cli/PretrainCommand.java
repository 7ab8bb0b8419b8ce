package electra.cli;

import ai.djl.Device;

import com.google.gson.JsonObject;

import electra.checkpoint.Checkpoint;
import electra.config.ConfigFile;
import electra.config.ElectraConfig;
import electra.config.PretrainOptions;
import electra.config.Recipe;
import electra.data.DataSets;
import electra.pretrain.Objectives;
import electra.pretrain.Sequences;
import electra.train.CorpusSetup;
import electra.train.Devices;
import electra.train.PretrainRun;
import electra.train.ProgressLines;
import electra.train.RunDirectory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code ./electra pretrain}: pretrain with one objective and write the run's folder. */
@Command(name = "pretrain", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Pretrain a model with ELECTRA or a baseline objective; writes DIR/metrics.csv, config.json,"
                + " checkpoints/, model.electra and summary.json.")
public final class PretrainCommand implements Callable<Integer> {

    @Option(names = "--objective", defaultValue = "electra", description = "electra, mlm, or an ablation (default: ${DEFAULT-VALUE})")
    String objective;
    @Option(names = "--preset", defaultValue = "tiny", description = "tiny, small, base or laptop (default: ${DEFAULT-VALUE})")
    String preset;
    @Option(names = "--config", paramLabel = "FILE", description = "JSON object of model sizes overriding the preset,"
            + " with ElectraConfig's field names, e.g. {\"hiddenSize\": 64, \"numAttentionHeads\": 2}")
    Path configFile;
    @Option(names = "--steps", description = "default: 1000, laptop 4000") Integer steps;
    @Option(names = "--flops-budget", paramLabel = "X", description = "train for as many steps as fit in X training FLOPs"
            + " (FlopCounter; generator included), e.g. 5e13: equal compute across objectives; excludes --steps") Double flopsBudget;
    @Option(names = "--batch", description = "sequences per step (default: 16 tiny, 128 small, 256 base, 64 laptop)") Integer batch;
    @Option(names = "--seq", description = "tokens per sequence (default: 128, laptop 32)") Integer seq;
    @Option(names = "--seed", defaultValue = "1") long seed;
    @Option(names = "--lr", description = "peak learning rate (default: 5e-4 tiny/small, 2e-4 base, 1e-3 laptop)") Double lr;
    @Option(names = "--warmup", description = "warmup steps (default: min(10000, steps/10))") Integer warmup;
    @Option(names = "--weight-decay", defaultValue = "0.01", description = "AdamW's decoupled weight decay, scaled by the"
            + " learning rate as in the official optimizer (default: ${DEFAULT-VALUE})") double weightDecay;
    @Option(names = "--generator-size", description = "generator hidden size as a fraction of the discriminator's, in (0, 1]")
    Double generatorSize;
    @Option(names = "--untie-embeddings", description = "give the generator its own embeddings") boolean untie;
    @Option(names = "--dropout", description = "hidden and attention dropout (default 0.1)") Float dropout;
    @Option(names = "--mask-rate", defaultValue = "0.15") double maskRate;
    @Option(names = "--masking", defaultValue = "electra", description = "electra (85%% [MASK], 15%% kept) or bert (80/10/10)")
    String masking;
    @Option(names = "--disc-weight", defaultValue = "50", description = "lambda of the joint loss") double discWeight;
    @Option(names = "--temperature", description = "generator sampling temperature (default: 1, laptop 5)") Double temperature;
    @Option(names = "--disallow-correct", description = "never sample the original token") boolean disallowCorrect;
    @Option(names = "--sampler", defaultValue = "gumbel", description = "gumbel or multinomial") String sampler;
    @Option(names = "--corpus", defaultValue = "pretrain", description = "a data set name or a UTF-8 text file, one document or sentence per line (default: ${DEFAULT-VALUE})")
    String corpus;
    @Option(names = "--tokenizer", description = "bert-uncased, a data set name, or a tokenizer.json path"
            + " (default: the preset's, bert-uncased; laptop wordpiece-8k)")
    String tokenizer;
    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu") String device;
    @Option(names = "--threads", description = "CPU threads for the engine (default: all cores);"
            + " bit-identical results and resumes need the same count") Integer threads;
    @Option(names = "--out", required = true, description = "run folder") Path out;
    @Option(names = "--resume", description = "continue the run in --out from its newest valid checkpoint"
            + " (starts it if --out holds none); same command line otherwise") boolean resume;
    @Option(names = "--overwrite", description = "replace a run already in --out") boolean overwrite;
    @Option(names = "--checkpoint-every", defaultValue = "0", description = "steps between checkpoints (0: only at the end)")
    int checkpointEvery;
    @Option(names = "--keep", defaultValue = "3", description = "checkpoints kept") int keep;
    @Option(names = "--skip-nonfinite", description = "skip updates whose loss or gradient is NaN/inf instead of stopping")
    boolean skipNonFinite;
    @Option(names = "--log-every", description = "steps per metrics row (default: steps/100, at most 50)") Integer logEvery;
    @Option(names = "--eval-batches", defaultValue = "20", description = "held-out batches evaluated at the end") int evalBatches;
    @Option(names = "--quiet", description = "no progress lines") boolean quiet;
    @Option(names = "--debug", description = "show stack traces") boolean debug;

    @Override
    public Integer call() throws Exception {
        // Everything that can be checked cheaply is checked before the engine, the data or --out is touched.
        Objectives.check(objective); // the corpus-statistics objectives are built once the corpus is read
        ElectraConfig config = ElectraConfig.preset(preset);
        Recipe recipe = Recipe.of(preset); // what the command line leaves out, the preset's recipe fills in
        seq = seq != null ? seq : recipe.seq();
        if (flopsBudget != null && steps != null) {
            throw new IllegalArgumentException("--flops-budget and --steps exclude each other (the budget sets the steps)");
        }
        if (flopsBudget != null && !(flopsBudget > 0)) {
            throw new IllegalArgumentException("--flops-budget " + flopsBudget + ": must be positive");
        }
        steps = steps != null ? steps : recipe.steps();
        batch = batch != null ? batch : recipe.batch();
        lr = lr != null ? lr : recipe.learningRate();
        tokenizer = tokenizer != null ? tokenizer : recipe.tokenizer();
        temperature = temperature != null ? temperature : recipe.temperature();
        JsonObject configJson = null;
        if (configFile != null) {
            configJson = ConfigFile.readObject(configFile);
            config = ConfigFile.apply(configJson, config, configFile.toString());
        }
        if (generatorSize != null) {
            config = config.withGeneratorFraction(generatorSize);
        }
        if (dropout != null) {
            config = config.withDropout(dropout);
        }
        if (untie) {
            config = config.withTieEmbeddings(false);
        }
        config.checkSequenceLength(seq);
        PretrainOptions options = options(config);
        int threadCount = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Devices.setThreads(threadCount);
        checkRunDirectory();
        Device dev = Devices.resolve(device);
        Devices.useThreads(threadCount);

        DataSets.setQuiet(quiet); // --quiet silences the data layer's progress lines too
        PretrainRun.Setup setup = CorpusSetup.of(config, options, corpus, tokenizer, dev, skipNonFinite, checkpointEvery,
                keep, evalBatches);
        if (configJson != null && configJson.has("vocabSize") && config.vocabSize() != setup.config().vocabSize()) {
            throw new IllegalArgumentException(configFile + ": vocabSize = " + config.vocabSize() + " but --tokenizer "
                    + tokenizer + " has " + setup.config().vocabSize() + " entries (leave vocabSize out: the tokenizer sets it)");
        }
        if (flopsBudget != null) { // sized now: the FLOPs depend on the tokenizer's vocabulary
            steps = setup.stepsWithin(flopsBudget);
            options = options(config); // warm-up and log interval follow the sized run unless given
            setup = setup.withOptions(options);
        }
        config = setup.config();
        Sequences train = setup.train();
        Sequences heldOut = setup.heldOut();
        RunDirectory dir = prepareRunDirectory();
        boolean resuming = resume && dir.holdsRun();
        try (PretrainRun run = new PretrainRun(setup, dir)) {
            if (flopsBudget != null) {
                run.setFlopsBudget(flopsBudget);
            }
            long from = resuming ? run.resume() : 0;
            JsonObject previous = resuming ? readConfig(dir) : null;
            if (previous == null) {
                writeConfig(dir, run, train, heldOut);
            } else {
                warnIfNotBitIdentical(previous, run);
            }
            Progress progress = new Progress(quiet, options, from);
            progress.start(config, run, train, heldOut);
            Map<String, Double> eval = run.run(progress);
            progress.finish(eval);
            JsonObject result = new JsonObject();
            result.addProperty("out", out.toString());
            result.addProperty("steps", run.pretrainer().stepsDone());
            eval.forEach((k, v) -> result.addProperty("eval_" + k, v));
            System.out.println(Checkpoint.gson().toJson(result));
        }
        return 0;
    }

    private PretrainOptions options(ElectraConfig config) {
        PretrainOptions o = PretrainOptions.defaults(objective, steps, batch, seq);
        o = o.withLearningRate(lr).withWeightDecay(weightDecay).withSeed(seed).withMasking(maskRate, masking)
                .withSampling(temperature, disallowCorrect, sampler).withLossWeights(1.0, discWeight);
        if (warmup != null) {
            o = o.withWarmupSteps(warmup);
        }
        if (logEvery != null) {
            o = o.withLogEvery(logEvery);
        }
        return o;
    }

    /** Refuses to mix two runs in one folder unless asked to resume or overwrite; writes nothing. */
    private void checkRunDirectory() {
        RunDirectory dir = new RunDirectory(out);
        if (resume && overwrite) {
            throw new IllegalArgumentException("--resume and --overwrite exclude each other");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + ": exists and is not a folder");
        }
        if (!resume && !overwrite && dir.holdsRun()) {
            throw new IllegalArgumentException("--out " + out + " already holds a run; pass --resume to continue it"
                    + " or --overwrite to replace it");
        }
    }

    /**
     * Creates (or, with --overwrite, clears) the run folder once the inputs are known to be good.
     * {@code --resume} on a folder without a run starts one, so the same command line can be
     * repeated until the run is done (a preemptible job).
     */
    private RunDirectory prepareRunDirectory() throws java.io.IOException {
        RunDirectory dir = new RunDirectory(out);
        if (resume && !dir.holdsRun()) {
            System.err.println("electra: --resume: no run in " + out + " yet; starting one");
        }
        if (overwrite && dir.holdsRun()) {
            dir.clear();
        }
        dir.prepare();
        return dir;
    }


    /** Writes config.json atomically (a crash leaves the old file or none, never half of one). */
    private void writeConfig(RunDirectory dir, PretrainRun run, Sequences train, Sequences heldOut) throws java.io.IOException {
        JsonObject c = run.header();
        c.remove("step");
        c.remove("skipped");
        c.remove("interval");
        c.addProperty("train_sequences", train.size());
        c.addProperty("heldout_sequences", heldOut.size());
        c.addProperty("device", run.pretrainer().model().device().toString());
        c.addProperty("threads", Devices.threads());
        c.addProperty("parameters", run.pretrainer().model().parameterCount());
        Path tmp = dir.dir().resolve(".config.json.tmp");
        Files.writeString(tmp, Checkpoint.gson().toJson(c) + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, dir.config(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The run's config.json, or null when it is missing or unreadable (then it is written again). */
    private static JsonObject readConfig(RunDirectory dir) {
        try {
            return com.google.gson.JsonParser.parseString(Files.readString(dir.config(), StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    /** Bit-identical continuation needs the same thread count and device as the run's start. */
    private static void warnIfNotBitIdentical(JsonObject previous, PretrainRun run) {
        int now = Devices.threads();
        if (previous.has("threads") && !previous.get("threads").isJsonNull()) {
            String was = previous.get("threads").getAsString();
            if (!was.equals(String.valueOf(now))) {
                System.err.println("electra: warning: the run was started with --threads " + was + " and resumes with " + now
                        + "; it continues correctly but not bit-identically to an uninterrupted run");
            }
        }
        String device = run.pretrainer().model().device().toString();
        if (previous.has("device") && !previous.get("device").getAsString().equals(device)) {
            System.err.println("electra: warning: the run was started on " + previous.get("device").getAsString()
                    + " and resumes on " + device + "; it continues correctly but not bit-identically");
        }
    }

    /** Progress lines on stderr: one per logged row. */
    static final class Progress implements PretrainRun.Listener {
        private final boolean quiet;
        private final PretrainOptions options;
        private final long from;

        Progress(boolean quiet, PretrainOptions options, long from) {
            this.quiet = quiet;
            this.options = options;
            this.from = from;
        }

        void start(ElectraConfig config, PretrainRun run, Sequences train, Sequences heldOut) {
            if (!quiet) {
                System.err.printf(Locale.ROOT, "electra: %s %s, %,d parameters, %,d train / %,d held-out sequences, %s%s%n",
                        options.objective(), config.preset(), run.pretrainer().model().parameterCount(), train.size(),
                        heldOut.size(), run.pretrainer().model().device(), from > 0 ? ", resumed at step " + from : "");
            }
        }

        @Override
        public void onRow(Map<String, Double> row, long step, long total) {
            if (!quiet) {
                System.err.println(ProgressLines.step(row, step, total, options));
            }
        }

        void finish(Map<String, Double> eval) {
            if (!quiet) {
                System.err.println(ProgressLines.heldOut(eval));
            }
        }
    }
}
