package electra.finetune;

/**
 * Dev-set metrics of a classifier, all as fractions: accuracy; F1 of the positive class (label 1)
 * for two labels, the macro average of per-label F1 for more; Matthews correlation (the multi-class
 * form R_K of Gorodkin 2004, which is the usual MCC for two labels, as in scikit-learn).
 * An undefined F1 or MCC (no positive predictions and labels, a constant prediction) is 0.
 */
public record ClassificationMetrics(double accuracy, double f1, double mcc, int n) {

    public static ClassificationMetrics of(int[] predicted, int[] gold, int numLabels) {
        if (predicted.length != gold.length || gold.length == 0) {
            throw new IllegalArgumentException(predicted.length + " predictions for " + gold.length + " labels");
        }
        long[][] confusion = confusion(predicted, gold, numLabels);
        int n = gold.length;
        long correct = 0;
        for (int k = 0; k < numLabels; k++) {
            correct += confusion[k][k];
        }
        double f1;
        if (numLabels == 2) {
            f1 = f1(confusion, 1);
        } else {
            double sum = 0;
            for (int k = 0; k < numLabels; k++) {
                sum += f1(confusion, k);
            }
            f1 = sum / numLabels;
        }
        return new ClassificationMetrics((double) correct / n, f1, mcc(confusion, n), n);
    }

    /** Counts by {@code [gold][predicted]} label. */
    public static long[][] confusion(int[] predicted, int[] gold, int numLabels) {
        if (predicted.length != gold.length) {
            throw new IllegalArgumentException(predicted.length + " predictions for " + gold.length + " labels");
        }
        long[][] confusion = new long[numLabels][numLabels];
        for (int i = 0; i < gold.length; i++) {
            confusion[gold[i]][predicted[i]]++;
        }
        return confusion;
    }

    private static double f1(long[][] c, int k) {
        long tp = c[k][k];
        long fp = 0;
        long fn = 0;
        for (int j = 0; j < c.length; j++) {
            if (j != k) {
                fp += c[j][k];
                fn += c[k][j];
            }
        }
        return tp == 0 ? 0.0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    private static double mcc(long[][] c, long n) {
        int labels = c.length;
        double correct = 0;
        double[] t = new double[labels]; // true count of each label
        double[] p = new double[labels]; // predicted count of each label
        for (int i = 0; i < labels; i++) {
            correct += c[i][i];
            for (int j = 0; j < labels; j++) {
                t[i] += c[i][j];
                p[j] += c[i][j];
            }
        }
        double tp = 0;
        double pp = 0;
        double tt = 0;
        for (int k = 0; k < labels; k++) {
            tp += t[k] * p[k];
            pp += p[k] * p[k];
            tt += t[k] * t[k];
        }
        double num = correct * n - tp;
        double den = Math.sqrt((double) n * n - pp) * Math.sqrt((double) n * n - tt);
        return den == 0 ? 0.0 : num / den;
    }

    /** The value of a task's metric ({@code accuracy}, {@code mcc} or {@code f1}). */
    public double get(String metric) {
        return switch (metric) {
            case "accuracy" -> accuracy;
            case "mcc" -> mcc;
            case "f1" -> f1;
            default -> throw new IllegalArgumentException("unknown metric '" + metric + "'");
        };
    }
}
