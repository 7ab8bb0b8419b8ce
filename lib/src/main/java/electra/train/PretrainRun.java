package electra.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;

import com.google.gson.JsonObject;

import electra.checkpoint.Checkpoint;
import electra.config.ElectraConfig;
import electra.config.PretrainOptions;
import electra.data.ElectraTokenizer;
import electra.data.PretrainingCorpus;
import electra.data.SpecialTokens;
import electra.pretrain.FlopCounter;
import electra.pretrain.Objective;
import electra.pretrain.Objectives;
import electra.pretrain.Sequences;
import electra.pretrain.TokenCounts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole pretraining run: the loop over {@link Pretrainer#step()}, the metrics table, periodic
 * crash-safe checkpoints, resuming, and the held-out evaluation at the end. Used by
 * {@code ./electra pretrain} and by the notebooks (with a listener for live plots).
 */
public final class PretrainRun implements AutoCloseable {

    /** What a run needs besides its folder. */
    public record Setup(ElectraConfig config, PretrainOptions options, Sequences train, Sequences heldOut,
                        SpecialTokens specials, String tokenizer, String corpus, Device device,
                        boolean skipNonFinite, int checkpointEvery, int keepCheckpoints, int evalBatches) {
        public Setup {
            ElectraConfig.require(checkpointEvery >= 0, "checkpointEvery", checkpointEvery, "must not be negative (0: only at the end)");
            ElectraConfig.require(keepCheckpoints >= 1, "keep", keepCheckpoints, "must be at least 1");
            ElectraConfig.require(evalBatches >= 1, "evalBatches", evalBatches, "must be at least 1");
        }

        /** Checkpoints kept by default ({@code --keep}). */
        public static final int DEFAULT_KEEP = 3;
        /** Held-out batches evaluated at the end by default ({@code --eval-batches}). */
        public static final int DEFAULT_EVAL_BATCHES = 20;

        /**
         * The wiring {@code ./electra pretrain} and the notebooks share: the vocabulary size set
         * to the tokenizer's, the corpus's training and held-out documents packed into sequences
         * of at most {@code options.seq()} pieces (the training ones stand in for a corpus without
         * held-out documents). Defaults: stop on a non-finite step, checkpoint only at the end,
         * keep {@value #DEFAULT_KEEP}, evaluate {@value #DEFAULT_EVAL_BATCHES} held-out batches.
         *
         * @param tokenizerName what checkpoints record as the tokenizer (a catalog name or a path)
         */
        public static Setup of(ElectraConfig config, PretrainOptions options, PretrainingCorpus corpus,
                               ElectraTokenizer tokenizer, String tokenizerName, Device device) {
            config.checkSequenceLength(options.seq());
            Sequences train = Sequences.ofPacked(corpus.packTrain(tokenizer, options.seq()));
            Sequences heldOut = Sequences.ofPacked(corpus.packHeldout(tokenizer, options.seq()));
            if (train.size() == 0) {
                throw new IllegalArgumentException("corpus " + corpus.name() + ": no text to train on");
            }
            return new Setup(config.withVocabSize(tokenizer.vocabSize()), options, train,
                    heldOut.size() > 0 ? heldOut : train, tokenizer.specials(), tokenizerName, corpus.name(), device,
                    false, 0, DEFAULT_KEEP, DEFAULT_EVAL_BATCHES);
        }

        /**
         * How many whole training steps of this setup fit in {@code budget} FLOPs ({@link FlopCounter};
         * generator included): equal compute across objectives. Fails when not even one fits.
         */
        public int stepsWithin(double budget) {
            return FlopCounter.stepsFor(budget, flopsPerStep());
        }

        /** Training FLOPs of one step of this setup ({@link FlopCounter#trainingStep}). */
        public double flopsPerStep() {
            // the counts only pick an objective's parts, never its FLOPs: empty ones do here
            Objective o = Objectives.byName(options.objective(), () -> new TokenCounts(new long[config.vocabSize()]));
            return FlopCounter.trainingStep(config, o, options);
        }

        public Setup withSkipNonFinite(boolean skip) {
            return new Setup(config, options, train, heldOut, specials, tokenizer, corpus, device, skip,
                    checkpointEvery, keepCheckpoints, evalBatches);
        }

        /** Checkpoints every {@code every} steps (0: only at the end), the newest {@code keep} kept. */
        public Setup withCheckpoints(int every, int keep) {
            return new Setup(config, options, train, heldOut, specials, tokenizer, corpus, device, skipNonFinite,
                    every, keep, evalBatches);
        }

        /** The same data and model with other options (their sequence length must stay the same). */
        public Setup withOptions(PretrainOptions o) {
            if (o.seq() != options.seq()) {
                throw new IllegalArgumentException("seq = " + o.seq() + ": the sequences were packed for " + options.seq());
            }
            return new Setup(config, o, train, heldOut, specials, tokenizer, corpus, device, skipNonFinite,
                    checkpointEvery, keepCheckpoints, evalBatches);
        }

        public Setup withEvalBatches(int batches) {
            return new Setup(config, options, train, heldOut, specials, tokenizer, corpus, device, skipNonFinite,
                    checkpointEvery, keepCheckpoints, batches);
        }
    }

    /** Called after each logged row; {@code stop()} may be polled to end a run early (a notebook's interrupt). */
    public interface Listener {
        void onRow(Map<String, Double> row, long step, long totalSteps);

        default boolean stop() {
            return false;
        }
    }

    private final Setup setup;
    private final RunDirectory dir;
    private final Pretrainer pretrainer;
    private final MetricsLog log = new MetricsLog();
    private final double flopsPerStep;
    private double flopsBudget = Double.POSITIVE_INFINITY;
    private Map<String, Double> evaluation;

    /** A run writing to {@code dir} (null: in memory only, as in a notebook). */
    public PretrainRun(Setup setup, RunDirectory dir) {
        this.setup = setup;
        this.dir = dir;
        this.pretrainer = new Pretrainer(setup.config(), setup.options(),
                Objectives.byName(setup.options().objective(), () -> TokenCounts.of(setup.train(), setup.config().vocabSize())),
                setup.train(), setup.specials(), setup.device(), setup.skipNonFinite());
        this.flopsPerStep = setup.flopsPerStep();
    }

    /**
     * Stops the run before the step that would exceed {@code budget} training FLOPs
     * ({@link FlopCounter}; skipped steps count, they were computed). The options' step count
     * still bounds the run and sets the schedule: use {@link Setup#stepsWithin} to size it.
     */
    public PretrainRun setFlopsBudget(double budget) {
        setup.stepsWithin(budget); // fails when not even one step fits
        this.flopsBudget = budget;
        return this;
    }

    /** Training FLOPs of one step of this run's objective. */
    public double flopsPerStep() {
        return flopsPerStep;
    }

    /** Training FLOPs spent so far. */
    /**
     * The held-out text's unigram cross-entropy under the training text's token counts (nats,
     * special tokens left out): the line the generator's held-out MLM loss must go below to have
     * learned anything beyond token frequencies.
     */
    public double unigramCrossEntropy() {
        SpecialTokens sp = setup.specials();
        return TokenCounts.of(setup.train(), setup.config().vocabSize()).crossEntropy(setup.heldOut(), sp::isSpecial);
    }

    public double flopsDone() {
        return pretrainer.stepsDone() * flopsPerStep;
    }

    private boolean budgetAllows(long step) {
        return step * flopsPerStep <= flopsBudget;
    }

    /**
     * Restores weights, optimizer moments, step, skipped count, metrics rows and the open logging
     * interval from the newest checkpoint that verifies; damaged newer ones are reported on stderr
     * and skipped, and temporary files a crash left behind are removed. Returns the step resumed at:
     * 0 when there is no checkpoint yet (metrics.csv is then reset to its header, since its rows
     * belong to steps that will run again). A checkpoint of another model, run or corpus, or a
     * folder whose checkpoints are all damaged, is an {@link IllegalArgumentException}.
     */
    public long resume() throws IOException {
        removeTemporaryFiles();
        List<Path> files = dir.checkpointsNewestFirst();
        String firstDamage = null;
        for (Path file : files) {
            Checkpoint c;
            try {
                c = Checkpoint.read(file);
            } catch (IllegalArgumentException e) {
                System.err.println("electra: warning: skipping " + e.getMessage());
                firstDamage = firstDamage == null ? e.getMessage() : firstDamage;
                continue;
            }
            restore(c, file);
            long step = c.header().get("step").getAsLong();
            List<Map<String, Double>> rows = Files.exists(dir.metrics()) ? MetricsLog.read(dir.metrics(), step) : List.of();
            long lastLogged = step - step % setup.options().logEvery();
            if (lastLogged > 0 && (rows.isEmpty() || rows.get(rows.size() - 1).get("step") < lastLogged)) {
                System.err.println("electra: warning: " + dir.metrics() + " lacks the rows up to step " + lastLogged
                        + " (lost with the file system's cache?); the table continues without them");
            }
            log.restore(rows);
            log.restoreInterval(c.header().has("interval") ? c.header().getAsJsonObject("interval") : null);
            log.write(dir.metrics());
            return step;
        }
        if (firstDamage != null) {
            throw new IllegalArgumentException(dir.checkpoints() + ": none of the " + files.size()
                    + " checkpoints verifies (" + firstDamage + "); remove them to start the run over");
        }
        log.restore(List.of());
        log.restoreInterval(null);
        log.write(dir.metrics());
        return 0;
    }

    /** Deletes the {@code .NAME.tmp} files of writes a crash interrupted. */
    private void removeTemporaryFiles() throws IOException {
        for (Path folder : List.of(dir.dir(), dir.checkpoints())) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (java.util.stream.Stream<Path> s = Files.list(folder)) {
                for (Path p : s.toList()) {
                    String n = p.getFileName().toString();
                    if (n.startsWith(".") && n.endsWith(".tmp") && Files.isRegularFile(p)) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    private void restore(Checkpoint c, Path file) {
        String what = file.toString();
        ElectraConfig saved = Checkpoint.gson().fromJson(c.header().get("config"), ElectraConfig.class);
        if (!saved.equals(setup.config())) {
            throw new IllegalArgumentException(what + ": written for preset " + saved.preset() + " " + describe(saved)
                    + ", this run is " + setup.config().preset() + " " + describe(setup.config()));
        }
        PretrainOptions savedOptions = Checkpoint.gson().fromJson(c.header().get("options"), PretrainOptions.class);
        if (!savedOptions.equals(setup.options())) {
            throw new IllegalArgumentException(what + ": the run was started with other options (" + differences(savedOptions,
                    setup.options()) + "); resume with the same command line");
        }
        for (String key : List.of("tokenizer", "corpus")) {
            String was = c.header().has(key) ? c.header().get(key).getAsString() : null;
            String now = key.equals("tokenizer") ? setup.tokenizer() : setup.corpus();
            if (was != null && !was.equals(now)) {
                throw new IllegalArgumentException(what + ": the run was started with --" + key + " " + was + ", not " + now
                        + "; resume with the same command line");
            }
        }
        c.loadInto("model", pretrainer.model().namedParameters(), what);
        pretrainer.optimizer().restore(c.group("adam_m"), c.group("adam_v"), pretrainer.model().namedParameters());
        pretrainer.resumeAt(c.header().get("step").getAsLong(), c.header().get("skipped").getAsLong());
    }

    /** "steps 2, now 3; lr 0.001, now 0.002": the fields in which two records differ. */
    static String differences(Record was, Record now) {
        java.util.List<String> out = new java.util.ArrayList<>();
        try {
            for (java.lang.reflect.RecordComponent c : was.getClass().getRecordComponents()) {
                Object a = c.getAccessor().invoke(was);
                Object b = c.getAccessor().invoke(now);
                if (!java.util.Objects.equals(a, b)) {
                    out.add(c.getName() + " " + a + ", now " + b);
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return String.join("; ", out);
    }

    private static String describe(ElectraConfig c) {
        return "(hidden " + c.hiddenSize() + ", layers " + c.numHiddenLayers() + ", vocab " + c.vocabSize()
                + ", generator " + c.generatorFraction() + ")";
    }

    /** Runs the remaining steps, then evaluates on the held-out sequences. */
    public Map<String, Double> run(Listener listener) throws IOException {
        PretrainOptions o = setup.options();
        if (dir != null && !Files.exists(dir.metrics())) {
            log.write(dir.metrics());
        }
        long tokensPerStep = (long) o.batch() * o.seq();
        while (pretrainer.stepsDone() < o.steps() && budgetAllows(pretrainer.stepsDone() + 1)) {
            Pretrainer.StepRecord r = pretrainer.step();
            log.add(r, tokensPerStep);
            long s = r.step();
            if (s % o.logEvery() == 0 || s == o.steps() || !budgetAllows(s + 1)) {
                Map<String, Double> row = log.close(s);
                row.put("flops", s * flopsPerStep); // in memory and for listeners; metrics.csv keeps its columns
                if (dir != null) {
                    MetricsLog.append(dir.metrics(), row);
                }
                if (listener != null) {
                    listener.onRow(row, s, o.steps());
                }
            }
            if (dir != null && setup.checkpointEvery() > 0 && s % setup.checkpointEvery() == 0 && s < o.steps()) {
                saveCheckpoint(dir.checkpoint(s), true);
                dir.prune(setup.keepCheckpoints());
            }
            if (listener != null && listener.stop()) {
                break;
            }
        }
        evaluation = pretrainer.evaluate(setup.heldOut(), setup.evalBatches());
        evaluation.put("unigram_xent", unigramCrossEntropy());
        if (dir != null) {
            saveCheckpoint(dir.checkpoint(pretrainer.stepsDone()), true);
            dir.prune(setup.keepCheckpoints());
            saveCheckpoint(dir.model(), false);
            JsonObject summary = new JsonObject();
            summary.addProperty("steps", pretrainer.stepsDone());
            summary.addProperty("skipped_steps", pretrainer.skippedSteps());
            summary.addProperty("flops_per_step", flopsPerStep);
            summary.addProperty("flops", flopsDone());
            if (Double.isFinite(flopsBudget)) {
                summary.addProperty("flops_budget", flopsBudget);
            }
            summary.addProperty("heldout_sequences", setup.heldOut().size());
            JsonObject eval = new JsonObject();
            evaluation.forEach((k, v) -> eval.addProperty("eval_" + k, v));
            summary.add("eval", eval);
            Files.writeString(dir.summary(), Checkpoint.gson().toJson(summary) + "\n", StandardCharsets.UTF_8);
        }
        return evaluation;
    }

    /** Writes the run's state; with {@code training} false only the weights (the kept model's file). */
    public void saveCheckpoint(Path file, boolean training) throws IOException {
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        Checkpoint.addParameters(arrays, "model", pretrainer.model().namedParameters());
        if (training) {
            pretrainer.optimizer().firstMoments().forEach((k, v) -> arrays.put("adam_m/" + k, v));
            pretrainer.optimizer().secondMoments().forEach((k, v) -> arrays.put("adam_v/" + k, v));
        }
        Checkpoint.write(file, header(), arrays, training ? TestHooks.checkpointStream(pretrainer.stepsDone()) : out -> out);
    }

    /** The JSON header every checkpoint of this run carries (also {@code config.json}'s core). */
    public JsonObject header() {
        JsonObject h = new JsonObject();
        h.addProperty("format", 1);
        h.add("config", Checkpoint.gson().toJsonTree(setup.config()));
        h.add("options", Checkpoint.gson().toJsonTree(setup.options()));
        h.addProperty("objective", setup.options().objective());
        h.addProperty("tokenizer", setup.tokenizer());
        h.addProperty("corpus", setup.corpus());
        h.addProperty("step", pretrainer.stepsDone());
        h.addProperty("skipped", pretrainer.skippedSteps());
        h.add("interval", log.intervalState()); // the steps since the last metrics row
        return h;
    }

    public Pretrainer pretrainer() {
        return pretrainer;
    }

    public MetricsLog metrics() {
        return log;
    }

    public Map<String, Double> evaluation() {
        return evaluation;
    }

    @Override
    public void close() {
        pretrainer.close();
    }
}
