package electra.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassificationTaskTest {

    @Test
    void sentiment() {
        ClassificationTask t = ClassificationTask.load("sentiment");
        assertEquals(List.of("negative", "positive"), t.labels());
        assertEquals("accuracy", t.metric());
        assertEquals(2982, t.train().size() + t.dev().size()); // 3,000 less 18 repeated sentences
        assertArrayEquals(new int[] {149, 149}, t.labelCounts(t.dev()));
        assertArrayEquals(new int[] {1343, 1341}, t.labelCounts(t.train()));
        assertDisjointAndDeterministic(t, ClassificationTask.load("sentiment"));
        assertNull(t.train().get(0).textB());
    }

    @Test
    void acceptability() {
        ClassificationTask t = ClassificationTask.load("acceptability");
        assertEquals(List.of("unacceptable", "acceptable"), t.labels());
        assertEquals("mcc", t.metric());
        int n = t.train().size() + t.dev().size();
        assertTrue(n >= 10_000, "examples: " + n);
        int[] dev = t.labelCounts(t.dev());
        int[] train = t.labelCounts(t.train());
        assertEquals(Math.round(0.1 * (dev[0] + train[0])), dev[0]);
        assertEquals(Math.round(0.1 * (dev[1] + train[1])), dev[1]);
        assertTrue(dev[0] > 500 && dev[1] > 500);
        for (Example e : t.train()) {
            assertTrue(!e.textA().contains("<") || !e.textA().contains("marker>"), e.textA());
            assertEquals(e.textA().strip(), e.textA());
        }
        assertDisjointAndDeterministic(t, ClassificationTask.load("acceptability"));
    }

    static void assertDisjointAndDeterministic(ClassificationTask a, ClassificationTask b) {
        assertEquals(a, b);
        Set<String> train = new HashSet<>();
        a.train().forEach(e -> train.add(e.textA() + "\t" + e.textB()));
        a.dev().forEach(e -> assertTrue(!train.contains(e.textA() + "\t" + e.textB()), "in train and dev: " + e.textA()));
    }

    @Test
    void stratifiedSplit() {
        List<Example> ex = new java.util.ArrayList<>();
        for (int i = 0; i < 95; i++) {
            ex.add(new Example("text " + i, i < 65 ? 0 : 1));
        }
        List<List<Example>> s = ClassificationTask.split(ex, 2, 0.1, 13);
        // 65 of label 0 -> round(6.5) = 7 to dev; 30 of label 1 -> 3 to dev
        assertEquals(85, s.get(0).size());
        assertEquals(10, s.get(1).size());
        assertEquals(7, s.get(1).stream().filter(e -> e.label() == 0).count());
        assertEquals(s, ClassificationTask.split(ex, 2, 0.1, 13));
        assertTrue(!s.equals(ClassificationTask.split(ex, 2, 0.1, 14)));
    }

    @Test
    void tsvFormats(@TempDir Path dir) throws Exception {
        Path plain = write(dir, "plain.tsv", "good movie\t1\nbad movie\t0\n\nokay\t1\n");
        TsvTask.Parsed p = TsvTask.parse(plain);
        assertEquals(List.of("0", "1"), p.labels());
        assertEquals(List.of(new Example("good movie", 1), new Example("bad movie", 0), new Example("okay", 1)), p.examples());

        Path header = write(dir, "header.tsv", "sentence\tlabel\r\nfine\t0\r\n");
        assertEquals(List.of(new Example("fine", 0)), TsvTask.parse(header).examples());

        Path pairs = write(dir, "pairs.tsv", "text_a\ttext_b\tlabel=no,yes\nA man sleeps.\tA person rests.\tyes\nIt rains.\tIt is dry.\tno\n");
        TsvTask.Parsed pp = TsvTask.parse(pairs);
        assertEquals(List.of("no", "yes"), pp.labels());
        assertEquals(new Example("A man sleeps.", "A person rests.", 1), pp.examples().get(0));

        Path task = dir.resolve("task");
        Files.createDirectories(task);
        write(task, "train.tsv", "a\t0\nb\t1\n");
        write(task, "dev.tsv", "c\t1\n");
        ClassificationTask t = ClassificationTask.load(task.toString());
        assertEquals(2, t.train().size());
        assertEquals(List.of(new Example("c", 1)), t.dev());

        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            many.append("sentence ").append(i).append('\t').append(i % 2).append('\n');
        }
        ClassificationTask m = ClassificationTask.load(write(dir, "many.tsv", many.toString()).toString());
        assertEquals(36, m.train().size());
        assertArrayEquals(new int[] {2, 2}, m.labelCounts(m.dev()));
    }

    @Test
    void badTsvNamesFileAndLine(@TempDir Path dir) throws Exception {
        Path f = write(dir, "one-column.tsv", "good\t1\nbad\t0\njust text\n");
        assertEquals(f + ": line 3: expected 2 tab-separated columns (text, label) or 3 (text_a, text_b, label), found 1", message(f));
        f = write(dir, "label.tsv", "text\tlabel\ngood\t1\nbad\tnegative\n");
        assertEquals(f + ": line 3: label 'negative' is not 0 or 1", message(f));
        f = write(dir, "two.tsv", "good\t2\n");
        assertEquals(f + ": line 1: label '2' is not 0 or 1", message(f));
        f = write(dir, "declared.tsv", "text\tlabel=neg,pos\ngood\tpos\nmeh\tneutral\n");
        assertEquals(f + ": line 3: label 'neutral' is not one of the declared labels neg, pos", message(f));
        f = write(dir, "mixed.tsv", "a\tb\t1\nc\t0\n");
        assertEquals(f + ": line 2: 2 columns, but line 1 has 3", message(f));
        f = write(dir, "emptytext.tsv", "ok\t1\n\t0\n");
        assertEquals(f + ": line 2: empty text", message(f));
        f = write(dir, "empty.tsv", "");
        assertEquals(f + ": no examples (empty file)", message(f));
        f = write(dir, "header-only.tsv", "sentence\tlabel\n");
        assertEquals(f + ": no examples", message(f));
        f = dir.resolve("latin1.tsv");
        Files.write(f, new byte[] {'o', 'k', '\t', '1', '\n', 'n', (byte) 0xE9, '\t', '0', '\n'});
        assertEquals(f + ": line 2 is not valid UTF-8", message(f));
        f = dir.resolve("binary.tsv");
        Files.write(f, new byte[] {'P', 'K', 3, 4, 0, 0});
        assertEquals(f + ": line 1 has a NUL byte: a binary file, not UTF-8 text", message(f));
        Path nowhere = dir.resolve("nowhere.tsv");
        assertEquals("'" + nowhere + "' is neither a task in the catalog (sentiment, acceptability, sst2, cola) nor an existing TSV file",
                assertThrows(DatasetException.class, () -> ClassificationTask.load(nowhere.toString())).getMessage());
        assertEquals("'pretrain' is a corpus, not a classification task",
                assertThrows(DatasetException.class, () -> ClassificationTask.load("pretrain")).getMessage());
    }

    private static String message(Path f) {
        return assertThrows(DatasetException.class, () -> ClassificationTask.load(f.toString())).getMessage();
    }

    static Path write(Path dir, String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }
}
