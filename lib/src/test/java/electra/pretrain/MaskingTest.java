package electra.pretrain;

import electra.TestModels;
import electra.data.SpecialTokens;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MaskingTest {
    private static final SpecialTokens SP = TestModels.SPECIALS;

    @Test
    void exactCountAndNoSpecialTokensOverManySeeds() {
        Sequences seqs = TestModels.randomSequences(64, 128, 7);
        Masking.Options o = Masking.Options.electra(0.15, 128);
        assertEquals(19, o.maxPredictions()); // the official max_predictions_per_seq at 128
        for (long seed = 0; seed < 50; seed++) {
            int[] rows = new int[64];
            for (int i = 0; i < 64; i++) {
                rows[i] = i;
            }
            TokenBatch b = seqs.batch(rows, 128, SP.pad());
            MaskedBatch m = Masking.mask(b, SP, o, new SplittableRandom(seed));
            for (int i = 0; i < 64; i++) {
                int real = seqs.inputIds().get(i).length;
                assertEquals(Math.max(1, Math.min(19, Math.round(real * 0.15f))), m.maskedCount(i), "row " + i);
                java.util.Set<Integer> seen = new java.util.HashSet<>();
                for (int j = 0; j < m.maskedCount(i); j++) {
                    int pos = m.maskedLmPositions()[i][j];
                    assertTrue(seen.add(pos), "duplicate position");
                    assertTrue(pos < real, "padding chosen");
                    assertFalse(SP.isSpecial(b.inputIds()[i][pos]), "special token chosen");
                    assertEquals(b.inputIds()[i][pos], m.maskedLmIds()[i][j]);
                }
                for (int j = m.maskedCount(i); j < 19; j++) {
                    assertEquals(0, m.maskedLmPositions()[i][j]);
                    assertEquals(0f, m.maskedLmWeights()[i][j]);
                }
            }
        }
    }

    @Test
    void electraMasks85PercentAndKeeps15() {
        long masked = 0;
        long kept = 0;
        long other = 0;
        Sequences seqs = TestModels.randomSequences(200, 64, 3);
        int[] rows = java.util.stream.IntStream.range(0, 200).toArray();
        TokenBatch b = seqs.batch(rows, 64, SP.pad());
        for (long seed = 0; seed < 20; seed++) {
            MaskedBatch m = Masking.mask(b, SP, Masking.Options.electra(0.15, 64), new SplittableRandom(seed));
            for (int i = 0; i < 200; i++) {
                for (int j = 0; j < m.maskedCount(i); j++) {
                    int pos = m.maskedLmPositions()[i][j];
                    int now = m.maskedInputIds()[i][pos];
                    if (now == SP.mask()) {
                        masked++;
                    } else if (now == b.inputIds()[i][pos]) {
                        kept++;
                    } else {
                        other++;
                    }
                }
            }
        }
        double total = masked + kept;
        assertEquals(0, other);
        assertEquals(0.85, masked / total, 0.01);
    }

    @Test
    void bertVariantIs80_10_10AndUnmaskedPositionsAreUntouched() {
        Sequences seqs = TestModels.randomSequences(200, 64, 5);
        int[] rows = java.util.stream.IntStream.range(0, 200).toArray();
        TokenBatch b = seqs.batch(rows, 64, SP.pad());
        long[] counts = new long[3];
        for (long seed = 0; seed < 20; seed++) {
            MaskedBatch m = Masking.mask(b, SP, Masking.Options.bert(0.15, 64), new SplittableRandom(seed));
            for (int i = 0; i < 200; i++) {
                java.util.Set<Integer> chosen = new java.util.HashSet<>();
                for (int j = 0; j < m.maskedCount(i); j++) {
                    int pos = m.maskedLmPositions()[i][j];
                    chosen.add(pos);
                    int now = m.maskedInputIds()[i][pos];
                    counts[now == SP.mask() ? 0 : now == b.inputIds()[i][pos] ? 2 : 1]++;
                }
                for (int t = 0; t < 64; t++) {
                    if (!chosen.contains(t)) {
                        assertEquals(b.inputIds()[i][t], m.maskedInputIds()[i][t]);
                    }
                }
            }
        }
        double n = counts[0] + counts[1] + counts[2];
        assertEquals(0.8, counts[0] / n, 0.01);
        // a random replacement can draw the original token (1 in 59 here), so "random" is a little under 10%
        assertEquals(0.1, counts[1] / n, 0.012);
        assertEquals(0.1, counts[2] / n, 0.012);
    }

    @Test
    void seededAndDynamic() {
        Sequences seqs = TestModels.randomSequences(4, 32, 1);
        TokenBatch b = seqs.batch(new int[] {0, 1, 2, 3}, 32, SP.pad());
        Masking.Options o = Masking.Options.electra(0.15, 32);
        MaskedBatch a1 = Masking.mask(b, SP, o, new SplittableRandom(9));
        MaskedBatch a2 = Masking.mask(b, SP, o, new SplittableRandom(9));
        MaskedBatch c = Masking.mask(b, SP, o, new SplittableRandom(10));
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(a1.maskedLmPositions()[i], a2.maskedLmPositions()[i]);
        }
        boolean differs = false;
        for (int i = 0; i < 4; i++) {
            differs |= !java.util.Arrays.equals(a1.maskedLmPositions()[i], c.maskedLmPositions()[i]);
        }
        assertTrue(differs, "another seed must give other masks");
    }

    @Test
    void strategicMaskingPrefersHeavyTokens() {
        // token 5 has weight 50, all others 1: it must be chosen far more often than its share
        int[] seq = new int[34];
        seq[0] = SP.cls();
        seq[33] = SP.sep();
        for (int t = 1; t < 33; t++) {
            seq[t] = t == 7 ? 5 : 6 + t;
        }
        double[] w = new double[64];
        java.util.Arrays.fill(w, 1);
        w[5] = 50;
        TokenBatch b = TokenBatch.of(List.of(seq), 34, SP.pad());
        Masking.Options o = Masking.Options.electra(0.15, 34).withProposal(w);
        int hits = 0;
        for (long seed = 0; seed < 500; seed++) {
            MaskedBatch m = Masking.mask(b, SP, o, new SplittableRandom(seed));
            for (int j = 0; j < m.maskedCount(0); j++) {
                hits += m.maskedLmPositions()[0][j] == 7 ? 1 : 0;
            }
        }
        assertTrue(hits > 450, "heavy token chosen " + hits + " of 500 times");
    }
}
