package electra.pretrain;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;

import electra.TestModels;
import electra.data.SpecialTokens;
import electra.model.ElectraPretrainingModel;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The unigram generator and strategic (rare-token) masking, both built on the corpus's token counts. */
class CorpusStatisticsObjectivesTest {
    private static final SpecialTokens SP = TestModels.SPECIALS;

    /** Half of all word tokens are id 5, the rest uniform over 6..63: a Zipf-like head and tail. */
    private static Sequences skewed(int n, int len, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] s = new int[len];
            s[0] = SP.cls();
            s[len - 1] = SP.sep();
            for (int t = 1; t < len - 1; t++) {
                s[t] = r.nextBoolean() ? 5 : 6 + r.nextInt(58);
            }
            out.add(s);
        }
        return Sequences.of(out);
    }

    @Test
    void unigramNoiseFollowsTheCountsAndNeverDrawsSpecials() {
        long[] c = new long[SP.vocabSize()];
        c[SP.cls()] = 1000;  // specials are dropped whatever their counts
        c[5] = 600;
        c[6] = 300;
        c[7] = 100;
        UnigramNoise noise = new UnigramNoise(new TokenCounts(c), SP);
        int[] hits = new int[SP.vocabSize()];
        SplittableRandom r = new SplittableRandom(1);
        int n = 100_000;
        for (int k = 0; k < n; k++) {
            hits[noise.sample(r)]++;
        }
        assertEquals(0, hits[SP.cls()]);
        assertEquals(n, hits[5] + hits[6] + hits[7]);
        assertEquals(0.6, hits[5] / (double) n, 0.005);
        assertEquals(0.3, hits[6] / (double) n, 0.005);
        assertEquals(0.1, hits[7] / (double) n, 0.005);
    }

    @Test
    void unigramObjectiveWritesNoiseOnlyAtMaskedPositionsAndScoresIt() {
        Sequences data = skewed(16, 32, 2);
        Objective o = Objectives.byName("electra-unigram", () -> TokenCounts.of(data, SP.vocabSize()));
        assertTrue(!o.parts().generator());
        TokenBatch tb = data.batch(java.util.stream.IntStream.range(0, 16).toArray(), 32, SP.pad());
        Masking.Options masking = o.masking(TestModels.options("electra-unigram", 1, 16, 32));
        MaskedBatch mb = o.mask(tb, SP, masking, new SplittableRandom(3));
        int changed = 0;
        int fives = 0;
        int slots = 0;
        for (int i = 0; i < 16; i++) {
            java.util.Set<Integer> chosen = new java.util.HashSet<>();
            for (int j = 0; j < mb.maskedCount(i); j++) {
                int pos = mb.maskedLmPositions()[i][j];
                chosen.add(pos);
                int noise = mb.maskedInputIds()[i][pos];
                assertTrue(!SP.isSpecial(noise), "special token drawn");
                changed += noise != tb.inputIds()[i][pos] ? 1 : 0;
                fives += noise == 5 ? 1 : 0;
                slots++;
            }
            for (int t = 0; t < 32; t++) {
                if (!chosen.contains(t)) {
                    assertEquals(tb.inputIds()[i][t], mb.maskedInputIds()[i][t]);
                }
            }
        }
        assertTrue(changed > slots / 3, changed + " of " + slots + " noised positions differ");
        assertTrue(fives > slots / 4, "the frequent token should be drawn about half the time, was " + fives + " of " + slots);
        try (ElectraPretrainingModel model = ElectraPretrainingModel.create(TestModels.micro(), o.parts(), Device.cpu(), 1);
             NDManager sm = model.newStepManager()) {
            StepOutput out = o.forward(model, mb.toDevice(sm), TestModels.options("electra-unigram", 1, 16, 32), false);
            // labels: exactly the positions whose noise differs from the original
            float[] labels = out.discLabels().toFloatArray();
            int ones = 0;
            for (int i = 0; i < 16; i++) {
                for (int t = 0; t < 32; t++) {
                    assertEquals(mb.maskedInputIds()[i][t] != tb.inputIds()[i][t] ? 1f : 0f, labels[i * 32 + t]);
                    ones += (int) labels[i * 32 + t];
                }
            }
            assertEquals(changed, ones);
            // no generator term: loss = 50 x RTD over real tokens
            double rtd = ReplacedTokenDetection.loss(out.discLogits(), out.discLabels(), sm.create(tb.inputMask())).getFloat();
            assertEquals(50 * rtd, out.loss().getFloat(), 1e-3);
        }
    }

    @Test
    void objectivesThatNeedCountsSaySo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Objectives.byName("electra-unigram"));
        assertTrue(e.getMessage().contains("token counts"), e.getMessage());
        // the others never ask for them
        for (String name : List.of("electra", "mlm", "replace-mlm", "electra-15", "all-tokens-mlm", "electra-contrastive", "rsd")) {
            assertEquals(name, Objectives.byName(name).name());
        }
    }

    @Test
    void rareMaskingWeighsByInverseSquareRootOfCountAndShiftsMasksToRareTokens() {
        long[] c = new long[SP.vocabSize()];
        c[5] = 99;
        c[6] = 3;
        double[] w = RareMaskingObjective.proposal(new TokenCounts(c));
        assertEquals(0.1, w[5], 1e-12);
        assertEquals(0.5, w[6], 1e-12);
        assertEquals(1.0, w[7], 1e-12);

        Sequences data = skewed(64, 48, 4);
        TokenCounts counts = TokenCounts.of(data, SP.vocabSize());
        TokenBatch tb = data.batch(java.util.stream.IntStream.range(0, 64).toArray(), 48, SP.pad());
        double plain = shareOfFive(Objectives.byName("electra"), tb);
        double rare = shareOfFive(Objectives.byName("electra-rare", () -> counts), tb);
        // token 5 is half the text: uniform masking picks it ~50% of the time, sqrt-damped masking far less
        assertEquals(0.5, plain, 0.04);
        assertTrue(rare < 0.25, "frequent token's share of masks " + rare + " (uniform: " + plain + ")");
    }

    private static double shareOfFive(Objective o, TokenBatch tb) {
        Masking.Options masking = o.masking(TestModels.options(o.name(), 1, 64, 48));
        int five = 0;
        int all = 0;
        for (long seed = 0; seed < 20; seed++) {
            MaskedBatch mb = o.mask(tb, SP, masking, new SplittableRandom(seed));
            for (int i = 0; i < tb.batchSize(); i++) {
                for (int j = 0; j < mb.maskedCount(i); j++) {
                    five += mb.maskedLmIds()[i][j] == 5 ? 1 : 0;
                    all++;
                }
            }
        }
        return five / (double) all;
    }
}
