package electra.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;

import electra.config.PretrainOptions;
import electra.data.SpecialTokens;
import electra.model.ElectraPretrainingModel;
import electra.pretrain.MaskedBatch;
import electra.pretrain.Masking;
import electra.pretrain.Objective;
import electra.pretrain.PretrainMetrics;
import electra.pretrain.Sequences;
import electra.pretrain.StepOutput;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Held-out evaluation of a pretraining model: metrics averaged over fixed batches; AUC and the share
 * of tokens the generator replaced ({@code disc_replaced_share}) over all evaluated tokens.
 */
final class Evaluation {
    private Evaluation() {}

    /** Seeds for evaluation are taken from negative "steps", never used by training. */
    private static final long EVAL_STEP_BASE = -1_000_000L;

    static Map<String, Double> run(ElectraPretrainingModel model, Objective objective, PretrainOptions options,
                                   Masking.Options masking, SpecialTokens specials, Sequences heldOut, int maxBatches) {
        int batches = Math.max(1, Math.min(maxBatches, (heldOut.size() + options.batch() - 1) / options.batch()));
        Map<String, Double> sums = new LinkedHashMap<>();
        java.util.List<float[]> scores = new java.util.ArrayList<>();
        java.util.List<float[]> labels = new java.util.ArrayList<>();
        java.util.List<float[]> weights = new java.util.ArrayList<>();
        int counted = 0;
        for (int k = 0; k < batches; k++) {
            int[] rows = new int[Math.min(options.batch(), heldOut.size() - k * options.batch())];
            for (int j = 0; j < rows.length; j++) {
                rows[j] = k * options.batch() + j;
            }
            MaskedBatch batch = objective.mask(heldOut.batch(rows, options.seq(), specials.pad()), specials, masking,
                    Rng.forStep(options.seed(), EVAL_STEP_BASE - k, Rng.MASKING));
            Engine.getEngine("PyTorch").setRandomSeed(Rng.engineSeed(options.seed(), EVAL_STEP_BASE - k));
            try (NDManager sm = model.newStepManager()) {
                StepOutput out = objective.forward(model, batch.toDevice(sm), options, false);
                PretrainMetrics.scalars(out).forEach((key, v) -> sums.merge(key, v, Double::sum));
                if (out.hasDiscriminator()) {
                    scores.add(out.discLogits().toFloatArray());
                    labels.add(out.discLabels().toFloatArray());
                    weights.add(out.discWeights().toFloatArray());
                }
            }
            counted++;
        }
        Map<String, Double> mean = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : sums.entrySet()) {
            mean.put(e.getKey(), e.getValue() / counted);
        }
        mean.put("disc_auc", scores.isEmpty() ? Double.NaN
                : PretrainMetrics.auc(concat(scores), concat(labels), concat(weights)));
        mean.put("disc_replaced_share", scores.isEmpty() ? Double.NaN
                : PretrainMetrics.replacedShare(concat(labels), concat(weights)));
        return mean;
    }

    private static float[] concat(java.util.List<float[]> parts) {
        int n = parts.stream().mapToInt(a -> a.length).sum();
        float[] out = new float[n];
        int o = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }
}
