package electra.data;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A WordPiece tokenizer for ELECTRA: a {@code tokenizer.json} loaded through DJL's Hugging Face
 * tokenizers binding, with the file's own padding and truncation switched off (the BERT file we
 * ship fixes both at 128) and special tokens added here, as the official code does:
 * {@code [CLS] a [SEP]} or {@code [CLS] a [SEP] b [SEP]}.
 */
public final class ElectraTokenizer implements AutoCloseable {

    private final HuggingFaceTokenizer hf;
    private final Path path;
    private final String sha256;
    private final String[] idToToken;
    private final Map<String, Integer> tokenToId;
    private final SpecialTokens specials;

    private ElectraTokenizer(HuggingFaceTokenizer hf, Path path, String sha256, String[] idToToken,
                             Map<String, Integer> tokenToId, SpecialTokens specials) {
        this.hf = hf;
        this.path = path;
        this.sha256 = sha256;
        this.idToToken = idToToken;
        this.tokenToId = tokenToId;
        this.specials = specials;
    }

    /** English uncased BERT (= ELECTRA's vocabulary, 30,522 pieces), fetched and verified on first use. */
    public static ElectraTokenizer bertUncased() {
        return load(DataSets.tokenizerFile("bert-uncased"));
    }

    /** A catalog tokenizer name ({@code bert-uncased}, {@code wordpiece-8k}) or a path to a tokenizer.json. */
    public static ElectraTokenizer forName(String nameOrPath) {
        Catalog catalog = Catalog.loadOrEmpty();
        if (catalog.has(nameOrPath) && catalog.get(nameOrPath).isTokenizer()) {
            return load(DataSets.tokenizerFile(nameOrPath));
        }
        Path p = Path.of(nameOrPath);
        if (!Files.exists(p)) {
            throw new DatasetException("'" + nameOrPath + "' is neither a tokenizer in the catalog ("
                    + catalog.namesOf("tokenizer") + ") nor an existing tokenizer.json");
        }
        return load(p);
    }

    /** Loads a WordPiece {@code tokenizer.json} (or a directory holding one). */
    public static ElectraTokenizer load(Path tokenizerJson) {
        Path file = Files.isDirectory(tokenizerJson) ? tokenizerJson.resolve("tokenizer.json") : tokenizerJson;
        if (!Files.isRegularFile(file)) {
            throw new DatasetException(file + ": no such tokenizer file");
        }
        Map<String, Integer> vocab = new HashMap<>();
        String json;
        try {
            json = Files.readString(file);
            JsonObject root = JsonParser.parseString(json).getAsJsonObject();
            JsonObject model = root.getAsJsonObject("model");
            if (model == null || model.getAsJsonObject("vocab") == null) {
                throw new DatasetException(file + ": not a tokenizer.json with a model vocabulary");
            }
            for (Map.Entry<String, JsonElement> e : model.getAsJsonObject("vocab").entrySet()) {
                vocab.put(e.getKey(), e.getValue().getAsInt());
            }
            if (root.has("added_tokens") && root.get("added_tokens").isJsonArray()) {
                for (JsonElement t : root.getAsJsonArray("added_tokens")) {
                    JsonObject o = t.getAsJsonObject();
                    vocab.putIfAbsent(o.get("content").getAsString(), o.get("id").getAsInt());
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DatasetException d) {
                throw d;
            }
            throw new DatasetException(file + ": not a readable tokenizer.json (" + e.getMessage() + ")", e);
        }
        int size = vocab.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        String[] idToToken = new String[size];
        vocab.forEach((t, id) -> idToToken[id] = t);
        SpecialTokens specials = new SpecialTokens(need(vocab, "[PAD]", file), need(vocab, "[UNK]", file),
                need(vocab, "[CLS]", file), need(vocab, "[SEP]", file), need(vocab, "[MASK]", file), size);
        HuggingFaceTokenizer hf;
        try {
            hf = HuggingFaceTokenizer.newInstance(file, Map.of(
                    "addSpecialTokens", "false", "truncation", "false", "padding", "false"));
        } catch (IOException | RuntimeException e) {
            throw new DatasetException(file + ": the tokenizers library cannot load it (" + e.getMessage() + ")", e);
        }
        return new ElectraTokenizer(hf, file.toAbsolutePath(), Sha256.of(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                idToToken, vocab, specials);
    }

    private static int need(Map<String, Integer> vocab, String token, Path file) {
        Integer id = vocab.get(token);
        if (id == null) {
            throw new DatasetException(file + ": the vocabulary has no " + token + " token");
        }
        return id;
    }

    /** Word-piece ids of {@code text}, no special tokens, no truncation. */
    public int[] encode(String text) {
        return toInts(hf.encode(text, false, false).getIds());
    }

    /** Word pieces of {@code text} as strings. */
    public List<String> tokens(String text) {
        return Arrays.asList(hf.encode(text, false, false).getTokens());
    }

    /**
     * {@link #encode} for many texts: one native batch call per 4,096 texts, reading back only the
     * ids (the binding's {@code Encoding} also copies token strings and character spans, which
     * made bulk encoding several times slower).
     */
    public List<int[]> encodeAll(List<String> texts) {
        List<int[]> out = new ArrayList<>(texts.size());
        int chunk = 4096;
        long handle = hf.getHandle();
        for (int i = 0; i < texts.size(); i += chunk) {
            String[] part = texts.subList(i, Math.min(texts.size(), i + chunk)).toArray(new String[0]);
            for (long enc : TokenizersLibrary.LIB.batchEncode(handle, part, false)) {
                try {
                    out.add(toInts(TokenizersLibrary.LIB.getTokenIds(enc)));
                } finally {
                    TokenizersLibrary.LIB.deleteEncoding(enc);
                }
            }
        }
        return out;
    }

    /** {@code [CLS] a [SEP]}, all segment 0. */
    public PackedSequence encodeWithSpecials(String a) {
        return encodeWithSpecials(a, null, Integer.MAX_VALUE);
    }

    /** {@code [CLS] a [SEP] b [SEP]}: segment 0 up to the first [SEP], 1 after. */
    public PackedSequence encodeWithSpecials(String a, String b) {
        return encodeWithSpecials(a, b, Integer.MAX_VALUE);
    }

    /**
     * As {@link #encodeWithSpecials(String, String)} ({@code b} may be null), cut to at most
     * {@code maxLength} tokens by dropping pieces from the end of the longer segment first (BERT's
     * {@code _truncate_seq_pair}, as the official fine-tuning code does).
     */
    public PackedSequence encodeWithSpecials(String a, String b, int maxLength) {
        int[] x = encode(a);
        int[] y = b == null ? null : encode(b);
        int room = maxLength - (y == null ? 2 : 3);
        if (room < 0) {
            throw new IllegalArgumentException("maxLength " + maxLength + " leaves no room for the special tokens");
        }
        int lx = x.length;
        int ly = y == null ? 0 : y.length;
        while (lx + ly > room) {
            if (lx > ly) {
                lx--;
            } else {
                ly--;
            }
        }
        int n = lx + 2 + (y == null ? 0 : ly + 1);
        int[] ids = new int[n];
        int[] seg = new int[n];
        int k = 0;
        ids[k++] = specials.cls();
        for (int i = 0; i < lx; i++) {
            ids[k++] = x[i];
        }
        ids[k++] = specials.sep();
        if (y != null) {
            int from = k;
            for (int i = 0; i < ly; i++) {
                ids[k++] = y[i];
            }
            ids[k++] = specials.sep();
            Arrays.fill(seg, from, n, 1);
        }
        return new PackedSequence(ids, seg);
    }

    /** The text of some ids, word pieces joined as the library's WordPiece decoder does. */
    public String decode(int[] ids) {
        return hf.decode(Arrays.stream(ids).asLongStream().toArray(), false);
    }

    /** The piece with this id. */
    public String token(int id) {
        if (id < 0 || id >= idToToken.length || idToToken[id] == null) {
            throw new IllegalArgumentException("no token with id " + id + " (vocabulary size " + vocabSize() + ")");
        }
        return idToToken[id];
    }

    /** The id of a piece, or -1. */
    public int id(String token) {
        return tokenToId.getOrDefault(token, -1);
    }

    /** The vocabulary as a map piece -> id (a copy). */
    public Map<String, Integer> vocabulary() {
        return new HashMap<>(tokenToId);
    }

    public int vocabSize() {
        return idToToken.length;
    }

    public SpecialTokens specials() {
        return specials;
    }

    public Path path() {
        return path;
    }

    /** SHA-256 of the tokenizer.json this tokenizer was loaded from. */
    public String sha256() {
        return sha256;
    }

    @Override
    public void close() {
        hf.close();
    }

    private static int[] toInts(long[] ids) {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = (int) ids[i];
        }
        return out;
    }
}
