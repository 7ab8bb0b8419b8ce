package electra.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** metrics.csv as a crash leaves it, and the open logging interval carried through a checkpoint. */
class MetricsLogTest {

    private static Pretrainer.StepRecord record(long step, double loss, boolean skipped) {
        return new Pretrainer.StepRecord(step, Map.of("loss", loss, "lr", 0.1 * step, "grad_norm", 1.0 / 3 * step), skipped);
    }

    private static MetricsLog threeRows() {
        MetricsLog log = new MetricsLog();
        for (int s = 1; s <= 3; s++) {
            log.add(record(s, 1.0 / s, false), 128);
            log.close(s);
        }
        return log;
    }

    @Test
    void aCutOffLastLineIsIgnored(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("metrics.csv");
        threeRows().write(f);
        String whole = Files.readString(f, StandardCharsets.UTF_8);
        assertEquals(3, MetricsLog.read(f, 100).size());
        for (int cut = 1; cut < 30; cut++) { // every way the last append can be cut off
            Files.writeString(f, whole.substring(0, whole.length() - cut), StandardCharsets.UTF_8);
            List<Map<String, Double>> rows = MetricsLog.read(f, 100);
            assertEquals(2, rows.size(), "cut " + cut);
            assertEquals(2.0, rows.get(1).get("step"));
        }
        assertEquals(2, MetricsLog.read(f, 2).size());
        assertEquals(1, MetricsLog.read(f, 1).size());
        Files.writeString(f, "", StandardCharsets.UTF_8);
        assertEquals(List.of(), MetricsLog.read(f, 100));
    }

    @Test
    void aDamagedLineInTheMiddleIsNamed(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("metrics.csv");
        threeRows().write(f);
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        lines.set(2, lines.get(2).replaceFirst(",[^,]+,", ",x1,"));
        Files.write(f, lines, StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MetricsLog.read(f, 100));
        assertTrue(e.getMessage().startsWith(f + ": line 3: column loss is not a number: 'x1'"), e.getMessage());
        lines.set(2, "2,1.0");
        Files.write(f, lines, StandardCharsets.UTF_8);
        e = assertThrows(IllegalArgumentException.class, () -> MetricsLog.read(f, 100));
        assertEquals(f + ": line 3: 2 cells, the header has 14", e.getMessage());
    }

    /** A row that straddles a checkpoint averages exactly the steps an uninterrupted log would. */
    @Test
    void theOpenIntervalSurvivesACheckpoint() {
        MetricsLog whole = new MetricsLog();
        MetricsLog first = new MetricsLog();
        for (int s = 1; s <= 2; s++) {
            whole.add(record(s, 0.1 * s + 1.0 / 7, s == 2), 128);
            first.add(record(s, 0.1 * s + 1.0 / 7, s == 2), 128);
        }
        String saved = first.intervalState().toString(); // as the checkpoint header carries it
        MetricsLog resumed = new MetricsLog();
        resumed.restoreInterval(com.google.gson.JsonParser.parseString(saved).getAsJsonObject());
        for (MetricsLog log : List.of(whole, resumed)) {
            log.add(record(3, 0.3 + 1.0 / 7, false), 128);
        }
        Map<String, Double> a = whole.close(3);
        Map<String, Double> b = resumed.close(3);
        for (String c : List.of("step", "loss", "grad_norm", "lr", "skipped")) {
            assertEquals(a.get(c), b.get(c), c); // bit for bit
        }
        assertEquals(1.0, b.get("skipped"));
    }
}
