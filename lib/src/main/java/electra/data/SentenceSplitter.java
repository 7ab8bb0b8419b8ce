package electra.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A rule-based English sentence splitter. A sentence ends at '.', '!' or '?' (possibly followed by
 * closing quotes or brackets) when whitespace and then an upper-case letter, an opening quote or
 * an opening bracket follow, unless the word before a '.' is a known abbreviation (Mr., Dr., St.,
 * Jan., ...), a single letter (an initial) or has inner periods (U.S., e.g.). It errs towards
 * not splitting: a missed boundary only makes a packing unit longer.
 */
public final class SentenceSplitter {

    private static final Set<String> ABBREVIATIONS = Set.of(
            "mr", "mrs", "ms", "messrs", "mme", "dr", "st", "jr", "sr", "prof", "rev", "hon", "gen", "col",
            "capt", "lt", "sgt", "maj", "adm", "cmdr", "gov", "sen", "rep", "pres", "supt", "esq",
            "vol", "vols", "chap", "vs", "etc", "viz", "cf", "al", "ca", "approx", "co", "corp", "inc", "ltd",
            "bros", "dept", "univ", "assn", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
            "oct", "nov", "dec", "mt", "ft", "ave", "blvd", "conn", "penn", "calif", "mich", "minn", "okla",
            "tex", "ariz", "colo", "fla", "tenn");

    private SentenceSplitter() {}

    /** Splits one paragraph (whitespace already collapsed or not) into trimmed sentences. */
    public static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        int n = text.length();
        int start = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c != '.' && c != '!' && c != '?') {
                continue;
            }
            int j = i + 1;
            while (j < n && isTerminal(text.charAt(j))) {
                j++;
            }
            while (j < n && isClosing(text.charAt(j))) {
                j++;
            }
            if (j >= n || !Character.isWhitespace(text.charAt(j))) {
                continue;
            }
            int k = j;
            while (k < n && Character.isWhitespace(text.charAt(k))) {
                k++;
            }
            if (k >= n || !startsSentence(text.charAt(k))) {
                continue;
            }
            if (c == '.' && isAbbreviation(text, start, i)) {
                continue;
            }
            add(out, text.substring(start, j));
            start = k;
            i = k - 1;
        }
        add(out, text.substring(start));
        return out;
    }

    private static void add(List<String> out, String s) {
        String t = s.strip();
        if (!t.isEmpty()) {
            out.add(t);
        }
    }

    private static boolean isTerminal(char c) {
        return c == '.' || c == '!' || c == '?';
    }

    private static boolean isClosing(char c) {
        return c == '"' || c == '\'' || c == ')' || c == ']' || c == '\u201D' || c == '\u2019' || c == '\u00BB';
    }

    private static boolean startsSentence(char c) {
        return Character.isUpperCase(c) || c == '"' || c == '\'' || c == '(' || c == '[' || c == '\u201C'
                || c == '\u2018' || c == '\u00AB';
    }

    /** The word that ends at the period {@code dot}: an abbreviation, an initial or an initialism? */
    private static boolean isAbbreviation(String text, int from, int dot) {
        int b = dot;
        while (b > from && !Character.isWhitespace(text.charAt(b - 1))) {
            b--;
        }
        String word = text.substring(b, dot);
        int q = 0;
        while (q < word.length() && !Character.isLetterOrDigit(word.charAt(q))) {
            q++;
        }
        word = word.substring(q);
        if (word.isEmpty()) {
            return false;
        }
        if (word.length() == 1 && Character.isLetter(word.charAt(0))) {
            return true;
        }
        if (word.indexOf('.') >= 0 && word.length() <= 8) {
            return true;
        }
        return ABBREVIATIONS.contains(word.toLowerCase(Locale.ROOT));
    }
}
