package electra.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the fetched pretraining sources into clean documents: no markup, no tags, no hard-wrapped
 * fragments (a paragraph is one line in every source used), one sentence per entry.
 */
public final class CorpusSources {

    private static final Pattern STAGE_DIRECTION = Pattern.compile(
            "\\[(?i:laughter|applause|missing text|inaudible|crosstalk)\\]");
    private static final Pattern FOOTNOTE = Pattern.compile("\\[\\d+\\]");
    private static final Pattern BRACKETED = Pattern.compile("\\[([^\\[\\]]*)\\]");
    private static final Pattern ASTERISKS = Pattern.compile("(\\s*\\*)+(?=\\s|$)|(?<=\\S)\\*+");
    private static final Pattern CHAPTER_HEADING = Pattern.compile("^CHAPTER \\d+\\..*");
    private static final Pattern MOBY_CHAPTER = Pattern.compile(".*/chapter_(\\d+)\\.txt");
    private static final Pattern BROWN_FILE = Pattern.compile("package/c[a-r]\\d\\d");

    private CorpusSources() {}

    /** Collapses whitespace, drops control characters, trims. */
    public static String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = b.length() > 0;
                continue;
            }
            int t = Character.getType(c);
            if (t == Character.CONTROL || t == Character.FORMAT || t == Character.UNASSIGNED || t == Character.PRIVATE_USE) {
                continue;
            }
            if (space) {
                b.append(' ');
                space = false;
            }
            b.append(c);
        }
        return b.toString();
    }

    /** Splits a paragraph into cleaned sentences. */
    static List<String> sentences(String paragraph) {
        List<String> out = new ArrayList<>();
        for (String s : SentenceSplitter.split(clean(paragraph))) {
            if (Document.countWords(s) > 0) {
                out.add(s);
            }
        }
        return out;
    }

    /** State of the Union addresses: one document per address, in year order; stage directions removed. */
    public static List<Document> sotu(Path tgz) {
        Map<String, byte[]> files = Archives.readTarGz(tgz, n -> n.startsWith("package/data/") && n.endsWith(".txt"));
        List<Document> docs = new ArrayList<>();
        files.keySet().stream().sorted().forEach(name -> {
            String text = new String(files.get(name), StandardCharsets.UTF_8);
            text = STAGE_DIRECTION.matcher(text).replaceAll(" ");
            text = FOOTNOTE.matcher(text).replaceAll(" ");
            text = BRACKETED.matcher(text).replaceAll("$1");
            text = ASTERISKS.matcher(text).replaceAll(" ");
            List<String> sentences = new ArrayList<>();
            for (String line : text.split("\n")) {
                sentences.addAll(sentences(line));
            }
            if (!sentences.isEmpty()) {
                docs.add(new Document(sentences));
            }
        });
        return docs;
    }

    /**
     * Moby-Dick: etymology, extracts, 135 chapters, epilogue; one document each; chapter headings
     * dropped. Chapters hold one paragraph per line; the extracts quote some passages hard-wrapped,
     * so the lines of each blank-line-separated block are joined into one paragraph.
     */
    public static List<Document> mobyDick(Path tgz) {
        Map<String, byte[]> files = Archives.readTarGz(tgz, n -> n.startsWith("package/data/") && n.endsWith(".txt")
                && !n.endsWith("/data.txt") && !n.endsWith("/contents.txt"));
        List<String> names = new ArrayList<>(files.keySet());
        names.sort(Comparator.comparingInt(CorpusSources::mobyOrder));
        List<Document> docs = new ArrayList<>();
        for (String name : names) {
            List<String> sentences = new ArrayList<>();
            StringBuilder paragraph = new StringBuilder();
            for (String line : (new String(files.get(name), StandardCharsets.UTF_8) + "\n").split("\n")) {
                String l = line.strip();
                if (CHAPTER_HEADING.matcher(l).matches()) {
                    continue;
                }
                if (!l.isEmpty()) {
                    paragraph.append(l).append(' ');
                } else if (paragraph.length() > 0) {
                    sentences.addAll(sentences(ASTERISKS.matcher(paragraph).replaceAll(" ")));
                    paragraph.setLength(0);
                }
            }
            if (paragraph.length() > 0) {
                sentences.addAll(sentences(ASTERISKS.matcher(paragraph).replaceAll(" ")));
            }
            if (!sentences.isEmpty()) {
                docs.add(new Document(sentences));
            }
        }
        return docs;
    }

    private static int mobyOrder(String name) {
        if (name.endsWith("/etymology.txt")) {
            return -2;
        }
        if (name.endsWith("/extracts.txt")) {
            return -1;
        }
        Matcher m = MOBY_CHAPTER.matcher(name);
        if (m.matches()) {
            return Integer.parseInt(m.group(1));
        }
        return 10_000;
    }

    /** The Brown corpus: one document per text sample (500), one sentence per line, tags stripped. */
    public static List<Document> brown(Path tgz) {
        Map<String, byte[]> files = Archives.readTarGz(tgz, n -> BROWN_FILE.matcher(n).matches());
        List<Document> docs = new ArrayList<>();
        files.keySet().stream().sorted().forEach(name -> {
            List<String> sentences = new ArrayList<>();
            for (String line : new String(files.get(name), StandardCharsets.UTF_8).split("\n")) {
                String s = clean(detagBrown(line));
                if (Document.countWords(s) > 0) {
                    sentences.add(s);
                }
            }
            if (!sentences.isEmpty()) {
                docs.add(new Document(sentences));
            }
        });
        return docs;
    }

    /** "The/at jury/nn said/vbd ``/`` no/at ''/'' ./." becomes {@code The jury said "no".} */
    static String detagBrown(String line) {
        StringBuilder b = new StringBuilder();
        boolean glueNext = true;
        String previous = null;
        for (String tok : line.strip().split("\\s+")) {
            if (tok.isEmpty()) {
                continue;
            }
            int slash = tok.lastIndexOf('/');
            String w = slash > 0 ? tok.substring(0, slash) : tok;
            if (w.equals(previous) && (w.equals(";") || w.equals(",") || w.equals(":"))) {
                continue;
            }
            previous = w;
            boolean open = w.equals("``") || w.equals("(") || w.equals("[");
            boolean close = w.equals("''") || w.equals("'") || w.equals(")") || w.equals("]") || w.equals(",")
                    || w.equals(".") || w.equals(";") || w.equals(":") || w.equals("?") || w.equals("!");
            if (w.equals("``") || w.equals("''")) {
                w = "\"";
            }
            if (!glueNext && !close) {
                b.append(' ');
            }
            b.append(w);
            glueNext = open;
        }
        return b.toString();
    }

    /**
     * WikiText raw: " = Title = " starts an article (a document), " = = Section = = " headings are
     * dropped, each other line is a paragraph; the "@-@", "@,@", "@.@" escapes are undone.
     */
    public static void wikitext(InputStream raw, String name, Consumer<Document> sink) {
        List<String> current = new ArrayList<>();
        try {
            TextLines.forEach(raw, name, (line, n) -> {
                String l = line.strip();
                if (l.isEmpty()) {
                    return;
                }
                if (l.startsWith("= ") && l.endsWith(" =")) {
                    if (!l.startsWith("= =") && !current.isEmpty()) {
                        sink.accept(new Document(current));
                        current.clear();
                    }
                    return;
                }
                l = l.replace(" @-@ ", "-").replace(" @,@ ", ",").replace(" @.@ ", ".");
                current.addAll(sentences(l));
            });
        } catch (IOException e) {
            throw new DatasetException("cannot read " + name + ": " + e.getMessage(), e);
        }
        if (!current.isEmpty()) {
            sink.accept(new Document(current));
        }
    }
}
