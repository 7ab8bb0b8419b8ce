package electra.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Packs sentences into pretraining sequences exactly as the official
 * {@code build_pretraining_dataset.py} ({@code ExampleBuilder}) does:
 * <ul>
 *   <li>sentences of one document are accumulated until their pieces reach the target length
 *       (or the document ends), then one example is made and accumulation starts again;</li>
 *   <li>the example is split into two segments: with probability 0.1 everything goes to the
 *       first; otherwise the first segment takes sentences while it stays under
 *       (target - 3) / 2 pieces (it always takes the first sentence, and the first sentence
 *       that crosses the line with probability 0.5 if no second segment has started); the rest
 *       form the second segment;</li>
 *   <li>the first segment is cut to maxLength - 2 pieces, the second to what is left after
 *       the three special tokens: {@code [CLS] A [SEP] B [SEP]}, segment ids 0 for
 *       {@code [CLS] A [SEP]} and 1 for {@code B [SEP]};</li>
 *   <li>after each example the next target is maxLength, or with probability 0.05 a uniform
 *       length in [5, maxLength] (short sequences, as in fine-tuning).</li>
 * </ul>
 * Pieces of a sentence that overflow the cut are dropped, as officially. The randomness comes
 * from {@code java.util.Random(seed)}: deterministic, but not Python's stream.
 */
public final class SequencePacker {

    /** The default packing seed. */
    public static final long SEED = 13;

    private SequencePacker() {}

    /** Tokenises every sentence (through {@link TokenizedCache}) and packs. */
    public static List<PackedSequence> pack(List<Document> docs, ElectraTokenizer tok, int maxLength, long seed) {
        return packTokenized(TokenizedCache.tokenize(docs, tok), tok.specials(), maxLength, seed);
    }

    /** Packs documents of already tokenised sentences. */
    public static List<PackedSequence> packTokenized(List<List<int[]>> docs, SpecialTokens sp, int maxLength, long seed) {
        if (maxLength < 4) {
            throw new IllegalArgumentException("sequence length " + maxLength + " is too short: at least 4");
        }
        Builder b = new Builder(sp, maxLength, new Random(seed));
        List<PackedSequence> out = new ArrayList<>();
        for (List<int[]> doc : docs) {
            for (int[] sentence : doc) {
                PackedSequence p = b.add(sentence);
                if (p != null) {
                    out.add(p);
                }
            }
            PackedSequence p = b.endDocument();
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    /** The official ExampleBuilder. */
    private static final class Builder {
        final SpecialTokens sp;
        final int maxLength;
        final Random rng;
        final List<int[]> current = new ArrayList<>();
        int currentLength;
        int targetLength;

        Builder(SpecialTokens sp, int maxLength, Random rng) {
            this.sp = sp;
            this.maxLength = maxLength;
            this.rng = rng;
            this.targetLength = maxLength;
        }

        PackedSequence add(int[] sentence) {
            current.add(sentence);
            currentLength += sentence.length;
            return currentLength >= targetLength ? create() : null;
        }

        PackedSequence endDocument() {
            return currentLength != 0 ? create() : null;
        }

        private PackedSequence create() {
            int firstTarget = rng.nextDouble() < 0.1 ? 100_000 : (targetLength - 3) / 2;
            IntList first = new IntList();
            IntList second = new IntList();
            for (int[] s : current) {
                if (first.size == 0 || first.size + s.length < firstTarget
                        || (second.size == 0 && first.size < firstTarget && rng.nextDouble() < 0.5)) {
                    first.addAll(s);
                } else {
                    second.addAll(s);
                }
            }
            int lf = Math.min(first.size, maxLength - 2);
            int ls = Math.min(second.size, Math.max(0, maxLength - lf - 3));
            current.clear();
            currentLength = 0;
            if (rng.nextDouble() < 0.05 && maxLength >= 5) {
                targetLength = 5 + rng.nextInt(maxLength - 5 + 1);
            } else {
                targetLength = maxLength;
            }
            int n = lf + 2 + (ls > 0 ? ls + 1 : 0);
            int[] ids = new int[n];
            int[] seg = new int[n];
            ids[0] = sp.cls();
            System.arraycopy(first.a, 0, ids, 1, lf);
            ids[lf + 1] = sp.sep();
            if (ls > 0) {
                System.arraycopy(second.a, 0, ids, lf + 2, ls);
                ids[n - 1] = sp.sep();
                Arrays.fill(seg, lf + 2, n, 1);
            }
            return new PackedSequence(ids, seg);
        }
    }

    private static final class IntList {
        int[] a = new int[256];
        int size;

        void addAll(int[] xs) {
            if (size + xs.length > a.length) {
                a = Arrays.copyOf(a, Math.max(a.length * 2, size + xs.length));
            }
            System.arraycopy(xs, 0, a, size, xs.length);
            size += xs.length;
        }
    }
}
