package electra.finetune;

import electra.data.ClassificationTask;
import electra.data.ElectraTokenizer;
import electra.data.Example;
import electra.data.PackedSequence;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The data layer seen from fine-tuning: a catalog task (or TSV path) as {@link TaskData}, a
 * tokenizer as a {@link TextEncoder}, and seeded subsets for quick runs. Shared by the CLI wiring
 * and the notebooks.
 */
public final class Tasks {

    private Tasks() {}

    /** {@code sentiment}, {@code acceptability}, {@code sst2}, {@code cola}, or a TSV file/folder. */
    public static TaskData load(String nameOrPath) {
        return of(ClassificationTask.load(nameOrPath));
    }

    public static TaskData of(ClassificationTask t) {
        return new TaskData(t.name(), t.labels(), convert(t.train()), convert(t.dev()), t.metric());
    }

    private static List<LabeledText> convert(List<Example> examples) {
        List<LabeledText> out = new ArrayList<>(examples.size());
        for (Example e : examples) {
            out.add(new LabeledText(e.textA(), e.textB(), e.label()));
        }
        return out;
    }

    /**
     * At most {@code maxTrain} train and {@code maxDev} dev examples, drawn uniformly without
     * replacement with {@code seed} (the same seed gives the same subset); a limit of 0 or less, or
     * one at least the split's size, keeps that split whole, in its order.
     */
    public static TaskData subset(TaskData t, int maxTrain, int maxDev, long seed) {
        return new TaskData(t.name(), t.labels(), sample(t.train(), maxTrain, seed), sample(t.dev(), maxDev, seed + 1),
                t.metric());
    }

    static <T> List<T> sample(List<T> all, int max, long seed) {
        if (max <= 0 || max >= all.size()) {
            return all;
        }
        List<T> copy = new ArrayList<>(all);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < max; i++) { // partial Fisher-Yates: the first max entries are the sample
            int j = i + r.nextInt(copy.size() - i);
            T x = copy.get(i);
            copy.set(i, copy.get(j));
            copy.set(j, x);
        }
        return List.copyOf(copy.subList(0, max));
    }

    /** The tokenizer as fine-tuning's encoder ({@code [CLS] a [SEP] (b [SEP])}, truncated). */
    public static TextEncoder encoder(ElectraTokenizer tok) {
        return new TextEncoder() {
            @Override
            public PackedIds encode(String a, String b, int maxLength) {
                PackedSequence p = tok.encodeWithSpecials(a, b, maxLength);
                return new PackedIds(p.ids(), p.segmentIds());
            }

            @Override
            public String token(int id) {
                return tok.token(id);
            }
        };
    }

    /** A catalog tokenizer name or tokenizer.json path (null: bert-uncased, ELECTRA's vocabulary). */
    public static TextEncoder encoder(String spec) {
        return encoder(ElectraTokenizer.forName(spec == null ? "bert-uncased" : spec));
    }
}
