package electra.train;

import electra.config.PretrainOptions;

import java.util.Locale;
import java.util.Map;

/**
 * The one-line summaries of a pretraining run: what {@code ./electra pretrain} prints on stderr and
 * what a notebook shows under its live chart. Discriminator parts are left out for objectives
 * without one (their values are NaN).
 */
public final class ProgressLines {
    private ProgressLines() {}

    /**
     * {@code step 100/300  loss 29.5  mlm 8.51 (acc 0.062)  disc 0.42 (acc 0.852, P 0.00, R 0.00)  lr ...  tok/s  eta}
     * for a metrics row (a {@link MetricsLog} row: averages over the logging interval).
     */
    public static String step(Map<String, Double> row, long step, long total, PretrainOptions options) {
        double tps = row.get("tokens_per_second");
        double eta = (total - step) * (double) options.batch() * options.seq() / Math.max(tps, 1e-9);
        return String.format(Locale.ROOT, "step %d/%d  loss %.4f  mlm %.4f (acc %.3f)%s  lr %.2e  %.0f tok/s  eta %s",
                step, total, row.get("loss"), row.get("mlm_loss"), row.get("mlm_acc"),
                Double.isNaN(row.get("disc_loss")) ? ""
                        : String.format(Locale.ROOT, "  disc %.4f (acc %.3f, P %.2f, R %.2f)", row.get("disc_loss"),
                                row.get("disc_acc"), row.get("disc_precision"), row.get("disc_recall")),
                row.get("lr"), tps, duration(eta));
    }

    /** {@code held-out: mlm loss ..., mlm acc ...[, disc loss ..., acc, precision, recall, auc]} for an evaluation. */
    public static String heldOut(Map<String, Double> eval) {
        return String.format(Locale.ROOT, "held-out: mlm loss %.4f, mlm acc %.3f%s", eval.get("mlm_loss"), eval.get("mlm_acc"),
                Double.isNaN(eval.get("disc_loss")) ? ""
                        : String.format(Locale.ROOT, ", disc loss %.4f, acc %.3f, precision %.3f, recall %.3f, auc %.3f",
                                eval.get("disc_loss"), eval.get("disc_acc"), eval.get("disc_precision"),
                                eval.get("disc_recall"), eval.get("disc_auc")))
                + (eval.containsKey("unigram_xent")
                        ? String.format(Locale.ROOT, "; unigram cross-entropy %.4f", eval.get("unigram_xent")) : "");
    }

    /** {@code 1h02m}, {@code 3m07s}, or {@code ?} when not finite. */
    public static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long t = Math.round(seconds);
        return t >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, t / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60);
    }
}
