package electra.train;

import ai.djl.Device;

import electra.TestModels;
import electra.config.ElectraConfig;
import electra.config.PretrainOptions;
import electra.data.ElectraTokenizer;
import electra.data.PretrainingCorpus;
import electra.pretrain.Sequences;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wiring shared by the CLI and the notebooks, the held-out base rate, and the progress lines. */
class PretrainRunSetupTest {

    @Test
    void setupPacksTrainAndHeldOutWithTheTokenizersVocabulary(@TempDir Path tmp) throws Exception {
        Path text = tmp.resolve("corpus.txt");
        Files.writeString(text, "The chef cooked the meal. Then he served it to the guests.\n\n"
                + "Call me Ishmael. Some years ago I thought I would sail about a little.\n\n"
                + "The president spoke to the congress about the state of the union.\n");
        PretrainOptions o = PretrainOptions.defaults("electra", 10, 2, 16);
        try (ElectraTokenizer tok = ElectraTokenizer.bertUncased()) {
            PretrainRun.Setup s = PretrainRun.Setup.of(ElectraConfig.tiny().withVocabSize(99), o,
                    PretrainingCorpus.fromFile(text), tok, "bert-uncased", Device.cpu());
            assertEquals(tok.vocabSize(), s.config().vocabSize());
            assertEquals(tok.specials(), s.specials());
            assertTrue(s.train().size() > 0 && s.heldOut().size() > 0);
            for (int[] ids : s.train().inputIds()) {
                assertTrue(ids.length <= 16 && ids[0] == tok.specials().cls(), "packed to at most seq, [CLS] first");
            }
            assertEquals("bert-uncased", s.tokenizer());
            assertEquals(text.toString(), s.corpus());
            assertFalse(s.skipNonFinite());
            assertEquals(0, s.checkpointEvery());
            assertEquals(PretrainRun.Setup.DEFAULT_EVAL_BATCHES, s.evalBatches());

            PretrainRun.Setup t = s.withSkipNonFinite(true).withCheckpoints(5, 2).withEvalBatches(3);
            assertTrue(t.skipNonFinite());
            assertEquals(5, t.checkpointEvery());
            assertEquals(2, t.keepCheckpoints());
            assertEquals(3, t.evalBatches());
            assertSame(s.train(), t.train());

            // sizing by a FLOPs budget: whole steps of FlopCounter's count, the objective's parts included
            double perStep = s.flopsPerStep();
            assertEquals(electra.pretrain.FlopCounter.trainingStep(s.config(),
                    electra.pretrain.Objectives.byName("electra", () -> electra.pretrain.TokenCounts.of(s.train(),
                            s.config().vocabSize())), o), perStep, 1e-6 * perStep, "counts never change the FLOPs");
            assertEquals(7, s.stepsWithin(7.5 * perStep));
            PretrainRun.Setup disc = s.withOptions(o.withObjective("all-tokens-mlm"));
            assertTrue(disc.flopsPerStep() != perStep, "another objective, another count");
            assertThrows(IllegalArgumentException.class, () -> s.stepsWithin(0.5 * perStep), "not one step fits");

            assertThrows(IllegalArgumentException.class, () -> PretrainRun.Setup.of(ElectraConfig.tiny(),
                    PretrainOptions.defaults("electra", 10, 2, 4096), PretrainingCorpus.fromFile(text), tok, "bert-uncased",
                    Device.cpu()), "seq beyond the position table");
        }
    }

    @Test
    void evaluationReportsTheShareOfReplacedTokens() {
        Sequences data = TestModels.randomSequences(16, 32, 5);
        PretrainOptions o = TestModels.options("electra", 5, 4, 32);
        try (Pretrainer p = new Pretrainer(TestModels.micro(), o, electra.pretrain.Objectives.byName("electra"), data,
                TestModels.SPECIALS, Device.cpu(), false)) {
            Map<String, Double> eval = p.evaluate(data, 4);
            double share = eval.get("disc_replaced_share");
            // at most the masked share: round(0.15 x n) of n tokens, n >= 16
            assertTrue(share > 0 && share <= 0.2, "share " + share);
        }
    }

    @Test
    void progressLinesNameStepLossesAndTime() {
        Map<String, Double> row = new LinkedHashMap<>();
        row.put("loss", 29.5);
        row.put("mlm_loss", 8.5);
        row.put("mlm_acc", 0.06);
        row.put("disc_loss", 0.42);
        row.put("disc_acc", 0.85);
        row.put("disc_precision", 0.0);
        row.put("disc_recall", 0.0);
        row.put("lr", 1e-4);
        row.put("tokens_per_second", 1024.0);
        PretrainOptions o = PretrainOptions.defaults("electra", 100, 8, 64);
        String line = ProgressLines.step(row, 40, 100, o);
        assertTrue(line.startsWith("step 40/100  loss 29.5000  mlm 8.5000 (acc 0.060)  disc 0.4200 (acc 0.850"), line);
        assertTrue(line.endsWith("eta 0m30s"), line); // 60 steps x 512 tokens at 1024 tokens/s
        row.put("disc_loss", Double.NaN);
        assertFalse(ProgressLines.step(row, 40, 100, o).contains("disc"));
        assertEquals("1h01m", ProgressLines.duration(3660));
        assertEquals("?", ProgressLines.duration(Double.NaN));

        Map<String, Double> eval = new LinkedHashMap<>(row);
        eval.put("disc_loss", 0.42);
        eval.put("disc_auc", 0.73);
        assertTrue(ProgressLines.heldOut(eval).endsWith("auc 0.730"), ProgressLines.heldOut(eval));
    }
}
