package electra.finetune;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;

import electra.model.ElectraPretrainingModel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FineTuneDropoutTest {

    @Test
    void fineTuningDropoutIsSetApartFromTheCheckpointsAndKeepsItsWeights(@TempDir Path dir) throws IOException {
        try (ElectraPretrainingModel original = Fixtures.pretrainingModel(Fixtures.micro(), 4)) {
            Fixtures.writeCheckpoint(original, dir, "electra");
        }
        EncoderSource asTrained = EncoderSource.open(dir.toString(), null);
        assertEquals(0f, asTrained.config().hiddenDropoutProb(), "the micro fixture pretrains without dropout");
        EncoderSource withDropout = asTrained.withDropout(0.5f);
        assertEquals(0.5f, withDropout.config().hiddenDropoutProb());
        assertEquals(0.5f, withDropout.config().attentionDropoutProb());
        assertEquals(0f, asTrained.config().hiddenDropoutProb(), "the original source is unchanged");
        try (ElectraForSequenceClassification plain = asTrained.build(2, Device.cpu(), 9);
             ElectraForSequenceClassification dropped = withDropout.build(2, Device.cpu(), 9);
             NDManager sm = plain.newStepManager()) {
            FineTuner.Arrays a = FineTuner.arrays(sm,
                    FineTuner.encode(Fixtures.markerTask(4, 2), Fixtures.TOY_ENCODER, 32, 64, "t"), 2);
            float[] evalPlain = plain.logits(a.ids(), a.segments(), a.mask(), false).toFloatArray();
            float[] evalDropped = dropped.logits(a.ids(), a.segments(), a.mask(), false).toFloatArray();
            assertArrayEquals(evalPlain, evalDropped, 1e-6f, "the same weights: equal logits when not training");
            float[] trainPlain = plain.logits(a.ids(), a.segments(), a.mask(), true).toFloatArray();
            assertArrayEquals(evalPlain, trainPlain, 1e-6f, "no dropout: training changes nothing");
            float[] trainDropped = dropped.logits(a.ids(), a.segments(), a.mask(), true).toFloatArray();
            assertFalse(Arrays.equals(evalDropped, trainDropped), "dropout 0.5 is active when training");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> asTrained.withDropout(1f));
        assertEquals("hiddenDropoutProb = 1.0: must be in [0, 1)", e.getMessage());
    }
}
