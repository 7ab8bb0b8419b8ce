package electra.notebook;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShowPlotlyTest {
    private final Recorder rec = new Recorder();

    @BeforeEach
    void useRecorder() {
        Show.useKernel(rec);
    }

    @AfterEach
    void forget() {
        Show.useKernel(null);
    }

    static Table losses() {
        return Table.create("losses",
                IntColumn.create("step", 1, 2, 3, 4),
                DoubleColumn.create("generator", 6.1, 5.2, 4.8, 4.1),
                DoubleColumn.create("discriminator", 0.69, Double.NaN, 0.41, 0.30));
    }

    static int count(String haystack, String needle) {
        return haystack.split(Pattern.quote(needle), -1).length - 1;
    }

    @Test
    void plotlyIsSentOnceForTwoFiguresAndBeforeThem() {
        Show.figure(Show.lineChart(losses(), "step", "Pre-training loss", "loss", "generator", "discriminator"));
        Show.figure(Show.lineChart(losses(), "step", "Discriminator loss", "loss", "discriminator"));

        assertEquals(3, rec.displays.size(), "library, figure, figure");
        assertEquals(1, count(rec.allHtml(), Plotly.LIBRARY_MARKER));
        assertEquals(1, count(rec.allHtml(), "plotly.js v" + Plotly.VERSION), "the library's own header, once");
        assertTrue(rec.displays.get(0).html().contains(Plotly.LIBRARY_MARKER), "the library comes first");
        assertFalse(rec.displays.get(1).html().contains(Plotly.LIBRARY_MARKER));
        assertFalse(rec.displays.get(2).html().contains(Plotly.LIBRARY_MARKER));
    }

    @Test
    void libraryRunsWithAmdLoadersHidden() {
        String lib = Show.plotlyLibraryHtml();
        assertTrue(lib.startsWith("<script type=\"text/javascript\">"));
        assertTrue(lib.contains(Plotly.AMD_GUARD), "define, module, exports shadowed by parameters");
        assertTrue(lib.contains("if (window.Plotly) { return; }"));
        assertTrue(lib.strip().endsWith("}).call(window);\n</script>"));
        assertEquals(1, count(lib.toLowerCase(), "</script"), "nothing inside may close the script element");
        assertTrue(lib.length() > 5_000_000, "the whole library, inline: " + lib.length());
    }

    @Test
    void libraryIsAsciiSoThatPagesWithoutACharsetRunIt() {
        String lib = Show.plotlyLibraryHtml();
        assertTrue(lib.chars().allMatch(c -> c < 0x80), "pure ASCII");
        assertTrue(lib.contains("var \\u03b5 = 1e-6"), "d3's identifier \u03b5, escaped");
        assertEquals("a \\u03c0 'b\\u00a0' c", Plotly.ascii("a \u03c0 'b\u00a0'\ufeffc"));
    }

    @Test
    void figuresCarryTitlesAxisLabelsAndWaitForPlotly() {
        Show.figure(Show.lineChart(losses(), "step", "Pre-training loss", "loss", "generator", "discriminator"));
        String fig = rec.displays.get(1).html();
        assertTrue(fig.contains("title: 'Pre-training loss'"), fig);
        assertTrue(fig.contains("title: 'step'"), "x axis label");
        assertTrue(fig.contains("title: 'loss'"), "y axis label");
        assertTrue(fig.contains("window.Plotly && target"), "draws only once plotly.js is there");
        assertTrue(fig.contains("setTimeout(draw, 50)"));
        assertTrue(fig.contains("Plotly.newPlot(target_"));
        assertFalse(fig.contains("document.getElementById('electra_fig"), "the target is looked up by the wrapper");
        assertEquals("[figure: Pre-training loss, 2 traces (drawn in a notebook)]", rec.displays.get(1).text());

        Matcher div = Pattern.compile("<div id='(electra_fig_\\w+)'").matcher(fig);
        assertTrue(div.find(), fig);
        assertTrue(fig.contains("var id = '" + div.group(1) + "'"));
    }

    @Test
    void figureIdsAreUnique() {
        Figure f = Show.lineChart(losses(), "step", "t", "loss", "generator");
        assertNotEquals(Show.figureHtml(f), Show.figureHtml(f));
    }

    @Test
    void resetPlotlySendsTheLibraryAgain() {
        Figure f = Show.lineChart(losses(), "step", "t", "loss", "generator");
        Show.figure(f);
        Show.figure(f);
        Show.resetPlotly();
        Show.figure(f);
        assertEquals(2, count(rec.allHtml(), Plotly.LIBRARY_MARKER));
    }

    @Test
    void lineChartLeavesOutMissingValuesPerLine() {
        Figure f = Show.lineChart(losses(), "step", "Losses", "loss", "generator", "discriminator");
        assertEquals(2, f.getTraces().length);
        assertEquals("Losses", f.getLayout().getTitle());
        String js = f.asJavascript("x");
        assertTrue(js.contains("name: 'generator'") && js.contains("name: 'discriminator'"));
        assertTrue(js.contains("x: [\"1\",\"3\",\"4\"]"), "step 2 has no discriminator loss: " + js);
        assertFalse(js.contains("NaN"));
    }
}
