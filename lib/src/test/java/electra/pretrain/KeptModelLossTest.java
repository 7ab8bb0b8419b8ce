package electra.pretrain;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;

import electra.TestModels;
import electra.model.ElectraEncoder;
import electra.model.ElectraPretrainingModel;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Replace MLM's and All-Tokens MLM's kept-model losses against an independent computation: the
 * corrupted input built on the host, the tower run on it through the public API, the loss taken
 * on the host in doubles (for All-Tokens MLM from the dense mixture D x onehot + (1 - D) x softmax).
 */
class KeptModelLossTest {

    private static final int SEQ = 32;
    private static final int V = TestModels.SPECIALS.vocabSize();

    private static MaskedBatch batch() {
        Sequences seqs = TestModels.randomSequences(3, SEQ, 5);
        TokenBatch tb = seqs.batch(new int[] {0, 1, 2}, SEQ, TestModels.SPECIALS.pad());
        return Masking.mask(tb, TestModels.SPECIALS, Masking.Options.electra(0.15, SEQ), new SplittableRandom(1));
    }

    /** Random samples for every slot, padding slots included (they must be ignored). */
    private static int[][] samples(MaskedBatch mb) {
        SplittableRandom r = new SplittableRandom(4);
        int[][] s = new int[mb.maskedLmPositions().length][mb.maxPredictions()];
        for (int[] row : s) {
            for (int j = 0; j < row.length; j++) {
                row[j] = 5 + r.nextInt(V - 5);
            }
        }
        return s;
    }

    private static int[][] corruptOnHost(MaskedBatch mb, int[][] sampled) {
        int[][] fake = new int[mb.original().batchSize()][];
        for (int i = 0; i < fake.length; i++) {
            fake[i] = mb.original().inputIds()[i].clone();
            for (int j = 0; j < mb.maskedCount(i); j++) {
                fake[i][mb.maskedLmPositions()[i][j]] = sampled[i][j];
            }
        }
        return fake;
    }

    /** (B, S, V) MLM logits and (B, S) RTD logits of the discriminator tower on {@code ids}. */
    private static NDArray[] tower(ElectraPretrainingModel model, NDManager sm, int[][] ids, MaskedBatch.Arrays a) {
        ParameterStore ps = model.parameterStore();
        NDArray emb = model.embeddings().forward(ps, sm.create(ids), a.segmentIds(), false);
        NDArray h = model.discriminator().hidden(ps, emb, ElectraEncoder.attentionBias(a.inputMask()), false);
        NDArray logits = model.discriminator().mlmLogits(ps, h, model.embeddings().wordEmbeddingTable(), false);
        NDArray rtd = model.discriminator().hasRtdHead() ? model.discriminator().rtdLogits(ps, h, false) : null;
        return new NDArray[] {logits, rtd};
    }

    private static double logSoftmax(float[] all, int base, int target) {
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < V; v++) {
            max = Math.max(max, all[base + v]);
        }
        double z = 0;
        for (int v = 0; v < V; v++) {
            z += Math.exp(all[base + v] - max);
        }
        return all[base + target] - max - Math.log(z);
    }

    @Test
    void replaceMlmKeptModelReadsTheSamplesAndPredictsTheOriginals() {
        MaskedBatch mb = batch();
        int[][] sampled = samples(mb);
        int[][] fake = corruptOnHost(mb, sampled);
        try (ElectraPretrainingModel model = ElectraPretrainingModel.create(TestModels.micro(), ReplaceMlmObjective.PARTS, Device.cpu(), 3);
             NDManager sm = model.newStepManager()) {
            MaskedBatch.Arrays a = mb.toDevice(sm);
            ReplaceMlmObjective.KeptMlm kept = ReplaceMlmObjective.keptMlm(model, a, sm.create(sampled), false);
            float[] logits = tower(model, sm, fake, a)[0].toFloatArray();
            double nll = 0;
            int n = 0;
            for (int i = 0; i < fake.length; i++) {
                for (int j = 0; j < mb.maskedCount(i); j++) {
                    int pos = mb.maskedLmPositions()[i][j];
                    nll -= logSoftmax(logits, (i * SEQ + pos) * V, mb.maskedLmIds()[i][j]);
                    n++;
                }
            }
            assertEquals(nll / n, kept.loss().getFloat(), 1e-4);
        }
    }

    @Test
    void allTokensMlmScoresEveryRealTokenUnderTheCopyMixture() {
        MaskedBatch mb = batch();
        int[][] sampled = samples(mb);
        int[][] fake = corruptOnHost(mb, sampled);
        try (ElectraPretrainingModel model = ElectraPretrainingModel.create(TestModels.micro(), AllTokensMlmObjective.PARTS, Device.cpu(), 3);
             NDManager sm = model.newStepManager()) {
            MaskedBatch.Arrays a = mb.toDevice(sm);
            AllTokensMlmObjective.Kept kept = AllTokensMlmObjective.kept(model, a, sm.create(sampled), false);
            NDArray[] t = tower(model, sm, fake, a);
            float[] logits = t[0].toFloatArray();
            float[] gate = t[1].toFloatArray();
            double nll = 0;
            int n = 0;
            for (int i = 0; i < fake.length; i++) {
                int[] orig = mb.original().inputIds()[i];
                for (int s = 0; s < SEQ; s++) {
                    if (mb.original().inputMask()[i][s] == 0) {
                        continue;
                    }
                    double d = 1 / (1 + Math.exp(-gate[i * SEQ + s]));
                    double p = (1 - d) * Math.exp(logSoftmax(logits, (i * SEQ + s) * V, orig[s])) + (fake[i][s] == orig[s] ? d : 0);
                    nll -= Math.log(p);
                    n++;
                }
            }
            assertEquals(nll / n, kept.loss().getFloat(), 1e-4);
        }
    }
}
