package electra.notebook;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChartsTest {

    @Test
    void lineFromTableSkipsMissingPoints() {
        Table t = Table.create("m", IntColumn.create("step", 10, 20, 30), DoubleColumn.create("disc_loss", 0.6, Double.NaN, 0.4));
        Charts.Line l = Charts.Line.of("disc", t, "step", "disc_loss");
        assertArrayEquals(new double[] {10, 30}, l.x());
        assertArrayEquals(new double[] {0.6, 0.4}, l.y());
    }

    @Test
    void linesFigureHasTitleAxisLabelsAndADashedReference() {
        Table t = Table.create("m", IntColumn.create("step", 1, 2), DoubleColumn.create("disc_loss", 0.6, 0.5));
        Figure f = Charts.lines("Discriminator loss", "step", "binary cross-entropy",
                Charts.Line.of("disc_loss", t, "step", "disc_loss"), Charts.Line.horizontal("H(p)", 0.42, 1, 2));
        String js = f.asJavascript("fig");
        assertEquals(2, f.getTraces().length);
        assertTrue(js.contains("Discriminator loss") && js.contains("binary cross-entropy") && js.contains("step"), js);
        assertTrue(js.contains("dash"), "the reference line is dashed");
        assertTrue(js.contains("H(p)"));
    }

    @Test
    void barsOfSeveralGroupsKeepCategoriesAsText() {
        Map<String, double[]> groups = new LinkedHashMap<>();
        groups.put("T = 1", new double[] {0.5, 0.2});
        groups.put("T = 2", new double[] {0.3, 0.25});
        Figure f = Charts.bars("Samples", "token", "probability", List.of("1990", "the"), groups);
        String js = f.asJavascript("fig");
        assertEquals(2, f.getTraces().length);
        assertTrue(js.contains("category"), "x axis is categorical");
        assertThrows(IllegalArgumentException.class,
                () -> Charts.bars("x", "a", "b", List.of("one"), Map.of("g", new double[] {1, 2})));
    }

    @Test
    void colouredBarsNeedOneColourPerBar() {
        Figure f = Charts.bars("Per-token loss", "token", "bce", List.of("1 the", "2 chef"), new double[] {0.1, 2.3},
                new String[] {"#999999", "#d62728"});
        assertTrue(f.asJavascript("fig").contains("#d62728"));
        assertThrows(IllegalArgumentException.class,
                () -> Charts.bars("x", "a", "b", List.of("one"), new double[] {1}, new String[0]));
    }
}
