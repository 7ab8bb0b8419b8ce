package electra.cli;

import ai.djl.Device;

import electra.TestModels;
import electra.config.PretrainOptions;
import electra.train.Ablations;
import electra.train.PretrainRun;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AblationsCommandTest {

    /** The presets the wiring was asked to fine-tune with. */
    private static final List<String> FINE_TUNED_AS = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Micro model on random sequences; the fine-tuner scores 70 + seed. */
    private static final AblationsCommand.Wiring WIRING = new AblationsCommand.Wiring() {
        @Override
        public PretrainRun.Setup setup(String preset, PretrainOptions options) {
            return new PretrainRun.Setup(TestModels.micro(), options, TestModels.randomSequences(16, 32, 1),
                    TestModels.randomSequences(4, 32, 2), TestModels.SPECIALS, "test", "random", Device.cpu(), true, 0, 1, 1);
        }

        @Override
        public Ablations.FineTuner fineTuner(String task, String preset) {
            FINE_TUNED_AS.add(preset);
            return (model, seed) -> 70 + seed;
        }
    };

    @Test
    void parsesIntoAPlan(@TempDir Path out) throws Exception {
        AblationsCommand c = new AblationsCommand(WIRING);
        new CommandLine(c).parseArgs("--objectives", "electra,mlm", "--flops-budget", "1e9", "--seeds", "2",
                "--task", "sst2", "--out", out.toString(), "--batch", "4", "--seq", "32");
        Ablations.Plan plan = c.plan();
        assertEquals(List.of("electra", "mlm"), plan.objectives());
        assertEquals(1e9, plan.flopsBudget());
        assertEquals(List.of(1, 2), plan.seeds());
        assertEquals(4, plan.template().options().batch());
    }

    @Test
    void temperatureDefaultsToThePresetsAndCanBeSet(@TempDir Path out) throws Exception {
        AblationsCommand laptop = new AblationsCommand(WIRING);
        new CommandLine(laptop).parseArgs("--preset", "laptop", "--steps", "3", "--task", "t", "--out", out.toString());
        assertEquals(5.0, laptop.plan().template().options().temperature());
        AblationsCommand set = new AblationsCommand(WIRING);
        new CommandLine(set).parseArgs("--preset", "laptop", "--temperature", "2", "--steps", "3", "--task", "t",
                "--out", out.toString());
        assertEquals(2.0, set.plan().template().options().temperature());
        AblationsCommand bad = new AblationsCommand(WIRING);
        new CommandLine(bad).parseArgs("--temperature", "0", "--steps", "3", "--task", "t", "--out", out.toString());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, bad::plan);
        assertTrue(e.getMessage().contains("temperature"), e.getMessage());
    }

    @Test
    void budgetAndStepsExcludeEachOtherAndObjectivesAreChecked(@TempDir Path out) {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new AblationsCommand(WIRING)).setErr(new PrintWriter(err));
        int code = cl.execute("--steps", "3", "--flops-budget", "1e9", "--task", "t", "--out", out.toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains("mutually exclusive"), err.toString());
        StringWriter err2 = new StringWriter();
        int code2 = new CommandLine(new AblationsCommand(WIRING)).setErr(new PrintWriter(err2))
                .execute("--objectives", "electra,bert", "--steps", "3", "--task", "t", "--out", out.toString());
        assertTrue(code2 != 0);
        assertTrue(err2.toString().contains("unknown objective 'bert'"), err2.toString());
    }

    @Test
    void runsAStudy(@TempDir Path out) throws Exception {
        FINE_TUNED_AS.clear();
        int code = new CommandLine(new AblationsCommand(WIRING)).execute("--preset", "small", "--objectives", "electra-15",
                "--steps", "2", "--seeds", "2", "--batch", "4", "--seq", "32", "--task", "t", "--out", out.toString());
        assertEquals(0, code);
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals("electra-15,71.5000,71.0000,72.0000,82.4", summary.get(1));
        assertEquals(List.of("small"), FINE_TUNED_AS, "the fine-tuning recipe follows --preset");
    }
}
