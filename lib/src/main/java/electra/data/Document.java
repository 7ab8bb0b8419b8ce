package electra.data;

import java.util.List;

/** One document of a pretraining corpus: its sentences in order (the units the packer accumulates). */
public record Document(List<String> sentences) {

    public Document {
        sentences = List.copyOf(sentences);
    }

    /** Whitespace-separated tokens holding at least one letter or digit. */
    public long words() {
        long n = 0;
        for (String s : sentences) {
            n += countWords(s);
        }
        return n;
    }

    public static long countWords(String text) {
        long n = 0;
        boolean inToken = false;
        boolean hasAlnum = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inToken && hasAlnum) {
                    n++;
                }
                inToken = false;
                hasAlnum = false;
            } else {
                inToken = true;
                hasAlnum |= Character.isLetterOrDigit(c);
            }
        }
        if (inToken && hasAlnum) {
            n++;
        }
        return n;
    }
}
