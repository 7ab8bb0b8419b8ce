package electra.train;

import com.google.gson.JsonObject;

import electra.checkpoint.Checkpoint;
import electra.config.PretrainOptions;
import electra.model.ElectraPretrainingModel;
import electra.pretrain.Objective;
import electra.pretrain.Objectives;
import electra.pretrain.TokenCounts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The paper's Table 5 as a procedure: pretrain each objective with the same data order, seed and
 * budget, fine-tune each kept model on one task with the same recipe and seeds, and report the
 * median dev score next to the paper's GLUE number.
 *
 * <p>Equal compute: with a FLOPs budget each objective gets {@link PretrainRun.Setup#stepsWithin} steps of
 * its own cost, and its warmup the same share of them as the template's (so every schedule has
 * the same shape); without one, every objective runs the template's steps (equal steps, unequal
 * compute). Everything else (batch, length, lr, seed, hence the data order) is the template's.
 *
 * <p>Files under {@code DIR}: {@code plan.json} (what the study is), {@code pretrain/OBJECTIVE/}
 * (a {@link PretrainRun} folder: checkpoints, metrics, {@code model.electra}),
 * {@code results.csv} (objective, seed, pretrain_flops, pretrain_steps, dev_score; one row
 * appended per fine-tuning) and {@code summary.csv} (objective, median, min, max, paper_glue).
 * Resumable: rows already in results.csv are skipped, a finished pretraining is loaded from its
 * {@code model.electra}, an interrupted one resumes from its newest checkpoint; a plan.json that
 * disagrees with the new plan (other config, options, budget or task) is refused.
 */
public final class Ablations {

    /**
     * Fine-tunes a kept model on the study's task and returns its dev score (higher is better,
     * e.g. accuracy x 100). Each call gets a freshly loaded model, so it may change it.
     */
    public interface FineTuner {
        double score(ElectraPretrainingModel keptModel, int seed) throws IOException;
    }

    /**
     * @param template the pretraining setup shared by every objective (its options' objective is replaced)
     * @param objectives names, as {@link Objectives}
     * @param flopsBudget training FLOPs per objective; NaN: the template's steps for all
     * @param seeds fine-tuning seeds
     * @param task the task's name, recorded in plan.json
     */
    public record Plan(PretrainRun.Setup template, List<String> objectives, double flopsBudget, List<Integer> seeds,
                       String task) {
        public Plan {
            if (objectives.isEmpty() || seeds.isEmpty()) {
                throw new IllegalArgumentException("an ablation needs at least one objective and one seed");
            }
            for (String o : objectives) {
                Objectives.check(o); // fail early on typos
            }
        }
    }

    /** Table 5's GLUE dev scores (ELECTRA-Base size, equal compute), by objective name. */
    public static final Map<String, Double> PAPER_GLUE = Map.of(
            "mlm", 82.2, "replace-mlm", 82.4, "electra-15", 82.4, "all-tokens-mlm", 84.3, "electra", 85.0);

    public static final String RESULTS_HEADER = "objective,seed,pretrain_flops,pretrain_steps,dev_score";
    public static final String SUMMARY_HEADER = "objective,median,min,max,paper_glue";

    private final Plan plan;
    private final FineTuner fineTuner;
    private final Path dir;

    public Ablations(Plan plan, FineTuner fineTuner, Path dir) {
        this.plan = plan;
        this.fineTuner = fineTuner;
        this.dir = dir;
    }

    /** One line of results.csv. */
    public record Result(String objective, int seed, double pretrainFlops, long pretrainSteps, double devScore) {}

    /** Runs what is missing and rewrites summary.csv; returns every result of the study. */
    public List<Result> run() throws IOException {
        Files.createDirectories(dir);
        checkPlan();
        if (!Files.exists(results())) {
            Files.writeString(results(), RESULTS_HEADER + "\n", StandardCharsets.UTF_8);
        }
        for (String objective : plan.objectives()) {
            List<Integer> missing = new ArrayList<>();
            for (int seed : plan.seeds()) {
                if (readResults(results()).stream().noneMatch(r -> r.objective().equals(objective) && r.seed() == seed)) {
                    missing.add(seed);
                }
            }
            if (missing.isEmpty()) {
                continue;
            }
            PretrainRun.Setup setup = setupFor(objective);
            RunDirectory run = new RunDirectory(dir.resolve("pretrain").resolve(objective));
            long steps = pretrain(setup, run);
            double flops = steps * setup.flopsPerStep();
            for (int seed : missing) {
                double score;
                try (ElectraPretrainingModel kept = load(setup, run)) {
                    score = fineTuner.score(kept, seed);
                }
                Files.writeString(results(), line(new Result(objective, seed, flops, steps, score)) + "\n",
                        StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            }
        }
        List<Result> all = readResults(results());
        writeSummary(all);
        return all;
    }

    /** The template with this objective, its step count and warmup. */
    PretrainRun.Setup setupFor(String objective) {
        PretrainRun.Setup t = plan.template();
        PretrainOptions o = t.options().withObjective(objective);
        if (!Double.isNaN(plan.flopsBudget())) {
            int steps = t.withOptions(o).stepsWithin(plan.flopsBudget());
            int warmup = (int) Math.round((double) t.options().warmupSteps() * steps / t.options().steps());
            o = o.withSteps(steps).withWarmupSteps(Math.min(warmup, steps)).withLogEvery(Math.min(o.logEvery(), steps));
        }
        return new PretrainRun.Setup(t.config(), o, t.train(), t.heldOut(), t.specials(), t.tokenizer(), t.corpus(),
                t.device(), t.skipNonFinite(), t.checkpointEvery(), t.keepCheckpoints(), t.evalBatches());
    }

    private static Objective objectiveOf(PretrainRun.Setup s) {
        return objectiveOf(s, s.options());
    }

    private static Objective objectiveOf(PretrainRun.Setup s, PretrainOptions o) {
        return Objectives.byName(o.objective(), () -> TokenCounts.of(s.train(), s.config().vocabSize()));
    }

    /** Pretrains (or finds finished) and returns the steps done. */
    private long pretrain(PretrainRun.Setup setup, RunDirectory run) throws IOException {
        if (Files.exists(run.model()) && Files.exists(run.summary())) {
            return Checkpoint.read(run.model()).header().get("step").getAsLong();
        }
        run.prepare();
        try (PretrainRun r = new PretrainRun(setup, run)) {
            if (!Files.exists(run.config())) {
                Files.writeString(run.config(), Checkpoint.gson().toJson(r.header()) + "\n", StandardCharsets.UTF_8);
            }
            r.resume();
            if (!Double.isNaN(plan.flopsBudget())) {
                r.setFlopsBudget(plan.flopsBudget());
            }
            r.run(null);
            return r.pretrainer().stepsDone();
        }
    }

    /** A fresh model with the pretrained weights (the whole pretraining model; fine-tuning keeps the discriminator). */
    private static ElectraPretrainingModel load(PretrainRun.Setup setup, RunDirectory run) throws IOException {
        ElectraPretrainingModel m = ElectraPretrainingModel.create(setup.config(), objectiveOf(setup).parts(), setup.device(),
                (int) setup.options().seed());
        try {
            Checkpoint.read(run.model()).loadInto("model", m.namedParameters(), run.model().toString());
            return m;
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** Writes plan.json the first time; afterwards the study may only grow in objectives and seeds. */
    private void checkPlan() throws IOException {
        JsonObject p = new JsonObject();
        p.add("config", Checkpoint.gson().toJsonTree(plan.template().config()));
        p.add("options", Checkpoint.gson().toJsonTree(plan.template().options().withObjective("*")));
        p.addProperty("flops_budget", Double.isNaN(plan.flopsBudget()) ? "none" : Double.toString(plan.flopsBudget()));
        p.addProperty("task", plan.task());
        p.addProperty("corpus", plan.template().corpus());
        Path file = dir.resolve("plan.json");
        String json = Checkpoint.gson().toJson(p) + "\n";
        if (!Files.exists(file)) {
            Files.writeString(file, json, StandardCharsets.UTF_8);
        } else if (!Files.readString(file, StandardCharsets.UTF_8).equals(json)) {
            throw new IllegalArgumentException(dir + " holds another study (plan.json differs in config, options, budget, task"
                    + " or corpus); use another --out or remove it");
        }
    }

    private Path results() {
        return dir.resolve("results.csv");
    }

    static String line(Result r) {
        return String.format(Locale.ROOT, "%s,%d,%.10e,%d,%.6f", r.objective(), r.seed(), r.pretrainFlops(), r.pretrainSteps(),
                r.devScore());
    }

    /** Rows of results.csv; a half-written last line (a crash mid-append) is ignored. */
    public static List<Result> readResults(Path file) throws IOException {
        List<Result> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] c = l.split(",", -1);
            if (l.isBlank() || l.equals(RESULTS_HEADER) || c.length != 5) {
                continue;
            }
            try {
                out.add(new Result(c[0], Integer.parseInt(c[1]), Double.parseDouble(c[2]), Long.parseLong(c[3]),
                        Double.parseDouble(c[4])));
            } catch (NumberFormatException e) {
                // an unfinished line; its fine-tuning runs again
            }
        }
        return out;
    }

    /** summary.csv: per objective of the plan (in its order) the median, min and max over seeds. */
    private void writeSummary(List<Result> all) throws IOException {
        Map<String, List<Double>> by = new LinkedHashMap<>();
        for (String o : plan.objectives()) {
            by.put(o, new ArrayList<>());
        }
        for (Result r : all) {
            if (by.containsKey(r.objective()) && plan.seeds().contains(r.seed())) {
                by.get(r.objective()).add(r.devScore());
            }
        }
        StringBuilder sb = new StringBuilder(SUMMARY_HEADER).append('\n');
        for (Map.Entry<String, List<Double>> e : by.entrySet()) {
            double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            Double paper = PAPER_GLUE.get(e.getKey());
            sb.append(String.format(Locale.ROOT, "%s,%.4f,%.4f,%.4f,%s%n", e.getKey(), median(v),
                    v.length == 0 ? Double.NaN : v[0], v.length == 0 ? Double.NaN : v[v.length - 1],
                    paper == null ? "" : String.format(Locale.ROOT, "%.1f", paper)));
        }
        Path tmp = dir.resolve(".summary.csv.tmp");
        Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve("summary.csv"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static double median(double[] sorted) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
