package electra.train;

import ai.djl.Device;

import electra.TestModels;
import electra.config.PretrainOptions;
import electra.model.ElectraPretrainingModel;
import electra.pretrain.FlopCounter;
import electra.pretrain.Objectives;
import electra.pretrain.Sequences;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AblationsTest {

    private static final Sequences TRAIN = TestModels.randomSequences(32, 32, 1);
    private static final Sequences HELD_OUT = TestModels.randomSequences(8, 32, 2);

    private static PretrainRun.Setup setup(PretrainOptions o) {
        return new PretrainRun.Setup(TestModels.micro(), o, TRAIN, HELD_OUT, TestModels.SPECIALS, "test-vocab", "random",
                Device.cpu(), true, 0, 1, 1);
    }

    private static double perStep(String objective) {
        return FlopCounter.trainingStep(TestModels.micro(), Objectives.byName(objective), TestModels.options(objective, 1, 4, 32));
    }

    @Test
    void runStopsAtTheFlopsBudgetAndReportsFlops(@TempDir Path tmp) throws IOException {
        PretrainOptions o = TestModels.options("electra", 50, 4, 32).withLogEvery(5);
        double budget = 7.5 * perStep("electra");
        List<Map<String, Double>> rows = new ArrayList<>();
        try (PretrainRun run = new PretrainRun(setup(o), new RunDirectory(tmp))) {
            run.setFlopsBudget(budget);
            run.run(new PretrainRun.Listener() {
                @Override
                public void onRow(Map<String, Double> row, long step, long totalSteps) {
                    rows.add(row);
                }
            });
            assertEquals(7, run.pretrainer().stepsDone());
            assertEquals(7 * run.flopsPerStep(), run.flopsDone(), 1e-6 * budget);
        }
        // the interval cut short by the budget is logged too
        assertEquals(List.of(5.0, 7.0), rows.stream().map(r -> r.get("step")).toList());
        assertEquals(7 * perStep("electra"), rows.get(1).get("flops"), 1e-6 * budget);
        String summary = Files.readString(tmp.resolve("summary.json"), StandardCharsets.UTF_8);
        assertTrue(summary.contains("\"flops_per_step\"") && summary.contains("\"flops_budget\""), summary);
        assertThrows(IllegalArgumentException.class, () -> {
            try (PretrainRun run = new PretrainRun(setup(o), null)) {
                run.setFlopsBudget(0.5 * perStep("electra"));
            }
        });
    }

    /** Scores a kept model by a fixed function of its discriminator weights: equal weights, equal score. */
    private static final class FakeFineTuner implements Ablations.FineTuner {
        final List<String> calls = new ArrayList<>();

        @Override
        public double score(ElectraPretrainingModel kept, int seed) {
            float[] w = kept.namedParameters().get("discriminator.electra.encoder.layer.0.attention.self.query.weight")
                    .getArray().toFloatArray();
            double s = 0;
            for (float v : w) {
                s += Math.abs(v);
            }
            calls.add(kept.parts().toString() + "/" + seed);
            return 50 + s + seed; // the seed moves the score, as a fine-tuning seed would
        }
    }

    @Test
    void equalBudgetStudyWritesResultsAndSummaryAndResumes(@TempDir Path tmp) throws IOException {
        PretrainOptions o = TestModels.options("electra", 100, 4, 32).withWarmupSteps(10).withLogEvery(2);
        List<String> objectives = List.of("electra", "mlm", "all-tokens-mlm");
        double budget = 6 * perStep("electra");
        Ablations.Plan plan = new Ablations.Plan(setup(o), objectives, budget, List.of(1, 2, 3), "fake");
        FakeFineTuner ft = new FakeFineTuner();
        List<Ablations.Result> results = new Ablations(plan, ft, tmp).run();
        assertEquals(9, results.size());
        assertEquals(9, ft.calls.size());
        for (Ablations.Result r : results) {
            double step = perStep(r.objective());
            assertEquals(FlopCounter.stepsFor(budget, step), r.pretrainSteps(), r.objective());
            assertTrue(r.pretrainFlops() <= budget * (1 + 1e-9) && r.pretrainFlops() > budget - step, r.toString());
        }
        // MLM has no generator: more of its cheaper steps fit; all-tokens-mlm's vocabulary projection costs steps
        long electraSteps = steps(results, "electra");
        assertTrue(steps(results, "mlm") > electraSteps, "mlm " + steps(results, "mlm") + " vs electra " + electraSteps);
        assertTrue(steps(results, "all-tokens-mlm") < electraSteps);

        List<String> summary = Files.readAllLines(tmp.resolve("summary.csv"), StandardCharsets.UTF_8);
        assertEquals(Ablations.SUMMARY_HEADER, summary.get(0));
        assertEquals(4, summary.size());
        assertTrue(summary.get(1).startsWith("electra,") && summary.get(1).endsWith(",85.0"), summary.get(1));
        assertTrue(summary.get(2).startsWith("mlm,") && summary.get(2).endsWith(",82.2"), summary.get(2));
        String[] electra = summary.get(1).split(",");
        double median = Double.parseDouble(electra[1]);
        assertEquals(Double.parseDouble(electra[2]) + 1, median, 1e-3); // seeds 1, 2, 3 add 1, 2, 3
        assertEquals(Double.parseDouble(electra[3]) - 1, median, 1e-3);

        // a second run finds everything done: no pretraining, no fine-tuning, same files
        String before = Files.readString(tmp.resolve("results.csv"));
        FakeFineTuner again = new FakeFineTuner();
        new Ablations(plan, again, tmp).run();
        assertEquals(0, again.calls.size());
        assertEquals(before, Files.readString(tmp.resolve("results.csv")));

        // a lost row (an interrupted fine-tuning) is redone alone, from the saved model: same score
        List<String> lines = new ArrayList<>(Files.readAllLines(tmp.resolve("results.csv")));
        String lost = lines.remove(lines.size() - 1);
        Files.write(tmp.resolve("results.csv"), lines);
        FakeFineTuner third = new FakeFineTuner();
        new Ablations(plan, third, tmp).run();
        assertEquals(1, third.calls.size());
        List<String> now = Files.readAllLines(tmp.resolve("results.csv"));
        assertEquals(lost, now.get(now.size() - 1));

        // another budget in the same folder is refused
        Ablations.Plan other = new Ablations.Plan(setup(o), objectives, 2 * budget, List.of(1), "fake");
        assertThrows(IllegalArgumentException.class, () -> new Ablations(other, new FakeFineTuner(), tmp).run());
    }

    private static long steps(List<Ablations.Result> results, String objective) {
        return results.stream().filter(r -> r.objective().equals(objective)).findFirst().orElseThrow().pretrainSteps();
    }

    @Test
    void medianOfEvenAndOddCounts() {
        assertEquals(2.0, Ablations.median(new double[] {1, 2, 9}));
        assertEquals(1.5, Ablations.median(new double[] {1, 2}));
        assertTrue(Double.isNaN(Ablations.median(new double[0])));
    }
}
