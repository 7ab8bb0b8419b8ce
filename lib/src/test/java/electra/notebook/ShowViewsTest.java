package electra.notebook;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;

import static electra.notebook.ShowPlotlyTest.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShowViewsTest {
    private final Recorder rec = new Recorder();

    @BeforeEach
    void useRecorder() {
        Show.useKernel(rec);
    }

    @AfterEach
    void forget() {
        Show.useKernel(null);
    }

    @Test
    void tableShowsCaptionHeaderAndEscapedCells() {
        Table t = Table.create("tokens <&>", StringColumn.create("token", "<b>", "a&b"), IntColumn.create("id", 7, 8));
        Show.table(t);
        String h = rec.displays.get(0).html();
        assertTrue(h.contains("tokens &lt;&amp;&gt;"));
        assertTrue(h.contains("2 rows &times; 2 columns"));
        assertTrue(h.contains(">&lt;b&gt;</td>") && h.contains(">a&amp;b</td>"));
        assertTrue(h.contains("text-align:right\">id</th>"), "numbers align right");
        assertFalse(h.contains("more rows"));
    }

    @Test
    void doublesShowSixSignificantDigits() {
        assertEquals("6.94856", HtmlViews.number(6.948558895221325));
        assertEquals("0.25", HtmlViews.number(0.25));
        assertEquals("3", HtmlViews.number(3.0));
        assertEquals("-1234.57", HtmlViews.number(-1234.5678));
        assertEquals("1.23457e-7", HtmlViews.number(1.234567e-7));
        assertEquals("NaN", HtmlViews.number(Double.NaN));
        String h = Show.tableHtml(Table.create("t", DoubleColumn.create("loss", 0.7629447130151029, Double.NaN)), 5);
        assertTrue(h.contains(">0.762945</td>"), h);
        assertTrue(h.contains("\"></td>"), "missing is empty");
    }

    @Test
    void longTablesShowHeadAndTail() {
        int[] ids = new int[100];
        for (int i = 0; i < ids.length; i++) ids[i] = i;
        String h = Show.tableHtml(Table.create("t", IntColumn.create("i", ids)), 10);
        assertTrue(h.contains(">0</td>") && h.contains(">4</td>") && h.contains(">95</td>") && h.contains(">99</td>"));
        assertFalse(h.contains(">5</td>") || h.contains(">94</td>"));
        assertTrue(h.contains("90 more rows"));
        assertEquals(10, count(h, "<td style"), "10 rows");
        assertEquals(1, count(h, "<td colspan"), "and the gap");
    }

    @Test
    void tokensAreColouredByScoreWithTooltips() {
        List<String> toks = List.of("the", "chef", "ate", "the", "##n", "<meal>");
        float[] p = {0.01f, 0.2f, 0.93f, 0f, 1.4f, 0.5f};
        boolean[] replaced = {false, false, true, false, false, false};
        Show.tokens(toks, p, replaced, "p(replaced)");
        String h = rec.displays.get(0).html();
        assertEquals(6, count(h, "<span title="));
        assertTrue(h.contains("title=\"ate: 0.930 (marked)\""), h);
        assertTrue(h.contains("rgba(214,39,40,0.930)"));
        assertTrue(h.contains("rgba(214,39,40,1.000)"), "scores are clamped to 1");
        assertTrue(h.contains("&lt;meal&gt;") && !h.contains("<meal>"));
        assertTrue(h.contains("<span title=\"##n: 1.400\""), "word pieces keep their raw form in the tooltip");
        assertTrue(h.contains(">n</span>") && !h.contains(" <span title=\"##n"), "and join the token before");
        assertTrue(h.contains("border-bottom:3px solid"));
        assertTrue(h.contains(">p(replaced)</div>"));
        assertEquals("p(replaced)\nthe chef [*ate 0.93] the [##n 1.40] [<meal> 0.50]", rec.displays.get(0).text());
    }

    @Test
    void tokensNeedOneScorePerToken() {
        assertThrows(IllegalArgumentException.class, () -> Show.tokens(List.of("a", "b"), new float[] {0.1f}));
        assertThrows(IllegalArgumentException.class,
                () -> Show.tokens(List.of("a"), new float[] {0.1f}, new boolean[] {true, false}));
    }

    @Test
    void textIsEscapedAndHtmlPassesThrough() {
        Show.text("a < b");
        Show.html("<b>bold</b>");
        assertEquals("<pre style=\"margin:0\">a &lt; b</pre>", rec.displays.get(0).html());
        assertEquals("<b>bold</b>", rec.displays.get(1).html());
        assertEquals("bold", rec.displays.get(1).text());
    }
}
