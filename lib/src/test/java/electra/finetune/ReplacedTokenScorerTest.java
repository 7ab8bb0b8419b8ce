package electra.finetune;

import ai.djl.Device;

import electra.checkpoint.HuggingFaceExport;
import electra.model.ElectraPretrainingModel;
import electra.score.ReplacedTokenScorer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplacedTokenScorerTest {

    @Test
    void perTokenProbabilityIsTheSigmoidOfTheDiscriminatorLogit(@TempDir Path dir) throws IOException {
        PackedIds p = Fixtures.TOY_ENCODER.encode("7 8 9 10", "11 12", 32);
        try (ElectraPretrainingModel model = Fixtures.pretrainingModel(Fixtures.micro(), 3)) {
            Fixtures.writeCheckpoint(model, dir, "electra");
            float[] logits = ReplacedTokenScorer.logits(model, p.ids(), p.segmentIds());
            float[] prob = ReplacedTokenScorer.pReplaced(model, p.ids(), p.segmentIds());
            assertEquals(p.length(), prob.length);
            for (int i = 0; i < prob.length; i++) {
                assertEquals(1 / (1 + Math.exp(-logits[i])), prob[i], 1e-6);
                assertTrue(prob[i] > 0 && prob[i] < 1);
            }
            try (ReplacedTokenScorer fromRun = ReplacedTokenScorer.load(dir, Device.cpu())) {
                assertArrayEquals(prob, fromRun.pReplaced(p.ids(), p.segmentIds()), 0f);
                assertEquals("toy-tokenizer", fromRun.tokenizer());
            }
            HuggingFaceExport.export(dir, dir.resolve("hf"), null);
            try (ReplacedTokenScorer fromHf = ReplacedTokenScorer.load(dir.resolve("hf"), Device.cpu())) {
                assertArrayEquals(prob, fromHf.pReplaced(p.ids(), p.segmentIds()), 0f);
            }
        }
    }
}
