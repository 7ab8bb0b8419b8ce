package electra.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Known answers on the Hugging Face course's toy corpus: hug x10, pug x5, pun x12, bun x4, hugs x5.
 * Alphabet (sorted): ##g ##n ##s ##u b h p. Piece counts: h 15, p 17, b 4, ##u 36, ##g 20, ##n 16, ##s 5.
 */
class WordPieceTrainerTest {

    static final List<String> ALPHABET = List.of("##g", "##n", "##s", "##u", "b", "h", "p");

    static WordPieceTrainer toyCorpus(WordPieceTrainer.Score score) {
        WordPieceTrainer t = new WordPieceTrainer(score);
        // as running text, so the words also go through the normaliser and pre-tokeniser
        StringBuilder text = new StringBuilder();
        String[] words = {"Hug", "pug", "pun", "bun", "hugs"};
        int[] counts = {10, 5, 12, 4, 5};
        for (int round = 0; round < 12; round++) {
            for (int w = 0; w < words.length; w++) {
                if (round < counts[w]) {
                    text.append(words[w]).append(round % 3 == 0 ? ", " : " ");
                }
            }
        }
        return t.addText(text.toString());
    }

    static List<String> expectedVocab(String... merges) {
        List<String> v = new java.util.ArrayList<>(WordPieceTrainer.SPECIALS);
        v.addAll(ALPHABET);
        v.addAll(List.of(merges));
        return v;
    }

    /**
     * Ratio score freq(ab) / (freq(a) freq(b)):
     * 1. ##g+##s = 5/(20*5) = 1/20 beats the rest (all 1/36) -> ##gs.
     * 2. every pair scores 1/36 (h+##u 15/(15*36), ##u+##g 15/(36*15), p+##u 17/(17*36), ...);
     *    the first pair of the first word wins -> hu.
     * 3. hu+##gs = 5/(15*5) = 1/15 beats p+##u, ##u+##n, b+##u (1/21) and hu+##g = 10/(15*15) -> hugs.
     * (The course text says "hug" here; its own formula gives hugs.)
     */
    @Test
    void ratioScoreKnownAnswer() {
        WordPieceTrainer t = toyCorpus(WordPieceTrainer.Score.RATIO);
        assertEquals(6, t.distinctWords()); // hug pug pun bun hugs ","
        List<String> vocab = new WordPieceTrainer(WordPieceTrainer.Score.RATIO)
                .addWord("hug", 10).addWord("pug", 5).addWord("pun", 12).addWord("bun", 4).addWord("hugs", 5)
                .train(15);
        assertEquals(expectedVocab("##gs", "hu", "hugs"), vocab);
        Map<String, Integer> ids = ids(vocab);
        assertEquals(List.of("hugs"), WordPiece.tokenizeWord("hugs", ids, "[UNK]"));
        assertEquals(List.of("hu", "##g"), WordPiece.tokenizeWord("hug", ids, "[UNK]"));
        assertEquals(List.of("b", "##u", "##gs"), WordPiece.tokenizeWord("bugs", ids, "[UNK]"));
        assertEquals(List.of("[UNK]"), WordPiece.tokenizeWord("mug", ids, "[UNK]"));
    }

    /**
     * Likelihood score, with L(f) = f ln f and N = 113 pieces:
     * 1. ##u+##g (k=20): L(16)-L(36) + L(0)-L(20) + L(20) - L(93) + L(113) = 28.018, best -> ##ug.
     * 2. ##u+##n (k=16): 42.697 beats h+##ug 29.841 -> ##un.
     * 3. h+##ug (k=15): 26.723 -> hug.
     * 4. p+##un (k=12): 11.166 beats hug+##s 7.834, p+##ug 7.083, b+##un 5.834 -> pun.
     */
    @Test
    void likelihoodScoreKnownAnswer() {
        List<String> vocab = new WordPieceTrainer(WordPieceTrainer.Score.LIKELIHOOD)
                .addWord("hug", 10).addWord("pug", 5).addWord("pun", 12).addWord("bun", 4).addWord("hugs", 5)
                .train(16);
        assertEquals(expectedVocab("##ug", "##un", "hug", "pun"), vocab);
        Map<String, Integer> ids = ids(vocab);
        assertEquals(List.of("hug", "##s"), WordPiece.tokenizeWord("hugs", ids, "[UNK]"));
        assertEquals(List.of("b", "##un"), WordPiece.tokenizeWord("bun", ids, "[UNK]"));
        assertEquals(List.of("p", "##ug"), WordPiece.tokenizeWord("pug", ids, "[UNK]"));
        assertEquals(28.0178, WordPieceTrainer.likelihoodGain(36, 20, false, 20, 113), 1e-4);
        assertEquals(42.6973, WordPieceTrainer.likelihoodGain(16, 16, false, 16, 93), 1e-4);
    }

    @Test
    void runningTextIsNormalisedAndCountedLikeWords() {
        // "Hug" lower-cases to hug and "," is a word of its own: same merges as the word counts above.
        List<String> vocab = toyCorpus(WordPieceTrainer.Score.RATIO).train(16);
        // code-point order: '#' (0x23) < ',' (0x2C) < letters
        assertEquals(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "##g", "##n", "##s", "##u", ",", "b", "h", "p"),
                vocab.subList(0, 13));
        assertTrue(vocab.contains("##gs") && vocab.contains("hu") && vocab.contains("hugs"));
    }

    @Test
    void stopsWhenNoPairIsLeft() {
        List<String> vocab = new WordPieceTrainer(WordPieceTrainer.Score.LIKELIHOOD).addWord("ab", 3).train(100);
        assertEquals(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "##b", "a", "ab"), vocab);
    }

    @Test
    void writtenTokenizerLoadsInTheLibraryAndAgreesWithTheJavaEncoder(@TempDir Path dir) {
        List<String> vocab = new WordPieceTrainer(WordPieceTrainer.Score.RATIO)
                .addWord("hug", 10).addWord("pug", 5).addWord("pun", 12).addWord("bun", 4).addWord("hugs", 5)
                .train(15);
        Path file = dir.resolve("tokenizer.json");
        WordPieceTrainer.writeTokenizerJson(vocab, file);
        try (ElectraTokenizer tok = ElectraTokenizer.load(file)) {
            assertEquals(15, tok.vocabSize());
            assertEquals(new SpecialTokens(0, 1, 2, 3, 4, 15), tok.specials());
            assertEquals(List.of("hugs", "hu", "##g", "b", "##u", "##gs", "[UNK]"), tok.tokens("Hugs hug BUGS mug"));
            assertEquals(WordPiece.tokenize("Hugs hug BUGS mug", ids(vocab), "[UNK]"), tok.tokens("Hugs hug BUGS mug"));
            assertEquals("hugs", tok.token(14));
            assertEquals(14, tok.id("hugs"));
        }
    }

    private static Map<String, Integer> ids(List<String> vocab) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < vocab.size(); i++) {
            m.put(vocab.get(i), i);
        }
        return m;
    }
}
