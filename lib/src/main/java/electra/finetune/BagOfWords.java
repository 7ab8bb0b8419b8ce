package electra.finetune;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A baseline for scale: multinomial naive Bayes on word counts with add-one (Laplace) smoothing.
 * Words are lower-cased runs of letters, digits and apostrophes; a pair's two texts share one bag.
 * No pretraining, no word order: what a fine-tuned encoder must beat to have learned anything
 * beyond the words themselves.
 */
public final class BagOfWords {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}']+");

    private final int numLabels;
    private final double[] logPrior;
    private final List<Map<String, Double>> logLikelihood = new ArrayList<>();
    private final double[] logUnseen;

    private BagOfWords(int numLabels, double[] logPrior, double[] logUnseen) {
        this.numLabels = numLabels;
        this.logPrior = logPrior;
        this.logUnseen = logUnseen;
    }

    /** Lower-cased words of a text (null: none). */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
            while (m.find()) {
                out.add(m.group());
            }
        }
        return out;
    }

    /** Counts words per label over {@code train}. */
    public static BagOfWords fit(List<LabeledText> train, int numLabels) {
        List<Map<String, Integer>> counts = new ArrayList<>();
        for (int k = 0; k < numLabels; k++) {
            counts.add(new HashMap<>());
        }
        long[] docs = new long[numLabels];
        long[] tokens = new long[numLabels];
        Map<String, Boolean> vocab = new HashMap<>();
        for (LabeledText x : train) {
            docs[x.label()]++;
            for (String w : bag(x)) {
                counts.get(x.label()).merge(w, 1, Integer::sum);
                tokens[x.label()]++;
                vocab.put(w, true);
            }
        }
        int v = vocab.size() + 1; // +1: one slot for unseen words
        double[] prior = new double[numLabels];
        double[] unseen = new double[numLabels];
        for (int k = 0; k < numLabels; k++) {
            prior[k] = Math.log((docs[k] + 1.0) / (train.size() + numLabels));
            unseen[k] = Math.log(1.0 / (tokens[k] + v));
        }
        BagOfWords nb = new BagOfWords(numLabels, prior, unseen);
        for (int k = 0; k < numLabels; k++) {
            Map<String, Double> ll = new HashMap<>();
            double denominator = tokens[k] + v;
            counts.get(k).forEach((w, c) -> ll.put(w, Math.log((c + 1.0) / denominator)));
            nb.logLikelihood.add(ll);
        }
        return nb;
    }

    private static List<String> bag(LabeledText x) {
        List<String> w = words(x.a());
        w.addAll(words(x.b()));
        return w;
    }

    /** The most probable label. */
    public int predict(LabeledText x) {
        List<String> w = bag(x);
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < numLabels; k++) {
            double s = logPrior[k];
            for (String word : w) {
                s += logLikelihood.get(k).getOrDefault(word, logUnseen[k]);
            }
            if (s > bestScore) {
                bestScore = s;
                best = k;
            }
        }
        return best;
    }

    public int[] predict(List<LabeledText> examples) {
        return examples.stream().mapToInt(this::predict).toArray();
    }

    /** Fits on the task's train split and scores on its dev split. */
    public static ClassificationMetrics evaluate(TaskData task) {
        BagOfWords nb = fit(task.train(), task.numLabels());
        int[] gold = task.dev().stream().mapToInt(LabeledText::label).toArray();
        return ClassificationMetrics.of(nb.predict(task.dev()), gold, task.numLabels());
    }
}
