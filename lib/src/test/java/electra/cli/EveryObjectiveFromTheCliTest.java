package electra.cli;

import electra.pretrain.Objectives;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 5: {@code electra pretrain --objective X} runs for every objective the library knows,
 * including those built from the corpus's token counts (electra-unigram, electra-rare), and
 * {@code bench} measures each.
 */
class EveryObjectiveFromTheCliTest {

    @TempDir
    Path tmp;

    @Test
    void pretrainRunsEveryObjective() throws Exception {
        CliFixture fx = new CliFixture(tmp);
        for (String objective : Objectives.names()) {
            Path out = tmp.resolve(objective);
            int code = Main.run(fx.pretrain(out, "--objective", objective, "--steps", "2", "--quiet").toArray(String[]::new));
            assertEquals(0, code, objective);
            assertTrue(Files.isRegularFile(out.resolve("model.electra")), objective);
        }
    }

    @Test
    void benchMeasuresTheCorpusStatisticsObjectives() {
        for (String objective : new String[] {"electra-unigram", "electra-rare"}) {
            assertEquals(0, Main.run("bench", "--preset", "tiny", "--objective", objective, "--batch", "2", "--seq", "16",
                    "--steps", "1", "--warmup", "0", "--threads", "1"), objective);
        }
    }

    @Test
    void aFlopsBudgetSetsTheStepsAndExcludesSteps() throws Exception {
        CliFixture fx = new CliFixture(tmp);
        Path out = tmp.resolve("budget");
        // one step of the fixture's model costs well under 1e9 FLOPs: the budget allows several, --steps none
        assertEquals(0, Main.run(fx.pretrain(out, "--flops-budget", "1e9", "--quiet").toArray(String[]::new)));
        com.google.gson.JsonObject summary = com.google.gson.JsonParser.parseString(
                Files.readString(out.resolve("summary.json"))).getAsJsonObject();
        double perStep = summary.get("flops_per_step").getAsDouble();
        long steps = summary.get("steps").getAsLong();
        assertEquals((long) Math.floor(1e9 / perStep), steps, "as many whole steps as fit");
        assertTrue(summary.get("flops").getAsDouble() <= 1e9);
        assertEquals(Main.USAGE, Main.run(fx.pretrain(tmp.resolve("both"), "--flops-budget", "1e9", "--steps", "3")
                .toArray(String[]::new)));
        assertEquals(Main.USAGE, Main.run(fx.pretrain(tmp.resolve("tiny"), "--flops-budget", "10").toArray(String[]::new)));
    }

    @Test
    void benchRunsThePresetWithItsOwnVocabulary() {
        assertEquals(0, Main.run("bench", "--preset", "laptop", "--batch", "2", "--seq", "16", "--steps", "1", "--warmup", "0",
                "--threads", "1"));
    }

    @Test
    void benchRecordsResidentMemoryEveryNthStepForTheLeakCheck() {
        CliFixture.Result r = CliFixture.run("bench", "--preset", "tiny", "--batch", "2", "--seq", "16", "--steps", "4",
                "--warmup", "0", "--threads", "1", "--rss-every", "2");
        assertEquals(0, r.code(), r.err());
        com.google.gson.JsonObject j = com.google.gson.JsonParser.parseString(
                r.out().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow()).getAsJsonObject();
        com.google.gson.JsonObject rss = j.getAsJsonObject("rss_mb_at_step");
        assertEquals(java.util.Set.of("2", "4"), rss.keySet(), "after timed steps 2 and 4");
        for (String k : rss.keySet()) {
            double mb = rss.get(k).getAsDouble();
            assertTrue(mb > 10 && mb < 1e6, "resident MB " + mb + " at step " + k);
        }
        assertEquals(Main.USAGE, CliFixture.run("bench", "--rss-every", "-1").code());
    }

    @Test
    void benchWritesTheProfilersTraceOfTheStep() throws Exception {
        Path trace = tmp.resolve("trace.json");
        CliFixture.Result r = CliFixture.run("bench", "--preset", "tiny", "--batch", "2", "--seq", "16", "--steps", "1",
                "--warmup", "0", "--threads", "1", "--profile", trace.toString());
        assertEquals(0, r.code(), r.err());
        String json = Files.readString(trace);
        assertTrue(json.contains("\"aten::mm\"") && json.contains("\"aten::bernoulli_\""),
                "matrix products and dropout of the traced steps");
        CliFixture.Result bad = CliFixture.run("bench", "--steps", "1", "--profile", tmp.resolve("no/such/t.json").toString());
        assertEquals(Main.USAGE, bad.code());
        assertTrue(bad.err().strip().lines().count() == 1 && bad.err().contains("no such folder"), bad.err());
    }

    @Test
    void anUnknownObjectiveIsAUsageErrorNamingTheKnownOnes() {
        assertEquals(Main.USAGE, Main.run("pretrain", "--objective", "bert", "--out", tmp.resolve("x").toString()));
        assertTrue(!Files.exists(tmp.resolve("x")), "nothing written");
    }
}
