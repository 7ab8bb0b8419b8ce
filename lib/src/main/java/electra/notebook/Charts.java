package electra.notebook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.BarTrace;
import tech.tablesaw.plotly.traces.HeatmapTrace;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

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
        return new Figure(layout(title, xLabel, yLabel, false).build(), traces.toArray(new Trace[0]));
    }

    /** One series of bars. */
    public static Figure bars(String title, String xLabel, String yLabel, List<String> categories, double[] values) {
        Map<String, double[]> one = new LinkedHashMap<>();
        one.put(yLabel, values);
        return bars(title, xLabel, yLabel, categories, one);
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
        Layout layout = layout(title, "predicted", "gold", false).height(360).width(460).build();
        return new Figure(layout, HeatmapTrace.builder(names, names, z).build());
    }

    // ---- line charts with reference lines (notebooks 01 and 02) ----


    /** One line of a {@link #lines} figure: its name in the legend, its points, and whether it is dashed. */
    public record Line(String name, double[] x, double[] y, boolean dashed) {
        public Line {
            if (x.length != y.length) {
                throw new IllegalArgumentException("line " + name + ": " + x.length + " x values but " + y.length + " y values");
            }
        }

        /** Column {@code y} against column {@code x} of {@code table}; rows where either is missing are left out. */
        public static Line of(String name, Table table, String x, String y) {
            NumericColumn<?> xs = table.numberColumn(x);
            NumericColumn<?> ys = table.numberColumn(y);
            List<double[]> points = new ArrayList<>();
            for (int i = 0; i < table.rowCount(); i++) {
                if (!xs.isMissing(i) && !ys.isMissing(i)) {
                    points.add(new double[] {xs.getDouble(i), ys.getDouble(i)});
                }
            }
            double[] px = new double[points.size()];
            double[] py = new double[points.size()];
            for (int i = 0; i < px.length; i++) {
                px[i] = points.get(i)[0];
                py[i] = points.get(i)[1];
            }
            return new Line(name, px, py, false);
        }

        /** A dashed horizontal line at {@code y} from {@code xFrom} to {@code xTo}: a reference value. */
        public static Line horizontal(String name, double y, double xFrom, double xTo) {
            return new Line(name, new double[] {xFrom, xTo}, new double[] {y, y}, true);
        }

        public Line asDashed() {
            return new Line(name, x, y, true);
        }
    }

    /** Lines, each with its own x values, in one figure. */
    public static Figure lines(String title, String xLabel, String yLabel, Line... lines) {
        if (lines.length == 0) {
            throw new IllegalArgumentException("no lines");
        }
        Trace[] traces = new Trace[lines.length];
        for (int i = 0; i < lines.length; i++) {
            Line l = lines[i];
            ScatterTrace.ScatterBuilder b = ScatterTrace.builder(l.x(), l.y())
                    .mode(ScatterTrace.Mode.LINE).name(l.name()).showLegend(lines.length > 1);
            if (l.dashed()) {
                b.line(tech.tablesaw.plotly.components.Line.builder()
                        .dash(tech.tablesaw.plotly.components.Line.Dash.DASH).build());
            }
            traces[i] = b.build();
        }
        return new Figure(layout(title, xLabel, yLabel, false).build(), traces);
    }

    /**
     * Bars for each category, one bar per group side by side (one group: plain bars). Categories
     * are drawn in the given order and as text, so "1990" stays a label; give repeated labels
     * distinct names (e.g. "3 the", "7 the"), or their bars are merged.
     *
     * @param groups group name to one value per category, in legend order
     */
    public static Figure bars(String title, String xLabel, String yLabel, List<String> categories, Map<String, double[]> groups) {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("no groups");
        }
        Object[] x = categories.toArray();
        List<Trace> traces = new ArrayList<>();
        groups.forEach((name, values) -> {
            if (values.length != x.length) {
                throw new IllegalArgumentException("group " + name + ": " + values.length + " values for " + x.length + " categories");
            }
            traces.add(BarTrace.builder(x, values).name(name).showLegend(groups.size() > 1).build());
        });
        return new Figure(layout(title, xLabel, yLabel, true).build(), traces.toArray(new Trace[0]));
    }

    /** One bar per category, each with its own colour (CSS colour names or #rrggbb). */
    public static Figure bars(String title, String xLabel, String yLabel, List<String> categories, double[] values,
                              String[] colours) {
        if (values.length != categories.size() || colours.length != values.length) {
            throw new IllegalArgumentException(categories.size() + " categories, " + values.length + " values, "
                    + colours.length + " colours");
        }
        Trace t = BarTrace.builder(categories.toArray(), values).name(yLabel).showLegend(false)
                .marker(Marker.builder().color(colours).build()).build();
        return new Figure(layout(title, xLabel, yLabel, true).build(), t);
    }

    private static Layout.LayoutBuilder layout(String title, String xLabel, String yLabel, boolean categoricalX) {
        Axis.AxisBuilder xAxis = Axis.builder().title(xLabel);
        if (categoricalX) {
            xAxis.type(Axis.Type.CATEGORY);
        }
        Layout.LayoutBuilder b = Layout.builder(title)
                .xAxis(xAxis.build())
                .yAxis(Axis.builder().title(yLabel).build())
                .height(420).width(760);
        return b; // bars of several groups stand side by side: plotly's default barmode is "group"
    }
}
