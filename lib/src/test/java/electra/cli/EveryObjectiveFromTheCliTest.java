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
    void anUnknownObjectiveIsAUsageErrorNamingTheKnownOnes() {
        assertEquals(Main.USAGE, Main.run("pretrain", "--objective", "bert", "--out", tmp.resolve("x").toString()));
        assertTrue(!Files.exists(tmp.resolve("x")), "nothing written");
    }
}
