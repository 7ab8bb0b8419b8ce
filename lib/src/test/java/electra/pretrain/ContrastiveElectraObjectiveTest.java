package electra.pretrain;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import electra.TestModels;
import electra.model.ElectraPretrainingModel;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContrastiveElectraObjectiveTest {

    @Test
    void cleanRowsKeepTheirTokensAndSequenceLabelsSayWhetherAnythingChanged() {
        try (NDManager m = NDManager.newBaseManager()) {
            int[][] input = {{2, 10, 11, 12, 3}, {2, 20, 21, 22, 3}, {2, 30, 31, 3, 0}};
            MaskedBatch.Arrays a = new MaskedBatch.Arrays(m.create(input), m.create(new int[][] {{1, 1, 1, 1, 1}, {1, 1, 1, 1, 1}, {1, 1, 1, 1, 0}}),
                    m.zeros(new ai.djl.ndarray.types.Shape(3, 5), ai.djl.ndarray.types.DataType.INT32), m.create(input),
                    m.create(new int[][] {{1, 3}, {2, 0}, {1, 0}}), m.create(new int[][] {{10, 12}, {21, 0}, {30, 0}}),
                    m.create(new float[][] {{1, 1}, {1, 0}, {1, 0}}));
            // row 0 corrupted (one sample equals the original), row 1 left clean, row 2 corrupted but its sample is the original
            NDArray sampled = m.create(new int[][] {{10, 40}, {50, 9}, {30, 9}});
            NDArray corrupt = m.create(new boolean[] {true, false, true}).reshape(3, 1);
            ContrastiveElectraObjective.Corrupted c = ContrastiveElectraObjective.corrupt(a, sampled, corrupt);
            assertArrayEquals(new int[] {2, 10, 11, 40, 3, 2, 20, 21, 22, 3, 2, 30, 31, 3, 0}, c.fake().inputIds().toIntArray());
            assertArrayEquals(new float[] {0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, c.fake().labels().toFloatArray());
            assertArrayEquals(new float[] {1, 0, 0}, c.sequenceLabels().toFloatArray());
        }
    }

    @Test
    void aboutOneFifthOfSequencesStayClean() {
        Sequences seqs = TestModels.randomSequences(64, 32, 3);
        int[] rows = java.util.stream.IntStream.range(0, 64).toArray();
        TokenBatch tb = seqs.batch(rows, 32, 0);
        Objective objective = new ContrastiveElectraObjective();
        int clean = 0;
        int total = 0;
        try (ElectraPretrainingModel model = ElectraPretrainingModel.create(TestModels.micro(), objective.parts(), Device.cpu(), 1)) {
            for (int k = 0; k < 8; k++) {
                Engine.getEngine("PyTorch").setRandomSeed(100 + k);
                MaskedBatch mb = Masking.mask(tb, TestModels.SPECIALS, Masking.Options.electra(0.15, 32), new SplittableRandom(k));
                try (NDManager sm = model.newStepManager()) {
                    StepOutput out = objective.forward(model, mb.toDevice(sm), TestModels.options("electra-contrastive", 1, 64, 32), false);
                    assertTrue(Float.isFinite(out.loss().getFloat()));
                    float[] labels = out.discLabels().toFloatArray();
                    for (int i = 0; i < 64; i++) {
                        float any = 0;
                        for (int s = 0; s < 32; s++) {
                            any = Math.max(any, labels[i * 32 + s]);
                        }
                        clean += any == 0 ? 1 : 0;
                        total++;
                    }
                }
            }
        }
        // 20% by design, plus the rare row whose every sample equals its original (~1/59 per slot here); sd ~0.018
        assertEquals(0.2, clean / (double) total, 0.06, clean + " of " + total + " clean");
    }
}
