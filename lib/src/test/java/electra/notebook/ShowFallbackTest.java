package electra.notebook;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static electra.notebook.ShowPlotlyTest.losses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Outside Jupyter everything is text on stdout. */
class ShowFallbackTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Kernel.Text text = new Kernel.Text(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    private String out() {
        return bytes.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    @AfterEach
    void forget() {
        Show.useKernel(null);
    }

    @Test
    void noKernelHereMeansText() {
        Show.useKernel(null);
        assertEquals("text", Show.kernelName());
    }

    @Test
    void everythingPrintsAsText() {
        Show.useKernel(text);
        Show.text("hello");
        Show.html("<p>a &amp; <b>b</b></p><script>alert(1)</script>");
        Show.table(Table.create("t", IntColumn.create("x", 1, 2)));
        Show.figure(Show.lineChart(losses(), "step", "Pre-training loss", "loss", "generator", "discriminator"));
        Show.tokens(List.of("a", "b"), new float[] {0.9f, 0.1f});
        String o = out();
        assertTrue(o.startsWith("hello\na & b\n"), o);
        assertFalse(o.contains("alert"));
        assertTrue(o.contains(" x  |") || o.contains("x  |"), o);
        assertTrue(o.contains("[figure: Pre-training loss, 2 traces (drawn in a notebook)]"));
        assertTrue(o.contains("[a 0.90] b"));
        assertFalse(o.contains("<script"), "no plotly.js on a console");
    }

    @Test
    void liveOutputPrintsItsThrottledProgressLines() {
        AtomicLong nanos = new AtomicLong();
        Show.Live live = new Show.Live(text, Duration.ofMillis(500), nanos::get);
        for (int step = 1; step <= 10; step++) {
            live.update(null, "step " + step);
            nanos.addAndGet(100_000_000L);
        }
        live.close();
        assertEquals("step 1\nstep 6\nstep 10\n", out());
    }
}
