package electra.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Classification data as TSV: UTF-8, one example per line, {@code text<TAB>label} or
 * {@code text_a<TAB>text_b<TAB>label}; blank lines are skipped. Labels are 0/1 unless the
 * optional header line declares names: a first line whose last column is {@code label} is a
 * header (labels 0/1); {@code label=negative,positive} declares the label set, and the label
 * column must then hold one of those names. Any mistake is a {@link DatasetException} naming the
 * file and line.
 */
public final class TsvTask {

    /** Parsed examples and their label names. */
    public record Parsed(List<String> labels, List<Example> examples, int columns) {}

    private TsvTask() {}

    /** One TSV file, split 90/10 (stratified, seed 13) into train and dev. */
    public static ClassificationTask readFile(Path file) {
        Parsed p = parse(file);
        return ClassificationTask.withSplit(file.toString(), p.labels(), p.examples(), "accuracy");
    }

    /** A directory with {@code train.tsv} and {@code dev.tsv} in the same format. */
    public static ClassificationTask readDirectory(Path dir) {
        Path trainFile = dir.resolve("train.tsv");
        Path devFile = dir.resolve("dev.tsv");
        if (!Files.isRegularFile(trainFile) || !Files.isRegularFile(devFile)) {
            throw new DatasetException(dir + ": a task directory needs train.tsv and dev.tsv");
        }
        Parsed train = parse(trainFile);
        Parsed dev = parse(devFile);
        if (!train.labels().equals(dev.labels())) {
            throw new DatasetException(devFile + ": labels " + dev.labels() + " differ from train.tsv's " + train.labels());
        }
        if (train.columns() != dev.columns()) {
            throw new DatasetException(devFile + ": " + dev.columns() + " columns, train.tsv has " + train.columns());
        }
        return new ClassificationTask(dir.toString(), train.labels(), train.examples(), dev.examples(), "accuracy");
    }

    public static Parsed parse(Path file) {
        return parse(TextLines.read(file), file.toString());
    }

    /** Parses the lines of a TSV; {@code file} names it in error messages. */
    public static Parsed parse(List<String> lines, String file) {
        List<String> labels = List.of("0", "1");
        boolean declared = false;
        int first = 0;
        while (first < lines.size() && lines.get(first).isBlank()) {
            first++;
        }
        if (first < lines.size()) {
            String[] h = lines.get(first).split("\t", -1);
            String last = h[h.length - 1].strip();
            String lower = last.toLowerCase(Locale.ROOT);
            if (lower.equals("label")) {
                first++;
            } else if (lower.startsWith("label=")) {
                List<String> names = Arrays.stream(last.substring(6).split(",")).map(String::strip).toList();
                if (names.size() < 2 || names.stream().anyMatch(String::isEmpty) || names.stream().distinct().count() != names.size()) {
                    throw new DatasetException(file + ": line " + (first + 1)
                            + ": the header must declare at least two distinct label names, as label=negative,positive");
                }
                labels = names;
                declared = true;
                first++;
            }
        }
        List<Example> examples = new ArrayList<>();
        int columns = -1;
        int columnsLine = -1;
        for (int i = first; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            int lineNo = i + 1;
            String[] f = line.split("\t", -1);
            if (f.length != 2 && f.length != 3) {
                throw new DatasetException(file + ": line " + lineNo + ": expected 2 tab-separated columns (text, label) or 3 "
                        + "(text_a, text_b, label), found " + f.length);
            }
            if (columns < 0) {
                columns = f.length;
                columnsLine = lineNo;
            } else if (f.length != columns) {
                throw new DatasetException(file + ": line " + lineNo + ": " + f.length + " columns, but line "
                        + columnsLine + " has " + columns);
            }
            String value = f[f.length - 1].strip();
            int label = labels.indexOf(value);
            if (label < 0) {
                throw new DatasetException(file + ": line " + lineNo + ": label '" + abbreviate(value) + "' is not "
                        + (declared ? "one of the declared labels " + String.join(", ", labels) : "0 or 1"));
            }
            String a = f[0].strip();
            String b = f.length == 3 ? f[1].strip() : null;
            if (a.isEmpty() || (b != null && b.isEmpty())) {
                throw new DatasetException(file + ": line " + lineNo + ": empty text");
            }
            examples.add(new Example(a, b, label));
        }
        if (examples.isEmpty()) {
            throw new DatasetException(file + ": no examples" + (lines.isEmpty() ? " (empty file)" : ""));
        }
        return new Parsed(labels, examples, columns);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
