package electra.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The library's checkpoint file: a JSON header (config, options, step, anything else the run
 * needs), float32 tensors by name, and a SHA-256 of everything before it. Written to a temporary
 * file, forced to disk and renamed into place, so a crash leaves either the old file or the new
 * one, never a half-written one that looks valid.
 *
 * <pre>
 * "ELECTRA\1" | int32 header length | header JSON (UTF-8) | tensors, little-endian float32 | sha256 (32 bytes)
 * </pre>
 */
public final class Checkpoint {

    private static final byte[] MAGIC = {'E', 'L', 'E', 'C', 'T', 'R', 'A', 1};
    public static final String SUFFIX = ".electra";
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    private final JsonObject header;
    private final Map<String, float[]> tensors;
    private final Map<String, long[]> shapes;

    public Checkpoint(JsonObject header, Map<String, float[]> tensors, Map<String, long[]> shapes) {
        this.header = header;
        this.tensors = tensors;
        this.shapes = shapes;
    }

    public JsonObject header() {
        return header;
    }

    public Map<String, float[]> tensors() {
        return tensors;
    }

    public long[] shape(String name) {
        return shapes.get(name);
    }

    /** Tensors whose names start with {@code prefix + "/"}, the prefix removed. */
    public Map<String, float[]> group(String prefix) {
        Map<String, float[]> out = new LinkedHashMap<>();
        tensors.forEach((k, v) -> {
            if (k.startsWith(prefix + "/")) {
                out.put(k.substring(prefix.length() + 1), v);
            }
        });
        return out;
    }

    /** Adds every parameter's values under {@code prefix/name}. */
    public static void addParameters(Map<String, NDArray> into, String prefix, Map<String, Parameter> params) {
        params.forEach((k, p) -> into.put(prefix + "/" + k, p.getArray()));
    }

    public static Gson gson() {
        return GSON;
    }

    /**
     * Writes atomically: {@code .name.tmp} in the same folder, fsync, rename. On failure the
     * temporary file is removed, an existing {@code file} is untouched, and the
     * {@code IOException} names the file ("cannot write checkpoint F: No space left on device").
     */
    public static void write(Path file, JsonObject header, Map<String, NDArray> arrays) throws IOException {
        write(file, header, arrays, java.util.function.UnaryOperator.identity());
    }

    /**
     * {@link #write(Path, JsonObject, Map)} through {@code fileStream} wrapped around the temporary
     * file's stream: the place where tests inject a full disk or a pause mid-write (see
     * {@code electra.train.TestHooks}); normal writes pass the identity.
     */
    public static void write(Path file, JsonObject header, Map<String, NDArray> arrays,
            java.util.function.UnaryOperator<OutputStream> fileStream) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
        JsonObject h = header.deepCopy();
        JsonArray list = new JsonArray();
        for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
            JsonObject t = new JsonObject();
            t.addProperty("name", e.getKey());
            t.add("shape", GSON.toJsonTree(e.getValue().getShape().getShape()));
            list.add(t);
        }
        h.add("tensors", list);
        byte[] headerBytes = GSON.toJson(h).getBytes(StandardCharsets.UTF_8);
        try {
            MessageDigest sha = sha256();
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                OutputStream raw = fileStream.apply(java.nio.channels.Channels.newOutputStream(ch));
                DigestOutputStream digest = new DigestOutputStream(new BufferedOutputStream(raw, 1 << 20), sha);
                DataOutputStream out = new DataOutputStream(digest);
                out.write(MAGIC);
                out.writeInt(headerBytes.length);
                out.write(headerBytes);
                for (NDArray a : arrays.values()) {
                    float[] v = a.toFloatArray();
                    ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                    buf.asFloatBuffer().put(v);
                    out.write(buf.array());
                }
                out.flush();
                digest.on(false);
                out.write(sha.digest());
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            forceDirectory(dir);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new IOException("cannot write checkpoint " + file + ": " + m, e);
        } catch (RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** Makes the rename durable (a power cut after it keeps the new name); not every platform can. */
    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a directory; the rename is still atomic there
        }
    }

    /** Reads and verifies a checkpoint; a damaged file gives one line naming it and what is wrong. */
    public static Checkpoint read(Path file) throws IOException {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such checkpoint file");
        }
        if (all.length < MAGIC.length + 4 + 32 || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC)) {
            throw new IllegalArgumentException(file + ": not an ELECTRA checkpoint (bad magic or too short)");
        }
        MessageDigest sha = sha256();
        sha.update(all, 0, all.length - 32);
        if (!Arrays.equals(sha.digest(), Arrays.copyOfRange(all, all.length - 32, all.length))) {
            throw new IllegalArgumentException(file + ": checksum mismatch (truncated or corrupted checkpoint)");
        }
        try {
            return parse(all);
        } catch (RuntimeException e) { // the checksum matched, so a writer's bug, not damage
            throw new IllegalArgumentException(file + ": malformed checkpoint (" + e + ")");
        }
    }

    private static Checkpoint parse(byte[] all) {
        ByteBuffer buf = ByteBuffer.wrap(all).order(ByteOrder.BIG_ENDIAN);
        buf.position(MAGIC.length);
        int headerLength = buf.getInt();
        JsonObject header = JsonParser.parseString(new String(all, buf.position(), headerLength, StandardCharsets.UTF_8))
                .getAsJsonObject();
        buf.position(buf.position() + headerLength);
        buf.order(ByteOrder.LITTLE_ENDIAN);
        Map<String, float[]> tensors = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (JsonElement el : header.getAsJsonArray("tensors")) {
            JsonObject t = el.getAsJsonObject();
            long[] shape = GSON.fromJson(t.get("shape"), long[].class);
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            float[] v = new float[(int) n];
            buf.asFloatBuffer().get(v);
            buf.position(buf.position() + v.length * 4);
            tensors.put(t.get("name").getAsString(), v);
            shapes.put(t.get("name").getAsString(), shape);
        }
        return new Checkpoint(header, tensors, shapes);
    }

    /**
     * Copies the tensors saved under {@code prefix/} into {@code params}, checking every name and
     * shape before changing anything.
     */
    public void loadInto(String prefix, Map<String, Parameter> params, String what) {
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            String key = prefix + "/" + e.getKey();
            if (!tensors.containsKey(key)) {
                throw new IllegalArgumentException(what + ": missing parameter " + e.getKey()
                        + " (a checkpoint of another preset or objective?)");
            }
            long[] expected = e.getValue().getArray().getShape().getShape();
            if (!Arrays.equals(expected, shapes.get(key))) {
                throw new IllegalArgumentException(what + ": parameter " + e.getKey() + " has shape "
                        + Arrays.toString(shapes.get(key)) + ", the model expects " + Arrays.toString(expected)
                        + " (a checkpoint of another preset?)");
            }
        }
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            Tensor.copyInto(e.getValue().getArray(), tensors.get(prefix + "/" + e.getKey()));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
