package electra.notebook;

import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Notebook output: tables, Plotly figures, scored tokens, HTML, text, and a live display for
 * training loops.
 *
 * <pre>{@code
 * Show.table(metrics);
 * Show.figure(Show.lineChart(metrics, "step", "Pre-training loss", "loss", "generator", "discriminator"));
 * Show.tokens(tokens, pReplaced, replaced, "p(replaced) per token");
 * try (Show.Live live = Show.live()) {
 *     for (int step = 1; step <= steps; step++) {
 *         ...
 *         live.update(Show.lineChart(log, "step", "Loss", "loss", "total"), "step " + step + "/" + steps);
 *     }
 * }
 * }</pre>
 *
 * <p>The kernel (rapaio-jupyter-kernel, JJava or IJava) is found at first use; elsewhere (plain JVM,
 * CLI, tests) everything prints as text. Figures are drawn by plotly.js {@value Plotly#VERSION} from
 * the classpath, sent with the first figure of a kernel session (about 10.8 MB in the notebook):
 * no CDN, so executed notebooks and their HTML export work offline.
 */
public final class Show {
    /** Rows a table shows by default (the first and last half when there are more). */
    public static final int DEFAULT_ROWS = 20;
    /** The default minimum time between two refreshes of a {@link Live} display. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(500);

    private static Kernel kernel;
    private static boolean plotlySent;

    private Show() {}

    private static synchronized Kernel kernel() {
        if (kernel == null) kernel = Kernel.detect();
        return kernel;
    }

    /** For tests: send output to {@code k} (null: detect again) and forget that plotly.js was sent. */
    static synchronized void useKernel(Kernel k) {
        kernel = k;
        plotlySent = false;
    }

    /** The kernel in use: "rapaio", "jjava", "ijava", or "text" outside Jupyter. */
    public static String kernelName() {
        return kernel().name();
    }

    /** Plain text (preformatted in a notebook). */
    public static void text(String text) {
        String t = text == null ? "null" : text;
        kernel().display("<pre style=\"margin:0\">" + HtmlViews.escape(t) + "</pre>", t);
    }

    /** An HTML fragment; outside a notebook its text, roughly. */
    public static void html(String html) {
        kernel().display(html, HtmlViews.toText(html));
    }

    /** A table, at most {@value #DEFAULT_ROWS} rows of it. */
    public static void table(Table table) {
        table(table, DEFAULT_ROWS);
    }

    /** A table, at most {@code maxRows} rows of it: the first and last ones when it has more. */
    public static void table(Table table, int maxRows) {
        if (maxRows < 1) throw new IllegalArgumentException("maxRows < 1: " + maxRows);
        kernel().display(tableHtml(table, maxRows), HtmlViews.tableText(table, maxRows));
    }

    /** The HTML that {@link #table(Table, int)} shows. */
    public static String tableHtml(Table table, int maxRows) {
        return HtmlViews.tableHtml(Objects.requireNonNull(table, "table"), maxRows);
    }

    /** A Tablesaw figure drawn with Plotly; plotly.js goes out first if this session has not sent it yet. */
    public static void figure(Figure figure) {
        Kernel k = kernel();
        if (!k.rendersHtml()) {
            k.display(null, Plotly.figureText(figure));
            return;
        }
        ensurePlotly(k);
        k.display(figureHtml(figure), Plotly.figureText(figure));
    }

    /**
     * A figure's div and a script that draws it once {@code window.Plotly} exists; without
     * plotly.js itself ({@link #plotlyLibraryHtml()}).
     */
    public static String figureHtml(Figure figure) {
        return Plotly.figureHtml(Objects.requireNonNull(figure, "figure"), Plotly.newId());
    }

    /**
     * plotly.js as one script element, safe with and without require.js on the page; for HTML pages
     * built outside a notebook (a notebook gets it from {@link #figure} on its own).
     */
    public static String plotlyLibraryHtml() {
        return Plotly.libraryHtml();
    }

    /**
     * Makes the next figure send plotly.js again: after the output that carried it was cleared
     * and the page reloaded (figures then say "plotly.js did not load").
     */
    public static synchronized void resetPlotly() {
        plotlySent = false;
    }

    private static synchronized void ensurePlotly(Kernel k) {
        if (plotlySent) return;
        k.display(Plotly.libraryHtml(), "");
        plotlySent = true;
    }

    /**
     * Lines of {@code ys} against {@code x}, one per column, with a title and axis labels. Rows
     * where a y value is missing are left out of that line (for metrics logged at different steps).
     */
    public static Figure lineChart(Table table, String x, String title, String yLabel, String... ys) {
        if (ys.length == 0) throw new IllegalArgumentException("no y columns");
        Trace[] traces = new Trace[ys.length];
        for (int i = 0; i < ys.length; i++) {
            String y = ys[i];
            Table rows = table.where(table.numberColumn(y).isNotMissing());
            traces[i] = ScatterTrace.builder(rows.column(x), rows.numberColumn(y))
                    .mode(ScatterTrace.Mode.LINE).name(y).showLegend(ys.length > 1).build();
        }
        Layout layout = Layout.builder(title)
                .xAxis(Axis.builder().title(x).build())
                .yAxis(Axis.builder().title(yLabel).build())
                .height(420).width(760)
                .build();
        return new Figure(layout, traces);
    }

    /** Tokens coloured by score in [0, 1], e.g. the discriminator's p(replaced); hover shows the value. */
    public static void tokens(List<String> tokens, float[] scores) {
        tokens(tokens, scores, null, null);
    }

    /** Same, with the tokens where {@code marked} is true underlined (e.g. those actually replaced). */
    public static void tokens(List<String> tokens, float[] scores, boolean[] marked) {
        tokens(tokens, scores, marked, null);
    }

    /** Same, with a caption above (null for none); {@code marked} may be null. */
    public static void tokens(List<String> tokens, float[] scores, boolean[] marked, String caption) {
        kernel().display(tokensHtml(tokens, scores, marked, caption),
                HtmlViews.tokensText(tokens, scores, marked, caption));
    }

    /** The HTML that {@link #tokens(List, float[], boolean[], String)} shows. */
    public static String tokensHtml(List<String> tokens, float[] scores, boolean[] marked, String caption) {
        return HtmlViews.tokensHtml(tokens, scores, marked, caption);
    }

    /** A live display refreshed at most every {@link #DEFAULT_INTERVAL}. */
    public static Live live() {
        return live(DEFAULT_INTERVAL);
    }

    /** A live display refreshed at most every {@code minInterval}. */
    public static Live live(Duration minInterval) {
        return new Live(kernel(), minInterval, System::nanoTime);
    }

    /**
     * One output that is replaced in place (Jupyter's update_display_data), for a chart and a
     * progress line that change during a training loop. Updates closer together than the interval
     * are held back, except the last one, which {@link #close()} shows. Outside a notebook each
     * shown update prints its progress line.
     */
    public static final class Live implements AutoCloseable {
        private final Kernel kernel;
        private final long intervalNanos;
        private final LongSupplier clock;
        private final String id;
        private Figure figure;
        private String line = "";
        private boolean pending;
        private boolean shownOnce;
        private long lastShown;
        private int shown;

        Live(Kernel kernel, Duration minInterval, LongSupplier clock) {
            this.kernel = kernel;
            this.intervalNanos = minInterval.toNanos();
            this.clock = clock;
            this.id = kernel.rendersHtml()
                    ? kernel.display("<div class=\"electra-live\" style=\"color:#666\">starting&hellip;</div>", "")
                    : null;
        }

        /** Sets the chart and the progress line; shown now unless the last refresh is too recent. */
        public synchronized void update(Figure figure, String progressLine) {
            if (figure != null) this.figure = figure;
            this.line = progressLine == null ? "" : progressLine;
            pending = true;
            long now = clock.getAsLong();
            if (!shownOnce || now - lastShown >= intervalNanos) flush(now);
        }

        /** Sets the progress line, keeping the last chart. */
        public void update(String progressLine) {
            update(null, progressLine);
        }

        /** How many refreshes reached the output so far. */
        public synchronized int refreshes() {
            return shown;
        }

        /** Shows the last update if it was held back. */
        @Override
        public synchronized void close() {
            if (pending) flush(clock.getAsLong());
        }

        private void flush(long now) {
            pending = false;
            shownOnce = true;
            lastShown = now;
            shown++;
            if (!kernel.rendersHtml()) {
                kernel.display(null, line);
                return;
            }
            StringBuilder html = new StringBuilder();
            if (figure != null) {
                ensurePlotly(kernel);
                html.append(figureHtml(figure));
            }
            html.append("<div class=\"electra-progress\" style=\"font-family:monospace;white-space:pre\">")
                    .append(HtmlViews.escape(line)).append("</div>");
            String text = figure == null ? line : Plotly.figureText(figure) + "\n" + line;
            if (id != null) {
                kernel.update(id, html.toString(), text);
            } else {
                kernel.display(html.toString(), text);
            }
        }
    }
}
