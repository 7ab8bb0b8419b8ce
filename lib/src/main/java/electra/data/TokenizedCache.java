package electra.data;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Word-piece ids of a corpus's sentences, cached on disk: tokenising the 3-million-word default
 * corpus through the library takes tens of seconds, reading the cache well under one. The file
 * is {@code <cache>/tokenized/<content hash>-<tokenizer hash>.bin}; a {@code .sha256} file next
 * to it is checked on every read, and a damaged or missing file is rebuilt. Without a cache
 * directory (no repository found) it just tokenises.
 */
public final class TokenizedCache {

    private static final int MAGIC = 0x454C544B; // "ELTK"

    private TokenizedCache() {}

    /** Per document, per sentence: its word-piece ids. */
    public static List<List<int[]>> tokenize(List<Document> docs, ElectraTokenizer tok) {
        Path file;
        try {
            file = DataHome.cacheDir().resolve("tokenized")
                    .resolve(contentHash(docs).substring(0, 24) + "-" + tok.sha256().substring(0, 24) + ".bin");
        } catch (DatasetException e) {
            return compute(docs, tok);
        }
        Path sum = file.resolveSibling(file.getFileName() + ".sha256");
        if (Files.isRegularFile(file) && Files.isRegularFile(sum)) {
            try {
                if (Files.readString(sum).strip().equals(Sha256.of(file))) {
                    List<List<int[]>> cached = read(file);
                    if (shapeMatches(cached, docs)) {
                        return cached;
                    }
                }
            } catch (IOException | RuntimeException ignored) {
                // fall through and rebuild
            }
            Progress.log("tokenized cache " + file.getFileName() + " is damaged: tokenizing again");
        }
        long t0 = System.nanoTime();
        List<List<int[]>> out = compute(docs, tok);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".tok-", ".tmp");
            write(out, tmp);
            String sha = Sha256.of(tmp);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(sum, sha + "\n");
        } catch (IOException e) {
            Progress.log("cannot cache tokenized text in " + file.getParent() + ": " + e.getMessage());
        }
        Progress.log(String.format("tokenized %d documents in %.1f s", docs.size(), (System.nanoTime() - t0) / 1e9));
        return out;
    }

    static List<List<int[]>> compute(List<Document> docs, ElectraTokenizer tok) {
        List<String> all = new ArrayList<>();
        for (Document d : docs) {
            all.addAll(d.sentences());
        }
        List<int[]> ids = tok.encodeAll(all);
        List<List<int[]>> out = new ArrayList<>(docs.size());
        int k = 0;
        for (Document d : docs) {
            List<int[]> s = new ArrayList<>(d.sentences().size());
            for (int i = 0; i < d.sentences().size(); i++) {
                s.add(ids.get(k++));
            }
            out.add(s);
        }
        return out;
    }

    /** SHA-256 over the documents' sentences (with separators), hex. */
    static String contentHash(List<Document> docs) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (Document d : docs) {
            for (String s : d.sentences()) {
                md.update(s.getBytes(StandardCharsets.UTF_8));
                md.update((byte) '\n');
            }
            md.update((byte) 0);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static boolean shapeMatches(List<List<int[]>> t, List<Document> docs) {
        if (t.size() != docs.size()) {
            return false;
        }
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i).size() != docs.get(i).sentences().size()) {
                return false;
            }
        }
        return true;
    }

    private static void write(List<List<int[]>> docs, Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            out.writeInt(MAGIC);
            out.writeInt(docs.size());
            for (List<int[]> d : docs) {
                out.writeInt(d.size());
                for (int[] s : d) {
                    out.writeInt(s.length);
                    for (int id : s) {
                        out.writeInt(id);
                    }
                }
            }
        }
    }

    private static List<List<int[]>> read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a tokenized cache file");
            }
            int nd = in.readInt();
            List<List<int[]>> docs = new ArrayList<>(nd);
            for (int i = 0; i < nd; i++) {
                int ns = in.readInt();
                List<int[]> d = new ArrayList<>(ns);
                for (int j = 0; j < ns; j++) {
                    int[] s = new int[in.readInt()];
                    for (int k = 0; k < s.length; k++) {
                        s[k] = in.readInt();
                    }
                    d.add(s);
                }
                docs.add(d);
            }
            return docs;
        }
    }
}
