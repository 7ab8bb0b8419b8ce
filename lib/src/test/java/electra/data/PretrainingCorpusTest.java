package electra.data;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PretrainingCorpusTest {

    static PretrainingCorpus corpus;

    @BeforeAll
    static void load() {
        corpus = PretrainingCorpus.load((Path) null);
    }

    @Test
    void defaultCorpusHasMoreThanTwoMillionWordsAndAFixedHeldOutSlice() {
        assertTrue(corpus.words() >= 2_000_000, "words: " + corpus.words());
        int n = corpus.train().size() + corpus.heldout().size();
        assertEquals(n / 50, corpus.heldout().size());
        // the held-out documents are documents 49, 99, ... of the file, and no training document repeats them
        List<Document> all = PretrainingCorpus.readPrepared(DataSets.corpusFiles("pretrain").corpus());
        for (int i = 0; i < corpus.heldout().size(); i++) {
            assertEquals(all.get(50 * i + 49), corpus.heldout().get(i));
        }
        Set<List<String>> train = new HashSet<>();
        corpus.train().forEach(d -> train.add(d.sentences()));
        corpus.heldout().forEach(d -> assertFalse(train.contains(d.sentences())));
        assertEquals(corpus.heldout(), PretrainingCorpus.load((Path) null).heldout());
    }

    @Test
    void preparedCorpusIsCleanText() throws Exception {
        Pattern markup = Pattern.compile("<[A-Za-z/!][^>]*>|\\[(?i:applause|laughter)\\]|``");
        Pattern tagged = Pattern.compile("[^/\\s]+/(at|nn|nns|in|jj|vbd|cc|np|rb|cd)(-tl|-hl)?");
        List<String> lines = Files.readAllLines(DataSets.corpusFiles("pretrain").corpus());
        int blank = 0;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isEmpty()) {
                assertTrue(i > 0 && !lines.get(i - 1).isEmpty(), "two blank lines in a row at line " + (i + 1));
                blank++;
                continue;
            }
            if (!l.strip().equals(l) || l.contains("  ")) {
                throw new AssertionError("line " + (i + 1) + " has outer whitespace or a run of spaces: " + l);
            }
            if (l.indexOf('<') >= 0 || l.indexOf('[') >= 0 || l.indexOf('`') >= 0) {
                assertFalse(markup.matcher(l).find(), "line " + (i + 1) + " has markup: " + l);
            }
            if (l.indexOf('/') >= 0) {
                assertTrue(Arrays.stream(l.split(" ")).filter(t -> tagged.matcher(t).matches()).count() < 2,
                        "line " + (i + 1) + " has part-of-speech tags: " + l);
            }
            if (Document.countWords(l) == 0) {
                throw new AssertionError("line " + (i + 1) + " has no word: " + l);
            }
        }
        assertEquals(corpus.train().size() + corpus.heldout().size() - 1, blank);
        assertFalse(lines.get(lines.size() - 1).isEmpty());
    }

    @Test
    void sentenceSplitter() {
        assertEquals(List.of("Mr. Smith went to Washington.", "He arrived on Jan. 5 at 3 p.m. and left.",
                        "\"Did he?\" she asked.", "Yes!", "(It was J. R. R. Tolkien.)", "The U.S. Congress met."),
                SentenceSplitter.split("Mr. Smith went to Washington. He arrived on Jan. 5 at 3 p.m. and left. "
                        + "\"Did he?\" she asked. Yes! (It was J. R. R. Tolkien.) The U.S. Congress met."));
        assertEquals(List.of("We need fruit, e.g. Apples and pears.", "Pi is 3.14 exactly."),
                SentenceSplitter.split("We need fruit, e.g. Apples and pears.   Pi is 3.14 exactly."));
    }

    @Test
    void brownTagsAreStrippedAndTokensRejoined() {
        assertEquals("The jury said \"no evidence\" of Atlanta's election (1962), he said.",
                CorpusSources.detagBrown("\tThe/at jury/nn said/vbd ``/`` no/at evidence/nn ''/'' of/in Atlanta's/np$ "
                        + "election/nn (/( 1962/cd )/) ,/, he/pps said/vbd ./."));
    }

    @Test
    void textFileFormat(@TempDir Path dir) throws Exception {
        Path docs = dir.resolve("docs.txt");
        Files.writeString(docs, "First doc. It has two sentences.\nAnd a second line.\n\n\n  \nSecond doc.\n");
        List<Document> d = PretrainingCorpus.readDocuments(docs);
        assertEquals(List.of(new Document(List.of("First doc.", "It has two sentences.", "And a second line.")),
                new Document(List.of("Second doc."))), d);
        Path lines = dir.resolve("lines.txt");
        Files.writeString(lines, "One document per line. Two sentences.\r\nAnother document.\r\n");
        assertEquals(2, PretrainingCorpus.readDocuments(lines).size());
        Path many = dir.resolve("many.txt");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            b.append("Document number ").append(i).append(".\n\n");
        }
        Files.writeString(many, b);
        PretrainingCorpus c = PretrainingCorpus.fromFile(many);
        assertEquals(List.of("Document number 49.", "Document number 99."),
                c.heldout().stream().map(x -> x.sentences().get(0)).toList());
        assertEquals(118, c.train().size());
    }

    @Test
    void badCorpusFilesNameTheFileAndLine(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.txt");
        assertEquals(missing + ": no such file", message(missing));
        Path empty = dir.resolve("empty.txt");
        Files.writeString(empty, "\n  \n\n");
        assertEquals(empty + ": empty corpus (no text lines)", message(empty));
        Path latin1 = dir.resolve("latin1.txt");
        Files.write(latin1, new byte[] {'o', 'k', '\n', 'c', 'a', 'f', (byte) 0xE9, '\n'});
        assertEquals(latin1 + ": line 2 is not valid UTF-8", message(latin1));
        Path binary = dir.resolve("binary.bin");
        Files.write(binary, new byte[] {'a', '\n', 'b', '\n', 0, 1, 2});
        assertEquals(binary + ": line 3 has a NUL byte: a binary file, not UTF-8 text", message(binary));
        assertEquals(dir + " is a directory, not a text file", message(dir));
        Path punct = dir.resolve("punct.txt");
        Files.writeString(punct, "... --- !!!\n");
        assertEquals(punct + ": no words in the corpus", message(punct));
    }

    private static String message(Path p) {
        return assertThrows(DatasetException.class, () -> PretrainingCorpus.fromFile(p)).getMessage();
    }
}
