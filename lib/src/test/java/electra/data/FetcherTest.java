package electra.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FetcherTest {

    static Catalog.Entry urlEntry(String file, List<String> urls, String sha, Long size) {
        return new Catalog.Entry("test-set", "classification", "a test", new Catalog.Source("url", null, null, file, urls,
                null, null, null), "1", "CC0-1.0", "nobody", sha, size, "accuracy", List.of("0", "1"), null, null);
    }

    @Test
    void damagedCacheFilesAreFetchedAgain(@TempDir Path dir) throws Exception {
        byte[] bytes = "pretend this is a zip\n".repeat(100).getBytes();
        Path origin = dir.resolve("origin.zip");
        Files.write(origin, bytes);
        Catalog.Entry e = urlEntry("data.zip", List.of(origin.toUri().toString()), Sha256.of(bytes), (long) bytes.length);
        Fetcher f = new Fetcher(dir.resolve("cache"));
        assertFalse(f.isCached(e));
        Path p = f.fetch(e);
        assertEquals(dir.resolve("cache/artifacts/data.zip"), p);
        assertTrue(f.isCached(e));

        Files.write(p, java.util.Arrays.copyOf(bytes, 100)); // truncated
        assertFalse(f.isCached(e));
        assertArrayEquals(bytes, Files.readAllBytes(f.fetch(e)));

        byte[] edited = bytes.clone();
        edited[7] ^= 1; // same size, one bit changed
        Files.write(p, edited);
        Files.setLastModifiedTime(p, FileTime.fromMillis(Files.getLastModifiedTime(p).toMillis() - 10_000));
        assertFalse(f.isCached(e));
        assertArrayEquals(bytes, Files.readAllBytes(f.fetch(e)));
        try (var s = Files.list(dir.resolve("cache/artifacts"))) {
            assertEquals(1, s.count(), "no temporary files left behind");
        }
    }

    @Test
    void checksumMismatchIsAnError(@TempDir Path dir) throws Exception {
        Path origin = dir.resolve("origin.zip");
        Files.writeString(origin, "not what the catalog describes");
        String zeros = "0".repeat(64);
        Catalog.Entry e = urlEntry("data.zip", List.of(origin.toUri().toString()), zeros, null);
        DatasetException ex = assertThrows(DatasetException.class, () -> new Fetcher(dir.resolve("cache")).fetch(e));
        assertEquals("cannot fetch test-set (data.zip, online only): " + origin.toUri() + ": sha256 mismatch", ex.getMessage());
        assertFalse(Files.exists(dir.resolve("cache/artifacts/data.zip")));
    }

    @Test
    void unreachableHostsFailFastWithOneLine(@TempDir Path dir) {
        Catalog.Entry e = urlEntry("CoLA.zip", List.of("http://127.0.0.1:9/CoLA.zip", "https://glue.example.invalid/CoLA.zip"),
                "0".repeat(64), null);
        long t0 = System.nanoTime();
        DatasetException ex = assertThrows(DatasetException.class, () -> new Fetcher(dir).fetch(e));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds < 25, "took " + seconds + " s");
        assertTrue(ex.getMessage().startsWith("cannot fetch test-set (CoLA.zip, online only): 127.0.0.1: "), ex.getMessage());
        assertTrue(ex.getMessage().contains("glue.example.invalid"), ex.getMessage());
        assertFalse(ex.getMessage().contains("\n"));
    }

    @Test
    void catalogEntriesAreComplete() {
        Catalog c = Catalog.load();
        for (Catalog.Entry e : c.datasets()) {
            assertTrue(List.of("corpus", "classification", "tokenizer").contains(e.kind()), e.name());
            assertTrue(e.license() != null && !e.license().isBlank(), e.name());
            assertTrue(e.attribution() != null && !e.attribution().isBlank(), e.name());
            if (e.source().isDerived()) {
                e.source().from().forEach(c::get);
            } else {
                assertTrue(e.sha256().matches("[0-9a-f]{64}") && e.size() > 0 && e.source().file() != null, e.name());
            }
            if (e.isClassification()) {
                assertTrue(List.of("accuracy", "mcc").contains(e.metric()) && e.labels().size() == 2, e.name());
            }
        }
    }
}
