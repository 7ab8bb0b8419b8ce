package electra.pretrain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The official pretraining metrics: masked_lm_accuracy, sampled_masked_lm_accuracy,
 * disc_accuracy, disc_precision, disc_recall (threshold 0 on the logit) and disc_auc.
 */
public final class PretrainMetrics {
    private PretrainMetrics() {}

    public static final List<String> SCALARS = List.of(
            "loss", "mlm_loss", "mlm_acc", "sampled_mlm_acc", "disc_loss", "disc_acc", "disc_precision", "disc_recall");

    /** Scalar metrics of one step, read from the device in one transfer; absent ones are NaN. */
    public static Map<String, Double> scalars(StepOutput out) {
        // null marks a metric this objective does not have: NaN on the host, no device op for it
        List<NDArray> values = new ArrayList<>();
        values.add(out.loss());
        values.add(out.mlmLoss());
        values.add(out.mlmAccuracy());
        values.add(out.sampledMlmAccuracy());
        if (out.hasDiscriminator()) {
            NDArray w = out.discWeights();
            NDArray pred = out.discLogits().gt(0f).toType(DataType.FLOAT32, false);
            NDArray label = out.discLabels();
            NDArray tp = pred.mul(label).mul(w).sum();
            NDArray correct = pred.eq(label).toType(DataType.FLOAT32, false).mul(w).sum();
            values.add(out.discLoss());
            values.add(correct.div(w.sum()));
            // as tf.metrics.precision/recall: 0 when nothing is predicted (or labelled) replaced
            values.add(tp.div(pred.mul(w).sum().maximum(1f)));
            values.add(tp.div(label.mul(w).sum().maximum(1f)));
        } else {
            values.addAll(java.util.Collections.nCopies(4, null));
        }
        float[] host = NDArrays.stack(new ai.djl.ndarray.NDList(values.stream().filter(java.util.Objects::nonNull)
                .map(a -> a.reshape(1)).toArray(NDArray[]::new))).toFloatArray();
        Map<String, Double> m = new LinkedHashMap<>();
        int k = 0;
        for (int i = 0; i < SCALARS.size(); i++) {
            m.put(SCALARS.get(i), values.get(i) == null ? Double.NaN : (double) host[k++]);
        }
        return m;
    }

    /** Area under the ROC curve of the discriminator's logits over the weighted tokens (host-side). */
    public static double auc(StepOutput out) {
        if (!out.hasDiscriminator()) {
            return Double.NaN;
        }
        return auc(out.discLogits().toFloatArray(), out.discLabels().toFloatArray(), out.discWeights().toFloatArray());
    }

    /**
     * Share of the weighted tokens labelled replaced: p, the base rate of the discriminator's task.
     * NaN without weighted tokens.
     */
    public static double replacedShare(float[] labels, float[] weights) {
        double replaced = 0;
        double total = 0;
        for (int i = 0; i < labels.length; i++) {
            replaced += weights[i] * labels[i];
            total += weights[i];
        }
        return total > 0 ? replaced / total : Double.NaN;
    }

    /**
     * H(p) = -p ln p - (1 - p) ln(1 - p) in nats: the discriminator loss of a model that ignores its
     * input and predicts p(replaced) = p for every token, the best such constant. A discriminator
     * at this value has learned nothing about individual tokens yet.
     */
    public static double baseRateEntropy(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p = " + p + ": must be in [0, 1]");
        }
        return xlnx(p) + xlnx(1 - p);
    }

    private static double xlnx(double x) {
        return x == 0 ? 0 : -x * Math.log(x);
    }

    /** AUC by the rank-sum (Mann-Whitney) formula, ties counted half. */
    public static double auc(float[] scores, float[] labels, float[] weights) {
        int n = 0;
        for (float w : weights) {
            n += w > 0 ? 1 : 0;
        }
        float[][] pairs = new float[n][];
        int k = 0;
        for (int i = 0; i < scores.length; i++) {
            if (weights[i] > 0) {
                pairs[k++] = new float[] {scores[i], labels[i]};
            }
        }
        Arrays.sort(pairs, (a, b) -> Float.compare(a[0], b[0]));
        double rankSumPos = 0;
        long pos = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j < n && pairs[j][0] == pairs[i][0]) {
                j++;
            }
            double avgRank = (i + 1 + j) / 2.0; // ranks i+1..j share their mean
            for (int t = i; t < j; t++) {
                if (pairs[t][1] > 0.5f) {
                    rankSumPos += avgRank;
                    pos++;
                }
            }
            i = j;
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }
}
