package electra.finetune;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of fine-tuning one task over several seeds. In Java all scores are fractions; the
 * files {@link #write} produces give them in percent, as GLUE tables do (accuracy 91.2, MCC 57.0).
 *
 * @param source where the encoder came from ({@code random}, a checkpoint file, a Hugging Face folder)
 */
public record FineTuneResult(String task, String metric, String source, int nTrain, int nDev,
                             FineTuneOptions options, List<SeedResult> seeds) {

    /** One epoch of one seed: mean training loss and dev metrics after the epoch. */
    public record EpochRow(long seed, int epoch, double trainLoss, double devAccuracy, double devF1, double devMcc,
                           double trainSeconds) {

        public double metric(String name) {
            return switch (name) {
                case "accuracy" -> devAccuracy;
                case "mcc" -> devMcc;
                case "f1" -> devF1;
                default -> throw new IllegalArgumentException("unknown metric '" + name + "'");
            };
        }
    }

    /** One seed's run: its score is the task metric after the last epoch, as the official code reports it. */
    public record SeedResult(long seed, double score, List<EpochRow> epochs) {}

    public FineTuneResult {
        seeds = List.copyOf(seeds);
    }

    public double[] scores() {
        return seeds.stream().mapToDouble(SeedResult::score).toArray();
    }

    /** The median over seeds (mean of the middle two for an even count), as the paper reports GLUE. */
    public double median() {
        double[] s = scores();
        java.util.Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    public double min() {
        return java.util.Arrays.stream(scores()).min().orElse(Double.NaN);
    }

    public double max() {
        return java.util.Arrays.stream(scores()).max().orElse(Double.NaN);
    }

    public List<EpochRow> epochs() {
        List<EpochRow> out = new ArrayList<>();
        seeds.forEach(s -> out.addAll(s.epochs()));
        return out;
    }

    /** Writes {@code dir/results.json} and {@code dir/epochs.csv}. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results.json"),
                new GsonBuilder().setPrettyPrinting().create().toJson(toJson()) + "\n", StandardCharsets.UTF_8);
        StringBuilder csv = new StringBuilder("seed,epoch,train_loss,dev_accuracy,dev_f1,dev_mcc,train_seconds\n");
        for (EpochRow r : epochs()) {
            csv.append(String.format(Locale.ROOT, "%d,%d,%.6f,%.4f,%.4f,%.4f,%.1f%n", r.seed(), r.epoch(), r.trainLoss(),
                    100 * r.devAccuracy(), 100 * r.devF1(), 100 * r.devMcc(), r.trainSeconds()));
        }
        Files.writeString(dir.resolve("epochs.csv"), csv.toString(), StandardCharsets.UTF_8);
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("task", task);
        o.addProperty("metric", metric);
        o.addProperty("unit", "percent");
        o.addProperty("median", pct(median()));
        o.addProperty("min", pct(min()));
        o.addProperty("max", pct(max()));
        JsonArray per = new JsonArray();
        for (SeedResult s : seeds) {
            JsonObject r = new JsonObject();
            r.addProperty("seed", s.seed());
            r.addProperty("score", pct(s.score()));
            per.add(r);
        }
        o.add("per_seed", per);
        o.addProperty("n_train", nTrain);
        o.addProperty("n_dev", nDev);
        o.addProperty("source", source);
        JsonObject opt = new JsonObject();
        opt.addProperty("learning_rate", options.learningRate());
        opt.addProperty("epochs", options.epochs());
        opt.addProperty("batch_size", options.batchSize());
        opt.addProperty("max_length", options.maxLength());
        opt.addProperty("warmup_proportion", options.warmupProportion());
        opt.addProperty("layerwise_lr_decay", options.layerDecay());
        opt.addProperty("weight_decay", options.weightDecay());
        opt.addProperty("clip_norm", options.clipNorm());
        opt.addProperty("pooling", options.pooling().label());
        opt.addProperty("probe", options.probe());
        opt.addProperty("reinit_top_layers", options.reinitTopLayers());
        opt.addProperty("bias_correction", options.biasCorrection());
        opt.addProperty("shrink_perturb", options.shrinkPerturb());
        if (options.dropout() != null) {
            opt.addProperty("dropout", options.dropout());
        }
        o.add("options", opt);
        return o;
    }

    private static double pct(double fraction) {
        return Math.round(fraction * 1e6) / 1e4;
    }

    /** One line for a terminal: "task metric: median M (min a, max b) over n seeds". */
    public String summary() {
        return String.format(Locale.ROOT, "%s %s: median %.2f (min %.2f, max %.2f) over %d seed%s", task, metric,
                100 * median(), 100 * min(), 100 * max(), seeds.size(), seeds.size() == 1 ? "" : "s");
    }
}
