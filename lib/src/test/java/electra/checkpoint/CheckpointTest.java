package electra.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import com.google.gson.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checkpoint file: verified on read, never half-written in place. */
class CheckpointTest {

    private static void write(Path file, NDManager m, float value, long failAfter) throws IOException {
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        arrays.put("model/w", m.full(new ai.djl.ndarray.types.Shape(64, 64), value));
        JsonObject h = new JsonObject();
        h.addProperty("step", (int) value);
        Checkpoint.write(file, h, arrays, failAfter < 0 ? out -> out : electra.train.TestHooks.diskFullAfter(failAfter));
    }

    @Test
    void aFullDiskLeavesThePreviousFileAndNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("step.electra");
        try (NDManager m = NDManager.newBaseManager()) {
            write(file, m, 1f, -1);
            for (long after : new long[] {0, 10, 100, 5000, 16_000}) {
                IOException e = assertThrows(IOException.class, () -> write(file, m, 2f, after));
                assertEquals("cannot write checkpoint " + file + ": No space left on device", e.getMessage());
                try (var s = Files.list(dir)) {
                    assertEquals(1, s.count(), "only the previous checkpoint");
                }
                Checkpoint c = Checkpoint.read(file);
                assertEquals(1, c.header().get("step").getAsInt());
                assertEquals(1f, c.tensors().get("model/w")[4095]);
            }
        }
    }

    @Test
    void everyTruncationOrBitFlipIsDetected(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("step.electra");
        try (NDManager m = NDManager.newBaseManager()) {
            write(file, m, 3f, -1);
        }
        byte[] good = Files.readAllBytes(file);
        assertArrayEquals(new float[] {3f, 3f}, java.util.Arrays.copyOf(Checkpoint.read(file).tensors().get("model/w"), 2));
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int i = 0; i < 20; i++) {
            byte[] bad = good.clone();
            bad[r.nextInt(bad.length)] ^= (byte) (1 << r.nextInt(8));
            Files.write(file, bad);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(file));
            assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
            Files.write(file, java.util.Arrays.copyOf(good, r.nextInt(good.length)));
            e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(file));
            assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        }
    }
}
