package electra.cli;

import electra.config.ElectraConfig;
import electra.config.Recipe;
import electra.config.PretrainOptions;
import electra.finetune.AblationFineTuning;
import electra.finetune.FineTuneOptions;
import electra.finetune.Tasks;
import electra.train.Ablations;
import electra.train.CorpusSetup;
import electra.train.Devices;
import electra.train.PretrainRun;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ./electra} command line. User mistakes end with one line on stderr and exit code 2,
 * runtime failures with one line and exit code 1; {@code --debug} adds the stack trace.
 */
@Command(name = "electra", mixinStandardHelpOptions = true, version = "electra 0.1.0",
        description = "ELECTRA (Clark et al. 2020) on DJL: pretraining, ablations, fine-tuning.",
        subcommands = {PretrainCommand.class, DataCommand.class, BenchCommand.class, ExportCommand.class})
public final class Main implements Runnable {

    public static final int USAGE = 2;
    public static final int FAILURE = 1;

    @Override
    public void run() {
        CommandLine.usage(this, System.err);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code, without exiting (for tests). */
    public static int run(String... args) {
        boolean debug = java.util.Arrays.asList(args).contains("--debug");
        CommandLine cl = new CommandLine(new Main());
        cl.addSubcommand(new FinetuneCommand(Tasks::load, Tasks::encoder));
        cl.addSubcommand(new ScoreCommand(Tasks::encoder));
        cl.addSubcommand(new AblationsCommand(new AblationsCommand.Wiring() {
            @Override
            public PretrainRun.Setup setup(String preset, PretrainOptions options) {
                return CorpusSetup.of(ElectraConfig.preset(preset), options, "pretrain", Recipe.of(preset).tokenizer(),
                        Devices.resolve("auto"));
            }

            @Override
            public Ablations.FineTuner fineTuner(String task, String preset) {
                return new AblationFineTuning(Tasks.load(task), Tasks.encoder(Recipe.of(preset).tokenizer()),
                        FineTuneOptions.official(preset), Devices.resolve("auto"));
            }
        }));
        cl.setParameterExceptionHandler((ex, a) -> {
            System.err.println("electra: " + ex.getMessage());
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (debug) {
                ex.printStackTrace();
            }
            System.err.println("electra: " + oneLine(ex));
            return ex instanceof IllegalArgumentException ? USAGE : FAILURE;
        });
        try {
            return cl.execute(args);
        } catch (RuntimeException | Error e) { // picocli hands Errors (out of memory) and handler failures back
            if (debug) {
                e.printStackTrace();
            }
            System.err.println("electra: " + oneLine(e));
            return e instanceof IllegalArgumentException ? USAGE : FAILURE;
        }
    }

    /** The first line of an exception's message, with its cause's when it has none of its own. */
    static String oneLine(Throwable e) {
        String m = e.getMessage();
        if ((m == null || m.isBlank()) && e.getCause() != null) {
            return oneLine(e.getCause());
        }
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            m = m + ": no such file";
        } else if (e instanceof java.nio.file.AccessDeniedException) {
            m = m + ": permission denied";
        } else if (e instanceof OutOfMemoryError) {
            m = "out of memory (" + m + "); use a smaller --batch or preset, or raise -Xmx in ELECTRA_JAVA_OPTS";
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
