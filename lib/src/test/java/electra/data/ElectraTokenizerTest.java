package electra.data;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The uncased BERT vocabulary through the library, and the Java encoder against it. */
class ElectraTokenizerTest {

    static ElectraTokenizer bert;

    @BeforeAll
    static void load() {
        bert = ElectraTokenizer.bertUncased();
    }

    @AfterAll
    static void close() {
        bert.close();
    }

    @Test
    void bertIdsOfKnownWords() {
        assertEquals(SpecialTokens.BERT_UNCASED, bert.specials());
        assertEquals(30522, bert.vocabSize());
        // ids as listed in BERT's vocab.txt (line number - 1)
        assertArrayEquals(new int[] {1996, 4248, 2829, 4419}, bert.encode("the quick brown fox"));
        assertArrayEquals(new int[] {1996, 4248, 2829, 4419, 14523, 2058, 1996, 13971, 3899, 1012},
                bert.encode("The QUICK brown fox jumps over the lazy dog."));
        assertArrayEquals(new int[] {23653, 1010, 12411, 2953, 999}, bert.encode("Unbelievable, Señor!"));
        assertEquals(List.of("h", "##yp", "##osta", "##ti", "##zation"), bert.tokens("hypostatization"));
        assertArrayEquals(new int[] {7668, 10716, 1864, 1876, 1950}, bert.encode("Café Noël 日本語"));
        assertEquals("unbelievable", bert.token(23653));
        assertEquals(103, bert.id("[MASK]"));
        assertEquals(-1, bert.id("no-such-piece"));
    }

    @Test
    void fileLimitsOf128AreSwitchedOff() {
        int[] ids = bert.encode("word ".repeat(300));
        assertEquals(300, ids.length);
        assertArrayEquals(new int[] {7632}, bert.encode("hi"));
    }

    @Test
    void specialTokensAndSegments() {
        PackedSequence one = bert.encodeWithSpecials("the quick brown fox");
        assertArrayEquals(new int[] {101, 1996, 4248, 2829, 4419, 102}, one.ids());
        assertArrayEquals(new int[6], one.segmentIds());
        PackedSequence two = bert.encodeWithSpecials("the fox", "a dog");
        assertArrayEquals(new int[] {101, 1996, 4419, 102, 1037, 3899, 102}, two.ids());
        assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 1}, two.segmentIds());
        // longest first, ties cut the second: [CLS] the fox [SEP] a [SEP]
        PackedSequence cut = bert.encodeWithSpecials("the fox", "a dog", 6);
        assertArrayEquals(new int[] {101, 1996, 4419, 102, 1037, 102}, cut.ids());
        assertArrayEquals(new int[] {101, 1996, 102}, bert.encodeWithSpecials("the quick brown fox", null, 3).ids());
        assertThrows(IllegalArgumentException.class, () -> bert.encodeWithSpecials("a", "b", 2));
    }

    @Test
    void batchEncodingEqualsSingleEncoding() {
        List<String> texts = List.of("The quick brown fox.", "", "Señor, don't!", "word ".repeat(200));
        List<int[]> batch = bert.encodeAll(texts);
        for (int i = 0; i < texts.size(); i++) {
            assertArrayEquals(bert.encode(texts.get(i)), batch.get(i));
        }
    }

    /** The trainer counts words with the Java pipeline: it must cut text as the library does. */
    @Test
    void javaEncoderMatchesTheLibrary() {
        List<String> texts = new ArrayList<>(List.of(
                "Café Noël, naïve façade — “quoted” ‘text’…", "日本語の文章とEnglish mixed", "emoji 🙂 and ☃ snow",
                "tab\there\u00A0nbsp\u2009thin\u3000ideographic", "control\u0007bell\u200Bzero-width", "x".repeat(101),
                "don't U.S.A. $5,000.00 3.14 e-mail @home #tag 50% a+b=c <html> | ~ ^ `", "ΣΊΣΥΦΟΣ İstanbul ǅ",
                "\uFFFD replacement \u0000 nul"));
        for (Document d : PretrainingCorpus.load(DataSets.DEFAULT_CORPUS).heldout()) {
            texts.addAll(d.sentences());
        }
        Map<String, Integer> vocab = bert.vocabulary();
        List<int[]> lib = bert.encodeAll(texts);
        for (int i = 0; i < texts.size(); i++) {
            List<String> pieces = WordPiece.tokenize(texts.get(i), vocab, "[UNK]");
            int[] ids = pieces.stream().mapToInt(vocab::get).toArray();
            assertArrayEquals(lib.get(i), ids, "text " + i + ": " + texts.get(i));
        }
    }

    @Test
    void badTokenizerFiles(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path missing = dir.resolve("none.json");
        assertEquals(missing + ": no such tokenizer file",
                assertThrows(DatasetException.class, () -> ElectraTokenizer.load(missing)).getMessage());
        java.nio.file.Path bad = dir.resolve("bad.json");
        java.nio.file.Files.writeString(bad, "{\"model\": {\"vocab\": {\"a\": 0}}}");
        assertEquals(bad + ": the vocabulary has no [PAD] token",
                assertThrows(DatasetException.class, () -> ElectraTokenizer.load(bad)).getMessage());
    }
}
