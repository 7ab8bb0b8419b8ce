package electra.pretrain;

import electra.TestModels;
import electra.data.SpecialTokens;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpanMaskingTest {
    private static final SpecialTokens SP = TestModels.SPECIALS;

    @Test
    void spanLengthsAreGeometricClippedAtTen() {
        SplittableRandom r = new SplittableRandom(1);
        int n = 50_000;
        double sum = 0;
        int ones = 0;
        for (int k = 0; k < n; k++) {
            int l = SpanMasking.spanLength(r);
            assertTrue(l >= 1 && l <= 10);
            sum += l;
            ones += l == 1 ? 1 : 0;
        }
        // Geo(0.2) renormalised on 1..10: mean sum k 0.2 0.8^(k-1) / (1 - 0.8^10) = 3.79, P(1) = 0.2 / (1 - 0.8^10) = 0.224
        double z = 1 - Math.pow(0.8, 10);
        double mean = 0;
        for (int k = 1; k <= 10; k++) {
            mean += k * 0.2 * Math.pow(0.8, k - 1) / z;
        }
        assertEquals(mean, sum / n, 0.05);
        assertEquals(0.2 / z, ones / (double) n, 0.01);
    }

    @Test
    void spansAreContiguousDisjointRunsOfOrdinaryTokensWithinTheBudget() {
        Sequences seqs = TestModels.randomSequences(200, 128, 9);
        Masking.Options o = Masking.Options.electra(0.15, 128);
        SplittableRandom r = new SplittableRandom(2);
        long chosen = 0;
        long real = 0;
        long spans = 0;
        for (int[] s : seqs.inputIds()) {
            TokenBatch tb = TokenBatch.of(List.of(s), 128, SP.pad());
            int[] input = tb.inputIds()[0];
            List<int[]> got = SpanMasking.chooseSpans(input, tb.inputMask()[0], SP, o, r);
            boolean[] taken = new boolean[128];
            int n = 0;
            for (int[] span : got) {
                assertTrue(span[1] >= 1 && span[1] <= 10, "span length " + span[1]);
                for (int t = span[0]; t < span[0] + span[1]; t++) { // one contiguous run
                    assertFalse(taken[t], "spans overlap at " + t);
                    assertFalse(SP.isSpecial(input[t]), "special or padding at " + t);
                    taken[t] = true;
                    n++;
                }
            }
            assertEquals(Masking.numToPredict(s.length, o), n, "budget");
            chosen += n;
            real += s.length;
            spans += got.size();
        }
        assertEquals(0.15, chosen / (double) real, 0.01);
        assertTrue(chosen / (double) spans > 2.5, "mean span length " + chosen / (double) spans);
    }

    @Test
    void maskedBatchHoldsTheSpansAndEachSpanIsMaskedOrKeptWhole() {
        Sequences seqs = TestModels.randomSequences(300, 64, 4);
        int[] rows = java.util.stream.IntStream.range(0, 300).toArray();
        TokenBatch tb = seqs.batch(rows, 64, SP.pad());
        Masking.Options o = Masking.Options.electra(0.15, 64);
        MaskedBatch mb = SpanMasking.mask(tb, SP, o, new SplittableRandom(5));
        long chosen = 0;
        long real = 0;
        long masked = 0;
        long mixedRuns = 0;
        for (int i = 0; i < 300; i++) {
            int[] pos = java.util.Arrays.copyOf(mb.maskedLmPositions()[i], mb.maskedCount(i));
            for (int j = 0; j < pos.length; j++) {
                assertEquals(tb.inputIds()[i][pos[j]], mb.maskedLmIds()[i][j]);
                assertTrue(j == 0 || pos[j] > pos[j - 1], "positions ascending");
                masked += mb.maskedInputIds()[i][pos[j]] == SP.mask() ? 1 : 0;
            }
            // a run of adjacent chosen positions can join two spans, so count runs that mix [MASK] and kept tokens
            for (int j = 1; j < pos.length; j++) {
                if (pos[j] == pos[j - 1] + 1
                        && (mb.maskedInputIds()[i][pos[j]] == SP.mask()) != (mb.maskedInputIds()[i][pos[j - 1]] == SP.mask())) {
                    mixedRuns++;
                }
            }
            chosen += pos.length;
            real += seqs.inputIds().get(i).length;
        }
        assertEquals(0.15, chosen / (double) real, 0.01);
        assertEquals(0.85, masked / (double) chosen, 0.03);
        assertTrue(mixedRuns < chosen / 20, mixedRuns + " [MASK]/kept boundaries inside runs of " + chosen + " positions");
    }
}
