package electra.pretrain;

import electra.data.SpecialTokens;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Chooses the positions the generator must fill, as the official {@code pretrain_helpers.mask}:
 * round(maskRate x real tokens) positions per sequence (at least 1, at most {@code maxPredictions}),
 * never [CLS], [SEP], [MASK] or padding. Of the chosen, {@code maskProb} become [MASK],
 * {@code randomProb} a random token, the rest stay unchanged: ELECTRA uses 85/0/15, BERT 80/10/10.
 *
 * <p>Unlike the official code, positions are drawn without replacement, so the count is exact.
 * An optional proposal distribution over the vocabulary (strategic masking: rare tokens more
 * often) weights the draw; {@code null} draws uniformly among candidates.
 */
public final class Masking {

    /** How many positions to choose and what to put there. */
    public record Options(double maskRate, double maskProb, double randomProb, int maxPredictions, double[] proposal) {
        public Options {
            if (!(maskRate > 0 && maskRate < 1)) {
                throw new IllegalArgumentException("maskRate = " + maskRate + ": must be in (0, 1)");
            }
            if (maskProb < 0 || randomProb < 0 || maskProb + randomProb > 1) {
                throw new IllegalArgumentException("maskProb + randomProb must be within [0, 1], got "
                        + maskProb + " + " + randomProb);
            }
            if (maxPredictions < 1) {
                throw new IllegalArgumentException("maxPredictions = " + maxPredictions + ": must be at least 1");
            }
        }

        /** ELECTRA: 85% [MASK], 15% unchanged; P = int((rate + 0.005) x seq) as the official data pipeline. */
        public static Options electra(double maskRate, int seq) {
            return new Options(maskRate, 0.85, 0.0, maxPredictions(maskRate, seq), null);
        }

        /** BERT's 80% [MASK], 10% random, 10% unchanged. */
        public static Options bert(double maskRate, int seq) {
            return new Options(maskRate, 0.8, 0.1, maxPredictions(maskRate, seq), null);
        }

        public Options withProposal(double[] weights) {
            return new Options(maskRate, maskProb, randomProb, maxPredictions, weights);
        }

        public static int maxPredictions(double maskRate, int seq) {
            return Math.max(1, (int) ((maskRate + 0.005) * seq));
        }
    }

    private Masking() {}

    /** Masks every sequence of {@code batch}; {@code rng} is the only source of randomness. */
    public static MaskedBatch mask(TokenBatch batch, SpecialTokens special, Options options, SplittableRandom rng) {
        int b = batch.batchSize();
        int p = options.maxPredictions();
        int[][] masked = new int[b][];
        int[][] positions = new int[b][p];
        int[][] ids = new int[b][p];
        float[][] weights = new float[b][p];
        for (int i = 0; i < b; i++) {
            int[] input = batch.inputIds()[i];
            masked[i] = input.clone();
            int[] chosen = choosePositions(input, batch.inputMask()[i], special, options, rng);
            for (int j = 0; j < chosen.length; j++) {
                int pos = chosen[j];
                positions[i][j] = pos;
                ids[i][j] = input[pos];
                weights[i][j] = 1f;
                double r = rng.nextDouble();
                if (r < options.maskProb()) {
                    masked[i][pos] = special.mask();
                } else if (r < options.maskProb() + options.randomProb()) {
                    masked[i][pos] = randomToken(special, rng);
                }
            }
        }
        return new MaskedBatch(batch, masked, positions, ids, weights);
    }

    /** How many positions a sequence with {@code realTokens} tokens gets. */
    public static int numToPredict(int realTokens, Options options) {
        return Math.max(1, Math.min(options.maxPredictions(), (int) Math.round(realTokens * options.maskRate())));
    }

    /** Sorted distinct positions; fewer than asked only when a sequence has fewer candidates. */
    static int[] choosePositions(int[] input, int[] inputMask, SpecialTokens special, Options options, SplittableRandom rng) {
        int real = 0;
        int[] candidates = new int[input.length];
        int nc = 0;
        for (int t = 0; t < input.length; t++) {
            real += inputMask[t];
            if (inputMask[t] == 1 && !special.isSpecial(input[t])) {
                candidates[nc++] = t;
            }
        }
        int n = Math.min(numToPredict(real, options), nc);
        int[] chosen = options.proposal() == null
                ? uniformWithoutReplacement(candidates, nc, n, rng)
                : weightedWithoutReplacement(candidates, nc, n, input, options.proposal(), rng);
        Arrays.sort(chosen);
        return chosen;
    }

    private static int[] uniformWithoutReplacement(int[] candidates, int nc, int n, SplittableRandom rng) {
        int[] pool = Arrays.copyOf(candidates, nc);
        for (int j = 0; j < n; j++) { // partial Fisher-Yates
            int k = j + rng.nextInt(nc - j);
            int tmp = pool[j];
            pool[j] = pool[k];
            pool[k] = tmp;
        }
        return Arrays.copyOf(pool, n);
    }

    /** Weighted draw without replacement by exponential keys (Efraimidis-Spirakis): smallest -ln(u)/w wins. */
    private static int[] weightedWithoutReplacement(int[] candidates, int nc, int n, int[] input, double[] proposal,
                                                    SplittableRandom rng) {
        double[] keys = new double[nc];
        Integer[] order = new Integer[nc];
        for (int j = 0; j < nc; j++) {
            double w = Math.max(proposal[input[candidates[j]]], 1e-12);
            keys[j] = -Math.log(1.0 - rng.nextDouble()) / w;
            order[j] = j;
        }
        Arrays.sort(order, (x, y) -> Double.compare(keys[x], keys[y]));
        int[] out = new int[n];
        for (int j = 0; j < n; j++) {
            out[j] = candidates[order[j]];
        }
        return out;
    }

    static int randomToken(SpecialTokens special, SplittableRandom rng) {
        int t;
        do {
            t = rng.nextInt(special.vocabSize());
        } while (special.isSpecial(t));
        return t;
    }
}
