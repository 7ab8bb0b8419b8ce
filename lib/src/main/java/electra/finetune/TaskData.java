package electra.finetune;

import java.util.List;
import java.util.Locale;

/**
 * A sentence(-pair) classification task: label names, train and dev examples, and the metric its
 * score is reported in ({@code accuracy} or {@code mcc}, Matthews correlation as for CoLA).
 * The data layer's {@code ClassificationTask} converts to it.
 */
public record TaskData(String name, List<String> labels, List<LabeledText> train, List<LabeledText> dev, String metric) {

    public static final List<String> METRICS = List.of("accuracy", "mcc", "f1");

    public TaskData {
        metric = metric.toLowerCase(Locale.ROOT);
        if (!METRICS.contains(metric)) {
            throw new IllegalArgumentException("task " + name + ": unknown metric '" + metric + "' (known: " + METRICS + ")");
        }
        if (labels.size() < 2) {
            throw new IllegalArgumentException("task " + name + ": needs at least 2 labels, has " + labels);
        }
        if (train.isEmpty() || dev.isEmpty()) {
            throw new IllegalArgumentException("task " + name + ": " + train.size() + " train and " + dev.size()
                    + " dev examples (both must be non-empty)");
        }
        check(name, "train", train, labels.size());
        check(name, "dev", dev, labels.size());
        labels = List.copyOf(labels);
        train = List.copyOf(train);
        dev = List.copyOf(dev);
    }

    private static void check(String name, String split, List<LabeledText> examples, int n) {
        for (int i = 0; i < examples.size(); i++) {
            int label = examples.get(i).label();
            if (label < 0 || label >= n) {
                throw new IllegalArgumentException("task " + name + ": " + split + " example " + i + " has label "
                        + label + ", outside [0, " + n + ")");
            }
        }
    }

    public int numLabels() {
        return labels.size();
    }
}
