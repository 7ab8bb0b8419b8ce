package electra.pretrain;

import electra.config.PretrainOptions;

/**
 * ELECTRA with strategic masking (the paper's appendix: "rare tokens masked more often", which gave
 * only minor speedups). Positions are drawn without replacement with weight
 * (count(token) + 1)^-1/2, so a token type's share of the masked positions goes from
 * proportional to its frequency f to roughly proportional to sqrt(f): frequent tokens are
 * damped as word2vec's subsampling damps them. The +1 keeps tokens unseen in the training corpus
 * (possible in held-out data) finite. Count, rate and the 85/15 [MASK]/keep split are ELECTRA's.
 */
public final class RareMaskingObjective extends ElectraObjective {

    private final double[] proposal;

    public RareMaskingObjective(TokenCounts counts) {
        proposal = proposal(counts);
    }

    /** Weight of each vocabulary id: (count + 1)^-1/2. */
    public static double[] proposal(TokenCounts counts) {
        long[] c = counts.counts();
        double[] w = new double[c.length];
        for (int id = 0; id < c.length; id++) {
            w[id] = 1.0 / Math.sqrt(c[id] + 1.0);
        }
        return w;
    }

    @Override
    public String name() {
        return "electra-rare";
    }

    @Override
    public Masking.Options masking(PretrainOptions options) {
        return super.masking(options).withProposal(proposal);
    }
}
