package electra.cli;

import electra.config.PretrainOptions;
import electra.pretrain.Objectives;
import electra.train.Ablations;
import electra.train.PretrainRun;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/**
 * {@code electra ablations}: the paper's Table 5 on one task, through {@link Ablations}. Corpus
 * loading and fine-tuning belong to other packages, so the main CLI hands them in as a
 * {@link Wiring}: {@code new CommandLine(main).addSubcommand(new AblationsCommand(wiring))}.
 */
@Command(name = "ablations", mixinStandardHelpOptions = true,
        description = "Pretrain each objective at equal compute, fine-tune each kept model with the same seeds, "
                + "write OUT/results.csv and OUT/summary.csv (median dev score next to the paper's Table 5).")
public final class AblationsCommand implements Callable<Integer> {

    /** What the main CLI supplies. */
    public interface Wiring {
        /** The pretraining setup (corpus, tokenizer, device, ...) for a preset with these options. */
        PretrainRun.Setup setup(String preset, PretrainOptions options) throws Exception;

        /** The fine-tuning recipe for a task name or path, with the preset's official learning rate. */
        Ablations.FineTuner fineTuner(String task, String preset) throws Exception;
    }

    /** Exactly one way to size the pretraining. */
    static final class Length {
        @Option(names = "--flops-budget", description = "training FLOPs per objective, e.g. 1e15 (equal compute)")
        Double flopsBudget;

        @Option(names = "--steps", description = "the same step count for every objective (unequal compute)")
        Integer steps;
    }

    @Option(names = "--preset", defaultValue = "tiny", description = "tiny, small, base or laptop (default ${DEFAULT-VALUE})")
    String preset;

    @Option(names = "--objectives", split = ",", defaultValue = "mlm,replace-mlm,electra-15,all-tokens-mlm,electra",
            description = "comma-separated objectives (default: Table 5's five)")
    List<String> objectives;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Length length;

    @Option(names = "--seeds", defaultValue = "3", description = "fine-tuning seeds 1..N (default ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--task", required = true, description = "fine-tuning task name or folder")
    String task;

    @Option(names = "--out", required = true, description = "study folder; rerun the same command to resume")
    Path out;

    @Option(names = "--batch", description = "sequences per step (default: the preset's, as pretrain)")
    Integer batch;

    @Option(names = "--seq", description = "tokens per sequence (default: the preset's, as pretrain)")
    Integer seq;

    @Option(names = "--seed", defaultValue = "1", description = "pretraining seed, shared by all objectives")
    long seed;

    @Option(names = "--temperature", description = "generator sampling temperature (default: the preset's, as pretrain)")
    Double temperature;

    @Option(names = "--threads", description = "CPU threads for libtorch (default: all cores)")
    Integer threads;

    private final Wiring wiring;

    public AblationsCommand(Wiring wiring) {
        this.wiring = wiring;
    }

    /** The plan this command line describes (no training). */
    Ablations.Plan plan() throws Exception {
        if (seeds < 1) {
            throw new IllegalArgumentException("--seeds " + seeds + ": must be at least 1");
        }
        for (String o : objectives) {
            if (!Objectives.names().contains(o)) {
                throw new IllegalArgumentException("--objectives: unknown objective '" + o + "' (known: "
                        + String.join(", ", Objectives.names()) + ")");
            }
        }
        // with a budget the runner sizes each objective; this step count only fixes the warmup share (the paper's 1%)
        int steps = length.steps != null ? length.steps : 100_000;
        electra.config.Recipe recipe = electra.config.Recipe.of(preset);
        PretrainOptions options = PretrainOptions.defaults("electra", steps, batch != null ? batch : recipe.batch(),
                seq != null ? seq : recipe.seq()).withSeed(seed).withLearningRate(recipe.learningRate())
                .withSampling(temperature != null ? temperature : recipe.temperature(), false, "gumbel");
        if (length.steps == null) {
            options = options.withWarmupSteps(Math.max(1, steps / 100));
        }
        return new Ablations.Plan(wiring.setup(preset, options), List.copyOf(objectives),
                length.flopsBudget != null ? length.flopsBudget : Double.NaN,
                IntStream.rangeClosed(1, seeds).boxed().toList(), task);
    }

    @Override
    public Integer call() throws Exception {
        if (threads != null) {
            electra.train.Devices.useThreads(threads);
        }
        Ablations.Plan plan = plan();
        List<Ablations.Result> results = new Ablations(plan, wiring.fineTuner(task, preset), out).run();
        System.out.println(results.size() + " results; summary in " + out.resolve("summary.csv"));
        return 0;
    }
}
