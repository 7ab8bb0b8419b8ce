package electra.data;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.annotations.SerializedName;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code datasets/catalog.json}: one entry per data set, with its source, licence and checksum. */
public record Catalog(int format, List<Entry> datasets) {

    /** Where an entry's bytes come from. {@code type} is maven, npm, url or derived. */
    public record Source(String type, String artifact, @SerializedName("package") String npmPackage,
                         String file, List<String> urls, List<String> from, String path,
                         @SerializedName("path_sha256") String pathSha256) {

        public boolean isDerived() {
            return "derived".equals(type);
        }

        public boolean isOnline() {
            return "url".equals(type);
        }

        /** How a person would name the source: "Maven artifact g:a:v", "npm package p@v", the first URL. */
        public String describe() {
            return switch (type) {
                case "maven" -> "Maven artifact " + artifact;
                case "npm" -> "npm package " + npmPackage;
                case "url" -> urls.get(0);
                case "derived" -> "built from " + String.join(" + ", from);
                default -> type;
            };
        }
    }

    /** One data set. {@code sha256}/{@code size} describe the fetched artifact (null when derived). */
    public record Entry(String name, String kind, String description, Source source, String version,
                        String license, String attribution, String sha256, Long size, String metric,
                        List<String> labels, @SerializedName("vocab_size") Integer vocabSize,
                        String score) {

        public boolean isCorpus() {
            return "corpus".equals(kind);
        }

        public boolean isClassification() {
            return "classification".equals(kind);
        }

        public boolean isTokenizer() {
            return "tokenizer".equals(kind);
        }
    }

    public static Catalog load() {
        return load(DataHome.catalogFile());
    }

    /** The catalog, or an empty one when there is none (outside the repository): paths still work then. */
    static Catalog loadOrEmpty() {
        try {
            return load();
        } catch (DatasetException e) {
            return new Catalog(1, List.of());
        }
    }

    public static Catalog load(Path file) {
        Catalog c;
        try {
            c = new Gson().fromJson(Files.readString(file), Catalog.class);
        } catch (IOException | JsonParseException e) {
            throw new DatasetException("cannot read the catalog " + file + ": " + e.getMessage(), e);
        }
        if (c == null || c.datasets == null || c.datasets.isEmpty()) {
            throw new DatasetException("the catalog " + file + " lists no data sets");
        }
        return c;
    }

    public boolean has(String name) {
        return datasets != null && byName().containsKey(name);
    }

    /** Names of the entries of one kind, comma-separated, for messages. */
    String namesOf(String kind) {
        return String.join(", ", datasets.stream().filter(e -> e.kind().equals(kind)).map(Entry::name).toList());
    }

    public Entry get(String name) {
        Entry e = byName().get(name);
        if (e == null) {
            throw new DatasetException("unknown data set '" + name + "'; known: " + String.join(", ", names()));
        }
        return e;
    }

    public List<String> names() {
        return new ArrayList<>(byName().keySet());
    }

    private Map<String, Entry> byName() {
        Map<String, Entry> m = new LinkedHashMap<>();
        for (Entry e : datasets == null ? List.<Entry>of() : datasets) {
            m.put(e.name(), e);
        }
        return m;
    }
}
