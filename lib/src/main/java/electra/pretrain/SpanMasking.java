package electra.pretrain;

import electra.data.SpecialTokens;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * SpanBERT-style span masking for replaced span detection: the same budget as {@link Masking}
 * (round(maskRate x real tokens) per sequence, at most {@code maxPredictions}) spent on contiguous
 * spans. Each span's length is drawn from Geometric(p = 0.2), redrawn above 10 (SpanBERT's
 * clipping, mean 3.8), its start uniformly among the still unchosen candidates; it grows to the
 * right and stops early at a special token, padding, an already chosen position, or the end of
 * the budget (the last span is cut so the count is exact and fits the P slots). [CLS], [SEP],
 * [MASK] and padding are never chosen. As in SpanBERT the replacement is decided per span: the
 * whole span becomes [MASK] (maskProb), random tokens (randomProb) or stays as it is. The
 * options' proposal weights are not used.
 */
public final class SpanMasking {
    private SpanMasking() {}

    public static final double GEOMETRIC_P = 0.2;
    public static final int MAX_SPAN = 10;

    /** Masks every sequence of {@code batch}; {@code rng} is the only source of randomness. */
    public static MaskedBatch mask(TokenBatch batch, SpecialTokens special, Masking.Options options, SplittableRandom rng) {
        int b = batch.batchSize();
        int p = options.maxPredictions();
        int[][] masked = new int[b][];
        int[][] positions = new int[b][p];
        int[][] ids = new int[b][p];
        float[][] weights = new float[b][p];
        for (int i = 0; i < b; i++) {
            int[] input = batch.inputIds()[i];
            masked[i] = input.clone();
            boolean[] chosen = new boolean[input.length];
            for (int[] span : chooseSpans(input, batch.inputMask()[i], special, options, rng)) {
                double r = rng.nextDouble();
                for (int t = span[0]; t < span[0] + span[1]; t++) {
                    chosen[t] = true;
                    if (r < options.maskProb()) {
                        masked[i][t] = special.mask();
                    } else if (r < options.maskProb() + options.randomProb()) {
                        masked[i][t] = Masking.randomToken(special, rng);
                    }
                }
            }
            int j = 0;
            for (int t = 0; t < input.length; t++) { // positions ascending, as Masking's
                if (chosen[t]) {
                    positions[i][j] = t;
                    ids[i][j] = input[t];
                    weights[i][j] = 1f;
                    j++;
                }
            }
        }
        return new MaskedBatch(batch, masked, positions, ids, weights);
    }

    /** The spans of one sequence as {start, length}, in the order drawn; disjoint, total = the budget. */
    static List<int[]> chooseSpans(int[] input, int[] inputMask, SpecialTokens special, Masking.Options options,
                                   SplittableRandom rng) {
        int real = 0;
        int candidates = 0;
        boolean[] candidate = new boolean[input.length];
        for (int t = 0; t < input.length; t++) {
            real += inputMask[t];
            candidate[t] = inputMask[t] == 1 && !special.isSpecial(input[t]);
            candidates += candidate[t] ? 1 : 0;
        }
        int budget = Math.min(Masking.numToPredict(real, options), candidates);
        List<int[]> spans = new ArrayList<>();
        int left = candidates;
        int done = 0;
        while (done < budget) {
            int length = Math.min(spanLength(rng), budget - done);
            int start = nthFree(candidate, rng.nextInt(left));
            int t = start;
            while (t < input.length && t - start < length && candidate[t]) {
                candidate[t] = false; // chosen: no longer free
                t++;
            }
            spans.add(new int[] {start, t - start});
            done += t - start;
            left -= t - start;
        }
        return spans;
    }

    /** Geometric(0.2) on {1, 2, ...}, redrawn while above {@link #MAX_SPAN}. */
    static int spanLength(SplittableRandom rng) {
        int l;
        do {
            l = 1 + (int) Math.floor(Math.log(1.0 - rng.nextDouble()) / Math.log(1.0 - GEOMETRIC_P));
        } while (l > MAX_SPAN);
        return l;
    }

    private static int nthFree(boolean[] free, int n) {
        for (int t = 0; t < free.length; t++) {
            if (free[t] && n-- == 0) {
                return t;
            }
        }
        throw new IllegalStateException("no free position left");
    }
}
