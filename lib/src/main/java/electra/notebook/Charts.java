package electra.notebook;

import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.BarTrace;
import tech.tablesaw.plotly.traces.HeatmapTrace;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The notebooks' charts beyond {@link Show#lineChart}: one line per group of a long table (runs
 * logged at different x), grouped bars, and a heatmap of counts. Every figure has a title and axis
 * labels; show it with {@link Show#figure}.
 */
public final class Charts {

    private Charts() {}

    /**
     * One line of {@code y} against {@code x} per distinct value of the string column {@code group},
     * in order of first appearance; rows with a missing {@code y} are left out.
     */
    public static Figure linesByGroup(Table table, String group, String x, String y, String title, String xLabel,
                                      String yLabel) {
        List<Trace> traces = new ArrayList<>();
        for (String g : new java.util.LinkedHashSet<>(table.stringColumn(group).asList())) {
            Table rows = table.where(table.stringColumn(group).isEqualTo(g).and(table.numberColumn(y).isNotMissing()));
            if (rows.rowCount() == 0) {
                continue;
            }
            traces.add(ScatterTrace.builder(rows.numberColumn(x).asDoubleArray(), rows.numberColumn(y).asDoubleArray())
                    .mode(ScatterTrace.Mode.LINE_AND_MARKERS).name(g).showLegend(true).build());
        }
        return new Figure(layout(title, xLabel, yLabel).build(), traces.toArray(new Trace[0]));
    }

    /** Bars of each series over the same categories, side by side. */
    public static Figure groupedBars(String title, String xLabel, String yLabel, List<String> categories,
                                     Map<String, double[]> series) {
        List<Trace> traces = new ArrayList<>();
        Object[] x = categories.toArray();
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            if (e.getValue().length != x.length) {
                throw new IllegalArgumentException("series " + e.getKey() + ": " + e.getValue().length + " values for "
                        + x.length + " categories");
            }
            traces.add(BarTrace.builder(x, e.getValue()).name(e.getKey()).showLegend(true).build());
        }
        return new Figure(layout(title, xLabel, yLabel).barMode(Layout.BarMode.GROUP).build(), traces.toArray(new Trace[0]));
    }

    /** One series of bars. */
    public static Figure bars(String title, String xLabel, String yLabel, List<String> categories, double[] values) {
        Map<String, double[]> one = new LinkedHashMap<>();
        one.put(yLabel, values);
        return groupedBars(title, xLabel, yLabel, categories, one);
    }

    /**
     * A confusion matrix as a heatmap: rows are gold labels, columns predicted ones
     * ({@code counts[gold][predicted]}, as {@code ClassificationMetrics.confusion}).
     */
    public static Figure confusion(String title, List<String> labels, long[][] counts) {
        int n = labels.size();
        double[][] z = new double[n][n];
        for (int g = 0; g < n; g++) {
            for (int p = 0; p < n; p++) {
                z[g][p] = counts[g][p];
            }
        }
        Object[] names = labels.toArray();
        Layout layout = layout(title, "predicted", "gold").height(360).width(460).build();
        return new Figure(layout, HeatmapTrace.builder(names, names, z).build());
    }

    private static Layout.LayoutBuilder layout(String title, String xLabel, String yLabel) {
        return Layout.builder(title)
                .xAxis(Axis.builder().title(xLabel).build())
                .yAxis(Axis.builder().title(yLabel).build())
                .height(420).width(760);
    }
}
