package electra.notebook;

import org.junit.jupiter.api.Test;
import tech.tablesaw.plotly.components.Figure;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static electra.notebook.ShowPlotlyTest.count;
import static electra.notebook.ShowPlotlyTest.losses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShowLiveTest {
    private final AtomicLong nanos = new AtomicLong();

    private void advanceMillis(long ms) {
        nanos.addAndGet(ms * 1_000_000L);
    }

    @Test
    void updatesReplaceOneOutputAtMostEveryInterval() {
        Recorder rec = new Recorder();
        Show.useKernel(rec);
        try {
            Figure f = Show.lineChart(losses(), "step", "Loss", "loss", "generator");
            Show.Live live = new Show.Live(rec, Duration.ofMillis(500), nanos::get);
            assertEquals(1, rec.displays.size(), "a placeholder with a display id");
            String id = rec.displays.get(0).id();

            live.update(f, "step 1");            // first: shown at once
            advanceMillis(100);
            live.update(f, "step 2");            // held back
            advanceMillis(100);
            live.update(f, "step 3");            // held back
            advanceMillis(400);
            live.update(f, "step 4");            // 600 ms after step 1: shown
            advanceMillis(10);
            live.update("step 5");               // held back, keeps the chart
            live.close();                        // shows step 5

            assertEquals(3, live.refreshes());
            assertEquals(3, rec.updates.size());
            rec.updates.forEach(u -> assertEquals(id, u.id()));
            assertTrue(rec.updates.get(0).html().contains("step 1"));
            assertTrue(rec.updates.get(1).html().contains("step 4"));
            assertTrue(rec.updates.get(2).html().contains("step 5"));
            assertTrue(rec.updates.get(2).html().contains("Plotly.newPlot"), "the chart stays");
            assertEquals(1, count(rec.allHtml(), Plotly.LIBRARY_MARKER), "plotly.js once, outside the live output");
            assertEquals(2, rec.displays.size(), "placeholder, then the library");
            assertEquals(0, count(rec.updates.get(0).html(), Plotly.LIBRARY_MARKER));
        } finally {
            Show.useKernel(null);
        }
    }

    @Test
    void closeWithNothingPendingShowsNothingMore() {
        Recorder rec = new Recorder();
        Show.Live live = new Show.Live(rec, Duration.ofSeconds(1), nanos::get);
        live.update("only");
        live.close();
        assertEquals(1, rec.updates.size());
    }
}
