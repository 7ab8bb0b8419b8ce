package electra.data;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;

/** Builds the catalog's classification tasks from their fetched artifacts. */
public final class TaskSources {

    public static final List<String> SENTIMENT_LABELS = List.of("negative", "positive");
    public static final List<String> ACCEPTABILITY_LABELS = List.of("unacceptable", "acceptable");

    static final List<String> SENTIMENT_FILES = List.of("amazon", "yelp", "imdb");
    static final String GRAMMAR_XML = "org/languagetool/rules/en/grammar.xml";

    private TaskSources() {}

    /** What deduplication removed, for the prepare report. */
    public record Dedup(int read, int duplicates, int conflicting) {}

    /**
     * UCI Sentiment Labelled Sentences (Amazon, Yelp, IMDb; 1,000 each) from the npm package
     * {@code sentiment}'s test fixtures. Exact duplicate texts are kept once; a text seen with
     * both labels is dropped. Split 90/10 stratified with seed 13.
     */
    public static ClassificationTask sentiment(Path tgz) {
        return ClassificationTask.withSplit("sentiment", SENTIMENT_LABELS, sentimentExamples(tgz, null), "accuracy");
    }

    static List<Example> sentimentExamples(Path tgz, Dedup[] report) {
        Map<String, byte[]> files = Archives.readTarGz(tgz, n -> n.startsWith("package/test/fixtures/") && n.endsWith(".json"));
        Map<String, Integer> label = new LinkedHashMap<>();
        Map<String, Boolean> conflict = new HashMap<>();
        int read = 0;
        int dups = 0;
        for (String source : SENTIMENT_FILES) {
            byte[] b = files.get("package/test/fixtures/" + source + ".json");
            if (b == null) {
                throw new DatasetException(tgz.getFileName() + " has no test/fixtures/" + source + ".json");
            }
            JsonArray arr = JsonParser.parseString(new String(b, StandardCharsets.UTF_8)).getAsJsonArray();
            for (JsonElement el : arr) {
                JsonObject o = el.getAsJsonObject();
                if (!o.has("class") || o.get("class").isJsonNull()) {
                    continue;
                }
                String text = CorpusSources.clean(o.get("text").getAsString());
                if (text.isEmpty()) {
                    continue;
                }
                int y = o.get("class").getAsInt();
                read++;
                Integer prev = label.putIfAbsent(text, y);
                if (prev != null) {
                    dups++;
                    if (prev != y) {
                        conflict.put(text, true);
                    }
                }
            }
        }
        List<Example> out = new ArrayList<>();
        label.forEach((t, y) -> {
            if (!conflict.containsKey(t)) {
                out.add(new Example(t, y));
            }
        });
        if (report != null) {
            report[0] = new Dedup(read, dups, conflict.size());
        }
        return out;
    }

    /**
     * Acceptability from LanguageTool's English grammar rules: every {@code <example>} of
     * {@code grammar.xml}; unacceptable if it has a {@code correction} attribute or
     * {@code type="incorrect"}, acceptable otherwise; {@code type="triggers_error"} (a known false
     * alarm) is skipped. Markup such as {@code <marker>} is removed, whitespace collapsed. A text
     * listed several times is kept once, unacceptable if any rule marks it incorrect (a "correct"
     * example only says that one rule does not fire). Split 90/10 stratified with seed 13.
     */
    public static ClassificationTask acceptability(Path jar) {
        return ClassificationTask.withSplit("acceptability", ACCEPTABILITY_LABELS, acceptabilityExamples(jar, null), "mcc");
    }

    static List<Example> acceptabilityExamples(Path jar, Dedup[] report) {
        byte[] xml = Archives.readZipMember(jar, GRAMMAR_XML);
        return acceptabilityExamples(xml, jar.getFileName() + "!/" + GRAMMAR_XML, report);
    }

    static List<Example> acceptabilityExamples(byte[] xml, String name, Dedup[] report) {
        Map<String, Integer> label = new LinkedHashMap<>();
        int[] counts = new int[2];
        DefaultHandler h = new DefaultHandler() {
            StringBuilder text;
            int y;

            @Override
            public void startElement(String uri, String local, String qName, Attributes atts) {
                if (qName.equals("example")) {
                    String type = atts.getValue("type");
                    if ("triggers_error".equals(type)) {
                        text = null;
                        return;
                    }
                    y = atts.getValue("correction") != null || "incorrect".equals(type) ? 0 : 1;
                    text = new StringBuilder();
                }
            }

            @Override
            public void characters(char[] ch, int start, int length) {
                if (text != null) {
                    text.append(ch, start, length);
                }
            }

            @Override
            public void endElement(String uri, String local, String qName) {
                if (qName.equals("example") && text != null) {
                    String t = CorpusSources.clean(text.toString());
                    text = null;
                    if (t.isEmpty()) {
                        return;
                    }
                    counts[0]++;
                    Integer prev = label.get(t);
                    if (prev == null) {
                        label.put(t, y);
                    } else {
                        counts[1]++;
                        if (y == 0) {
                            label.put(t, 0);
                        }
                    }
                }
            }

            @Override
            public InputSource resolveEntity(String publicId, String systemId) {
                return new InputSource(new StringReader(""));
            }
        };
        try {
            SAXParserFactory f = SAXParserFactory.newInstance();
            f.setNamespaceAware(false);
            SAXParser parser = f.newSAXParser();
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            parser.setProperty("http://www.oracle.com/xml/jaxp/properties/entityExpansionLimit", "0");
            parser.parse(new ByteArrayInputStream(xml), h);
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new DatasetException("cannot parse " + name + ": " + e.getMessage(), e);
        }
        List<Example> out = new ArrayList<>();
        label.forEach((t, y) -> out.add(new Example(t, y)));
        if (report != null) {
            report[0] = new Dedup(counts[0], counts[1], 0);
        }
        return out;
    }

    /** GLUE SST-2 from its zip: train.tsv and dev.tsv ({@code sentence<TAB>label} with a header). */
    public static ClassificationTask sst2(Path zip) {
        TsvTask.Parsed train = TsvTask.parse(zipLines(zip, "SST-2/train.tsv"), zip.getFileName() + "!/SST-2/train.tsv");
        TsvTask.Parsed dev = TsvTask.parse(zipLines(zip, "SST-2/dev.tsv"), zip.getFileName() + "!/SST-2/dev.tsv");
        return new ClassificationTask("sst2", SENTIMENT_LABELS, train.examples(), dev.examples(), "accuracy");
    }

    /** GLUE CoLA from its zip: train.tsv and dev.tsv (source, label, original mark, sentence; no header). */
    public static ClassificationTask cola(Path zip) {
        return new ClassificationTask("cola", ACCEPTABILITY_LABELS, colaFile(zip, "CoLA/train.tsv"),
                colaFile(zip, "CoLA/dev.tsv"), "mcc");
    }

    private static List<Example> colaFile(Path zip, String member) {
        String name = zip.getFileName() + "!/" + member;
        List<String> lines = zipLines(zip, member);
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] f = lines.get(i).split("\t", -1);
            if (f.length != 4) {
                throw new DatasetException(name + ": line " + (i + 1) + ": expected 4 tab-separated columns, found " + f.length);
            }
            String y = f[1].strip();
            if (!y.equals("0") && !y.equals("1")) {
                throw new DatasetException(name + ": line " + (i + 1) + ": label '" + y + "' is not 0 or 1");
            }
            String text = f[3].strip();
            if (text.isEmpty()) {
                throw new DatasetException(name + ": line " + (i + 1) + ": empty text");
            }
            out.add(new Example(text, Integer.parseInt(y)));
        }
        if (out.isEmpty()) {
            throw new DatasetException(name + ": no examples");
        }
        return out;
    }

    private static List<String> zipLines(Path zip, String member) {
        return TextLines.read(Archives.readZipMember(zip, member), zip.getFileName() + "!/" + member);
    }
}
