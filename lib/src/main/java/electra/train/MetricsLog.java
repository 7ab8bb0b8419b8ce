package electra.train;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The per-step metrics table: averages over each logging interval, one row per logging step.
 * Written as {@code metrics.csv}; the last two columns are timings, the only ones that differ
 * between two runs with the same seed. Also a Tablesaw table for notebooks.
 */
public final class MetricsLog {

    public static final List<String> COLUMNS = List.of("step", "loss", "mlm_loss", "mlm_acc", "sampled_mlm_acc",
            "disc_loss", "disc_acc", "disc_precision", "disc_recall", "grad_norm", "lr", "skipped",
            "elapsed_s", "tokens_per_second");
    public static final List<String> TIMING_COLUMNS = List.of("elapsed_s", "tokens_per_second");

    private final List<Map<String, Double>> rows = new ArrayList<>();
    private final Map<String, Double> sums = new LinkedHashMap<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private int skippedInInterval;
    private long tokensInInterval;
    private long intervalStartNanos = System.nanoTime();
    private double elapsedBefore;

    /** Adds one step; NaN values (a metric undefined in that step) are left out of the mean. */
    public void add(Pretrainer.StepRecord r, long tokens) {
        r.metrics().forEach((k, v) -> {
            if (!Double.isNaN(v)) {
                sums.merge(k, v, Double::sum);
                counts.merge(k, 1, Integer::sum);
            }
        });
        skippedInInterval += r.skipped() ? 1 : 0;
        tokensInInterval += tokens;
    }

    /** Closes the interval ending at {@code step} into one row and returns it. */
    public Map<String, Double> close(long step) {
        long now = System.nanoTime();
        double seconds = (now - intervalStartNanos) / 1e9;
        Map<String, Double> row = new LinkedHashMap<>();
        row.put("step", (double) step);
        for (String c : COLUMNS.subList(1, COLUMNS.indexOf("skipped"))) {
            Integer n = counts.get(c);
            row.put(c, n == null ? Double.NaN : sums.get(c) / n);
        }
        row.put("skipped", (double) skippedInInterval);
        elapsedBefore += seconds;
        row.put("elapsed_s", elapsedBefore);
        row.put("tokens_per_second", seconds > 0 ? tokensInInterval / seconds : Double.NaN);
        rows.add(row);
        sums.clear();
        counts.clear();
        skippedInInterval = 0;
        tokensInInterval = 0;
        intervalStartNanos = now;
        return row;
    }

    public List<Map<String, Double>> rows() {
        return rows;
    }

    /** Continues a resumed run's clock and rows (the open interval: {@link #restoreInterval}). */
    public void restore(List<Map<String, Double>> previous) {
        rows.clear();
        rows.addAll(previous);
        elapsedBefore = previous.isEmpty() ? 0 : previous.get(previous.size() - 1).getOrDefault("elapsed_s", 0.0);
        intervalStartNanos = System.nanoTime();
    }

    /**
     * The open logging interval (sums and counts of the steps since the last row), for a checkpoint
     * taken between two rows: restored with {@link #restoreInterval}, the next row averages exactly
     * the steps an uninterrupted run would. Doubles survive JSON exactly (shortest round-trip form).
     */
    public com.google.gson.JsonObject intervalState() {
        com.google.gson.JsonObject o = new com.google.gson.JsonObject();
        com.google.gson.JsonObject s = new com.google.gson.JsonObject();
        sums.forEach(s::addProperty);
        com.google.gson.JsonObject n = new com.google.gson.JsonObject();
        counts.forEach(n::addProperty);
        o.add("sums", s);
        o.add("counts", n);
        o.addProperty("skipped", skippedInInterval);
        return o;
    }

    /** Restores an open interval saved by {@link #intervalState} (null or absent: an empty interval). */
    public void restoreInterval(com.google.gson.JsonObject o) {
        sums.clear();
        counts.clear();
        skippedInInterval = 0;
        tokensInInterval = 0;
        if (o == null) {
            return;
        }
        o.getAsJsonObject("sums").entrySet().forEach(e -> sums.put(e.getKey(), e.getValue().getAsDouble()));
        o.getAsJsonObject("counts").entrySet().forEach(e -> counts.put(e.getKey(), e.getValue().getAsInt()));
        skippedInInterval = o.get("skipped").getAsInt();
        // tokens are not restored: tokens_per_second of the next row is measured from the resume on
    }

    public static String header() {
        return String.join(",", COLUMNS);
    }

    /** One CSV line; empty cells for undefined values (the discriminator columns of MLM objectives). */
    public static String csvLine(Map<String, Double> row) {
        StringBuilder sb = new StringBuilder();
        for (String c : COLUMNS) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            Double v = row.get(c);
            if (v != null && !v.isNaN()) {
                sb.append(c.equals("step") || c.equals("skipped") ? String.valueOf(v.longValue()) : format(v));
            }
        }
        return sb.toString();
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /** Writes the whole table (header and rows) atomically. */
    public void write(Path file) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write(header());
            w.write('\n');
            for (Map<String, Double> r : rows) {
                w.write(csvLine(r));
                w.write('\n');
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Appends one row to an existing table. */
    public static void append(Path file, Map<String, Double> row) throws IOException {
        Files.writeString(file, csvLine(row) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /**
     * Reads a {@code metrics.csv} back (rows up to {@code maxStep}). Tolerates what a crash can
     * leave: a last line without its newline (a row cut off while being appended) is ignored, as
     * is a last line with too few cells. Any other malformed line is an
     * {@link IllegalArgumentException} naming the file and the line.
     */
    public static List<Map<String, Double>> read(Path file, long maxStep) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<Map<String, Double>> out = new ArrayList<>();
        if (text.isEmpty()) {
            return out;
        }
        boolean complete = text.endsWith("\n");
        String[] lines = text.split("\n", -1);
        int n = complete ? lines.length - 1 : lines.length; // the element after the final newline is ""
        String[] cols = lines[0].split(",", -1);
        if (!cols[0].equals("step")) {
            throw new IllegalArgumentException(file + ": line 1: not a metrics.csv header (expected step,...)");
        }
        for (int i = 1; i < n; i++) {
            String line = lines[i];
            boolean last = i == n - 1;
            if (last && !complete) {
                break; // cut off by a crash while appending
            }
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != cols.length) {
                if (last) {
                    break;
                }
                throw new IllegalArgumentException(file + ": line " + (i + 1) + ": " + cells.length + " cells, the header has "
                        + cols.length);
            }
            Map<String, Double> row = new LinkedHashMap<>();
            for (int c = 0; c < cols.length; c++) {
                try {
                    row.put(cols[c], cells[c].isEmpty() ? Double.NaN : Double.parseDouble(cells[c]));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file + ": line " + (i + 1) + ": column " + cols[c] + " is not a number: '"
                            + cells[c] + "'");
                }
            }
            if (row.getOrDefault("step", 0.0) <= maxStep) {
                out.add(row);
            }
        }
        return out;
    }

    /** The rows as a Tablesaw table (step as int, everything else double) for plots. */
    public Table toTable(String name) {
        return toTable(name, rows);
    }

    public static Table toTable(String name, List<Map<String, Double>> rows) {
        Table t = Table.create(name);
        IntColumn step = IntColumn.create("step");
        t.addColumns(step);
        for (String c : COLUMNS.subList(1, COLUMNS.size())) {
            t.addColumns(DoubleColumn.create(c));
        }
        for (Map<String, Double> r : rows) {
            step.append(r.get("step").intValue());
            for (String c : COLUMNS.subList(1, COLUMNS.size())) {
                Double v = r.get(c);
                t.doubleColumn(c).append(v == null ? Double.NaN : v);
            }
        }
        return t;
    }
}
