package electra;

import electra.config.ElectraConfig;
import electra.config.PretrainOptions;
import electra.data.SpecialTokens;
import electra.pretrain.Sequences;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Small configurations and synthetic data for fast tests. */
public final class TestModels {
    private TestModels() {}

    /** 64-entry vocabulary: 0 pad, 1 unk, 2 cls, 3 sep, 4 mask. */
    public static final SpecialTokens SPECIALS = new SpecialTokens(0, 1, 2, 3, 4, 64);

    public static ElectraConfig micro() {
        return new ElectraConfig("micro", 64, 32, 32, 2, 2, 64, 32, 2, 0f, 0f, 0.5, true, false);
    }

    /** {@code n} sequences [CLS] w... [SEP] with lengths in [len/2, len], words in [5, 64). */
    public static Sequences randomSequences(int n, int len, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int l = len / 2 + r.nextInt(len - len / 2 + 1);
            int[] s = new int[l];
            s[0] = SPECIALS.cls();
            s[l - 1] = SPECIALS.sep();
            for (int t = 1; t < l - 1; t++) {
                s[t] = 5 + r.nextInt(59);
            }
            out.add(s);
        }
        return Sequences.of(out);
    }

    public static PretrainOptions options(String objective, int steps, int batch, int seq) {
        return PretrainOptions.defaults(objective, steps, batch, seq).withLogEvery(1);
    }
}
