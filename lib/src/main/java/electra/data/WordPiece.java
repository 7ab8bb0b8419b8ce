package electra.data;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Java transcription of the Hugging Face tokenizers pieces an uncased BERT {@code tokenizer.json}
 * names: {@code BertNormalizer} (clean text, pad CJK ideographs, strip accents, lower-case),
 * {@code BertPreTokenizer} (split on whitespace, isolate each punctuation character) and the
 * {@code WordPiece} model's greedy longest-match-first encoding. The trainer counts words with
 * it; the tokenizer that the library loads is the reference (tests compare the two).
 */
public final class WordPiece {

    public static final String CONTINUING_PREFIX = "##";
    public static final int MAX_INPUT_CHARS_PER_WORD = 100;

    private WordPiece() {}

    /** {@code BertNormalizer} with clean_text, handle_chinese_chars, lowercase (and so strip_accents) on. */
    public static String normalize(String text) {
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == 0 || c == 0xFFFD || isControl(c)) {
                return;
            }
            if (isChineseChar(c)) {
                clean.append(' ').appendCodePoint(c).append(' ');
            } else {
                clean.appendCodePoint(isNormalizerWhitespace(c) ? ' ' : c);
            }
        });
        String nfd = Normalizer.normalize(clean, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(nfd.length());
        nfd.codePoints().filter(c -> Character.getType(c) != Character.NON_SPACING_MARK).forEach(c -> {
            if (c < 128) {
                out.append((char) (c >= 'A' && c <= 'Z' ? c + 32 : c));
            } else {
                // one character at a time, as the library: no context rules (a final capital sigma becomes σ, not ς)
                out.append(new String(Character.toChars(c)).toLowerCase(Locale.ROOT));
            }
        });
        return out.toString();
    }

    /** {@code BertPreTokenizer}: whitespace separates words, each punctuation character is a word. */
    public static List<String> preTokenize(String normalized) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        normalized.codePoints().forEach(c -> {
            if (isWhitespace(c)) {
                flush(words, cur);
            } else if (isPunctuation(c)) {
                flush(words, cur);
                words.add(new String(Character.toChars(c)));
            } else {
                cur.appendCodePoint(c);
            }
        });
        flush(words, cur);
        return words;
    }

    /** Normalise, then pre-tokenise. */
    public static List<String> words(String text) {
        return preTokenize(normalize(text));
    }

    /**
     * The WordPiece model on one pre-tokenised word: the longest vocabulary entry from the start,
     * then the longest {@code ##}-entry from there, ...; the whole word is {@code unk} if some rest
     * matches nothing or it is longer than 100 characters.
     */
    public static List<String> tokenizeWord(String word, Map<String, Integer> vocab, String unk) {
        int[] cps = word.codePoints().toArray();
        if (cps.length > MAX_INPUT_CHARS_PER_WORD) {
            return List.of(unk);
        }
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < cps.length) {
            int end = cps.length;
            String found = null;
            while (start < end) {
                String sub = new String(cps, start, end - start);
                if (start > 0) {
                    sub = CONTINUING_PREFIX + sub;
                }
                if (vocab.containsKey(sub)) {
                    found = sub;
                    break;
                }
                end--;
            }
            if (found == null) {
                return List.of(unk);
            }
            pieces.add(found);
            start = end;
        }
        return pieces;
    }

    /** All word pieces of a text. */
    public static List<String> tokenize(String text, Map<String, Integer> vocab, String unk) {
        List<String> out = new ArrayList<>();
        for (String w : words(text)) {
            out.addAll(tokenizeWord(w, vocab, unk));
        }
        return out;
    }

    private static void flush(List<String> words, StringBuilder cur) {
        if (cur.length() > 0) {
            words.add(cur.toString());
            cur.setLength(0);
        }
    }

    /** Rust's {@code char::is_whitespace}: the Unicode White_Space property. */
    static boolean isWhitespace(int c) {
        return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680
                || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F
                || c == 0x3000;
    }

    private static boolean isNormalizerWhitespace(int c) {
        return c == '\t' || c == '\n' || c == '\r' || isWhitespace(c);
    }

    /** Categories Cc, Cf, Cn, Co, Cs, except tab, newline and carriage return. */
    private static boolean isControl(int c) {
        if (c == '\t' || c == '\n' || c == '\r') {
            return false;
        }
        int t = Character.getType(c);
        return t == Character.CONTROL || t == Character.FORMAT || t == Character.UNASSIGNED
                || t == Character.PRIVATE_USE || t == Character.SURROGATE;
    }

    /** ASCII punctuation (which includes $ + < = > ^ ` | ~) or a Unicode P* category. */
    static boolean isPunctuation(int c) {
        if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) {
            return true;
        }
        int t = Character.getType(c);
        return t == Character.CONNECTOR_PUNCTUATION || t == Character.DASH_PUNCTUATION
                || t == Character.START_PUNCTUATION || t == Character.END_PUNCTUATION
                || t == Character.INITIAL_QUOTE_PUNCTUATION || t == Character.FINAL_QUOTE_PUNCTUATION
                || t == Character.OTHER_PUNCTUATION;
    }

    private static boolean isChineseChar(int c) {
        return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF)
                || (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B820 && c <= 0x2CEAF)
                || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
    }
}
