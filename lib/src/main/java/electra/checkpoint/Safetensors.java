package electra.checkpoint;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code safetensors} file format, written and read without a library:
 *
 * <pre>
 * uint64 little-endian N | N bytes of JSON header | raw little-endian tensor data
 * header = {"NAME": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, ..., "__metadata__": {..}}
 * </pre>
 *
 * Offsets are relative to the first data byte; the header is padded with spaces to a multiple of
 * 8 bytes, as the reference implementation does. Reading converts F32, F16, BF16 and F64 to
 * float; other dtypes (integer buffers such as old checkpoints' {@code position_ids}) are listed
 * but refused only when asked for. The format has no checksum: reading checks that the header
 * parses and that the offsets tile the data exactly, which catches truncation and a damaged header,
 * not flipped bits in the data.
 */
public final class Safetensors {

    /** One entry of the header. */
    public record Entry(String dtype, long[] shape, long begin, long end) {
        public long elements() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }
    }

    private final Path file;
    private final Map<String, Entry> entries;
    private final Map<String, String> metadata;
    private final ByteBuffer data;

    private Safetensors(Path file, Map<String, Entry> entries, Map<String, String> metadata, ByteBuffer data) {
        this.file = file;
        this.entries = entries;
        this.metadata = metadata;
        this.data = data;
    }

    public Path file() {
        return file;
    }

    /** Tensor names in file order. */
    public List<String> names() {
        return new ArrayList<>(entries.keySet());
    }

    public boolean contains(String name) {
        return entries.containsKey(name);
    }

    public Entry entry(String name) {
        return entries.get(name);
    }

    public Map<String, String> metadata() {
        return Collections.unmodifiableMap(metadata);
    }

    /** The tensor as float32 values, converted from F16/BF16/F64; any other dtype is an input error. */
    public Tensor tensor(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new IllegalArgumentException(file + ": no tensor " + name);
        }
        int n = Math.toIntExact(e.elements());
        float[] out = new float[n];
        ByteBuffer b = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        b.position((int) e.begin());
        switch (e.dtype()) {
            case "F32" -> b.asFloatBuffer().get(out);
            case "F16" -> {
                for (int i = 0; i < n; i++) {
                    out[i] = halfToFloat(b.getShort());
                }
            }
            case "BF16" -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Float.intBitsToFloat((b.getShort() & 0xffff) << 16);
                }
            }
            case "F64" -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (float) b.getDouble();
                }
            }
            default -> throw new IllegalArgumentException(file + ": tensor " + name + " has dtype " + e.dtype()
                    + ", not a float type this reader converts (F32, F16, BF16, F64)");
        }
        return new Tensor(e.shape().clone(), out);
    }

    /** IEEE 754 binary16 to float (Java 17 has no {@code Float.float16ToFloat}). */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) { // inf or NaN
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) { // zero or subnormal: mant x 2^-24
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    static int bytesPerElement(String dtype) {
        return switch (dtype) {
            case "F64", "I64", "U64" -> 8;
            case "F32", "I32", "U32" -> 4;
            case "F16", "BF16", "I16", "U16" -> 2;
            case "I8", "U8", "BOOL", "F8_E4M3", "F8_E5M2" -> 1;
            default -> -1;
        };
    }

    /** Reads and checks a file; every problem is one line naming the file. */
    public static Safetensors read(Path file) throws IOException {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such weights file");
        }
        if (all.length < 8) {
            throw new IllegalArgumentException(file + ": not a safetensors file (" + all.length + " bytes, truncated?)");
        }
        long headerLength = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength < 2 || headerLength > all.length - 8) {
            throw new IllegalArgumentException(file + ": corrupted safetensors file (header length " + headerLength
                    + " does not fit the file's " + all.length + " bytes)");
        }
        JsonObject header;
        try {
            JsonElement el = JsonParser.parseString(new String(all, 8, (int) headerLength, StandardCharsets.UTF_8));
            if (!el.isJsonObject()) {
                throw new JsonParseException("not an object");
            }
            header = el.getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IllegalArgumentException(file + ": corrupted safetensors file (header is not valid JSON)");
        }
        long dataStart = 8 + headerLength;
        long dataLength = all.length - dataStart;
        Map<String, Entry> entries = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        List<long[]> ranges = new ArrayList<>();
        try {
            for (Map.Entry<String, JsonElement> kv : header.entrySet()) {
                if (kv.getKey().equals("__metadata__")) {
                    kv.getValue().getAsJsonObject().entrySet()
                            .forEach(m -> metadata.put(m.getKey(), m.getValue().getAsString()));
                    continue;
                }
                JsonObject t = kv.getValue().getAsJsonObject();
                String dtype = t.get("dtype").getAsString();
                long[] shape = Checkpoint.gson().fromJson(t.get("shape"), long[].class);
                long[] offsets = Checkpoint.gson().fromJson(t.get("data_offsets"), long[].class);
                if (offsets.length != 2) {
                    throw new IllegalArgumentException(file + ": corrupted safetensors file (tensor " + kv.getKey()
                            + " has " + offsets.length + " data offsets)");
                }
                Entry e = new Entry(dtype, shape, offsets[0], offsets[1]);
                int width = bytesPerElement(dtype);
                if (width < 0) {
                    throw new IllegalArgumentException(file + ": tensor " + kv.getKey() + " has unknown dtype " + dtype);
                }
                if (e.begin() < 0 || e.end() < e.begin() || e.end() > dataLength || e.end() - e.begin() != e.elements() * width) {
                    throw new IllegalArgumentException(file + ": corrupted or truncated safetensors file (tensor "
                            + kv.getKey() + " " + dtype + Arrays.toString(shape) + " at bytes [" + e.begin() + ", "
                            + e.end() + ") of " + dataLength + " data bytes)");
                }
                entries.put(kv.getKey(), e);
                ranges.add(new long[] {e.begin(), e.end()});
            }
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            throw new IllegalArgumentException(file + ": corrupted safetensors file (malformed header: " + e.getMessage() + ")");
        }
        ranges.sort((a, b) -> Long.compare(a[0], b[0]));
        long at = 0;
        for (long[] r : ranges) {
            if (r[0] != at) {
                throw new IllegalArgumentException(file + ": corrupted safetensors file (tensor data overlaps or has a gap at byte " + at + ")");
            }
            at = r[1];
        }
        if (at != dataLength) {
            throw new IllegalArgumentException(file + ": corrupted safetensors file (" + (dataLength - at)
                    + " bytes after the last tensor)");
        }
        ByteBuffer data = ByteBuffer.wrap(all, (int) dataStart, (int) dataLength).slice();
        return new Safetensors(file, entries, metadata, data);
    }

    /**
     * Writes float32 tensors in the given order, atomically (temporary file, then rename).
     *
     * @param metadata string pairs for {@code __metadata__}, e.g. {@code format: pt}
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        JsonObject header = new JsonObject();
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            if (t.elements() != t.data().length) {
                throw new IllegalArgumentException("tensor " + e.getKey() + ": shape " + Arrays.toString(t.shape())
                        + " does not match " + t.data().length + " values");
            }
            JsonObject o = new JsonObject();
            o.addProperty("dtype", "F32");
            o.add("shape", Checkpoint.gson().toJsonTree(t.shape()));
            o.add("data_offsets", Checkpoint.gson().toJsonTree(new long[] {offset, offset + 4L * t.data().length}));
            header.add(e.getKey(), o);
            offset += 4L * t.data().length;
        }
        JsonObject meta = new JsonObject();
        metadata.forEach(meta::addProperty);
        header.add("__metadata__", meta);
        byte[] json = Checkpoint.gson().toJson(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] headerBytes = Arrays.copyOf(json, padded);
        Arrays.fill(headerBytes, json.length, padded, (byte) ' ');

        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
                out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
                out.write(headerBytes);
                for (Tensor t : tensors.values()) {
                    ByteBuffer buf = ByteBuffer.allocate(t.data().length * 4).order(ByteOrder.LITTLE_ENDIAN);
                    buf.asFloatBuffer().put(t.data());
                    out.write(buf.array());
                }
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }
}
