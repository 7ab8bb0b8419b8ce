package electra.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A labelled text classification task with a fixed train/dev split.
 *
 * @param name   the catalog name or the file/directory it was read from
 * @param labels label names; an example's label is an index into this list
 * @param metric "accuracy" or "mcc" (Matthews correlation, for acceptability as CoLA)
 */
public record ClassificationTask(String name, List<String> labels, List<Example> train, List<Example> dev,
                                 String metric) {

    /** Seed of the stratified train/dev split of tasks that come without one. */
    public static final long SPLIT_SEED = 13;
    /** Share of each label that goes to dev. */
    public static final double DEV_FRACTION = 0.1;

    public ClassificationTask {
        labels = List.copyOf(labels);
        train = List.copyOf(train);
        dev = List.copyOf(dev);
    }

    /**
     * A catalog task ({@code sentiment}, {@code acceptability}, {@code sst2}, {@code cola}) or a
     * path: a TSV file (split 90/10 here) or a directory with {@code train.tsv} and {@code dev.tsv}.
     * See {@link TsvTask} for the TSV format.
     */
    public static ClassificationTask load(String nameOrPath) {
        Catalog catalog = Catalog.loadOrEmpty();
        if (catalog.has(nameOrPath)) {
            Catalog.Entry e = catalog.get(nameOrPath);
            if (!e.isClassification()) {
                throw new DatasetException("'" + nameOrPath + "' is a " + e.kind() + ", not a classification task");
            }
            return DataSets.task(nameOrPath);
        }
        Path p = Path.of(nameOrPath);
        if (Files.isDirectory(p)) {
            return TsvTask.readDirectory(p);
        }
        if (!Files.exists(p)) {
            throw new DatasetException("'" + nameOrPath + "' is neither a task in the catalog ("
                    + catalog.namesOf("classification") + ") nor an existing TSV file");
        }
        return TsvTask.readFile(p);
    }

    public boolean isPair() {
        return !train.isEmpty() && train.get(0).isPair();
    }

    public int numLabels() {
        return labels.size();
    }

    /** Examples per label in {@code examples}. */
    public int[] labelCounts(List<Example> examples) {
        int[] c = new int[labels.size()];
        for (Example e : examples) {
            c[e.label()]++;
        }
        return c;
    }

    /**
     * The deterministic stratified split: the examples of each label are shuffled with
     * {@code Random(seed)} and the first round(fraction x count) go to dev; both parts keep the
     * original order of the examples.
     */
    public static List<List<Example>> split(List<Example> examples, int numLabels, double devFraction, long seed) {
        Random rng = new Random(seed);
        boolean[] toDev = new boolean[examples.size()];
        for (int label = 0; label < numLabels; label++) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < examples.size(); i++) {
                if (examples.get(i).label() == label) {
                    idx.add(i);
                }
            }
            Collections.shuffle(idx, rng);
            int nDev = (int) Math.round(devFraction * idx.size());
            for (int i = 0; i < nDev; i++) {
                toDev[idx.get(i)] = true;
            }
        }
        List<Example> train = new ArrayList<>();
        List<Example> dev = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            (toDev[i] ? dev : train).add(examples.get(i));
        }
        return List.of(train, dev);
    }

    /** A task from examples without a split: {@link #split} with the default seed and fraction. */
    public static ClassificationTask withSplit(String name, List<String> labels, List<Example> examples, String metric) {
        List<List<Example>> s = split(examples, labels.size(), DEV_FRACTION, SPLIT_SEED);
        return new ClassificationTask(name, labels, s.get(0), s.get(1), metric);
    }
}
