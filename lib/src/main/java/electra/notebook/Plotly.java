package electra.notebook;

import tech.tablesaw.plotly.components.Figure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * HTML for Tablesaw figures drawn by plotly.js 2.35.3 read from the classpath
 * (webjar {@code org.webjars.npm:plotly.js-dist}), without a CDN.
 *
 * <p>The library is one inline script, sent once per kernel session ({@link #libraryHtml()}); each
 * figure is a div plus a script that waits for {@code window.Plotly} ({@link #figureHtml}). Both
 * work with and without an AMD loader: classic Notebook and nbconvert's HTML export load
 * require.js, and plotly.js's UMD header then registers an anonymous AMD module instead of
 * setting {@code window.Plotly} (in the export also "Mismatched anonymous define()"). The library
 * is evaluated inside a function whose parameters {@code define}, {@code module} and
 * {@code exports} are undefined, so the header falls through to {@code root.Plotly = factory()},
 * with no change to the page's globals.
 */
final class Plotly {
    static final String VERSION = "2.35.3";
    static final String RESOURCE = "META-INF/resources/webjars/plotly.js-dist/" + VERSION + "/plotly.js";
    /** Marks the include, for tests and for a reader of the exported HTML. */
    static final String LIBRARY_MARKER = "electra: plotly.js " + VERSION;
    static final String AMD_GUARD = "(function (define, module, exports) {";

    private static final String SESSION = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    private static final AtomicLong FIGURES = new AtomicLong();
    private static final Pattern END_SCRIPT = Pattern.compile("</(script)", Pattern.CASE_INSENSITIVE);

    private Plotly() {}

    /** The library as one script element (about 10.8 MB). */
    static String libraryHtml() {
        String source = END_SCRIPT.matcher(ascii(readLibrary())).replaceAll("<\\\\/$1");
        return "<script type=\"text/javascript\">\n"
                + "/* " + LIBRARY_MARKER + " (MIT licence), from the classpath, sent once per kernel session.\n"
                + "   AMD guard: define/module/exports are undefined parameters while the library runs, so that\n"
                + "   with require.js present (classic Notebook, nbconvert HTML) it still sets window.Plotly. */\n"
                + AMD_GUARD + "\n"
                + "if (window.Plotly) { return; }\n"
                + source
                + "\n}).call(window);\n"
                + "</script>\n";
    }

    /**
     * The library in ASCII, so that it also runs on a page read as windows-1252 (nbconvert's
     * "basic" template declares no charset; d3 inside plotly.js names variables ε, π, τ):
     * U+FEFF, which plotly.js 2.35.3 has as white space between statements, becomes a space;
     * every other non-ASCII character becomes a {@code \\uXXXX} escape, which means the same in
     * identifiers, strings, regular expressions and comments. (Non-ASCII white space elsewhere in
     * code would not survive this; 2.35.3 has none, and ShowPlotlyTest checks the output.)
     */
    static String ascii(String js) {
        StringBuilder out = new StringBuilder(js.length() + 4096);
        for (int i = 0; i < js.length(); i++) {
            char c = js.charAt(i);
            if (c < 0x80) {
                out.append(c);
            } else if (c == '\ufeff') {
                out.append(' ');
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    private static String readLibrary() {
        ClassLoader[] loaders = {Plotly.class.getClassLoader(), Thread.currentThread().getContextClassLoader()};
        for (ClassLoader loader : loaders) {
            if (loader == null) continue;
            try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
                if (in != null) return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
        }
        throw new IllegalStateException("plotly.js " + VERSION + " is not on the classpath (" + RESOURCE
                + "): add org.webjars.npm:plotly.js-dist:" + VERSION);
    }

    /** A fresh element id, unique across figures and kernel sessions (also a JS identifier part). */
    static String newId() {
        return "electra_fig_" + SESSION + "_" + FIGURES.incrementAndGet();
    }

    /** The figure's div and a script that draws it as soon as {@code window.Plotly} exists. */
    static String figureHtml(Figure figure, String id) {
        String js = figure.asJavascript(id);
        int open = js.indexOf("<script");
        int close = js.lastIndexOf("</script>");
        if (open >= 0 && close > open) js = js.substring(js.indexOf('>', open) + 1, close);
        js = js.replace("document.getElementById('" + id + "')", "target");
        return figure.divString(id).strip() + "\n"
                + "<script type=\"text/javascript\">\n"
                + "(function () {\n"
                + "  var id = '" + id + "', tries = 0;\n"
                + "  function draw() {\n"
                + "    var target = document.getElementById(id);\n"
                + "    if (window.Plotly && target) {\n"
                + js.strip() + "\n"
                + "      return;\n"
                + "    }\n"
                + "    if (++tries < 1200) { setTimeout(draw, 50); return; }\n"
                + "    if (target) target.textContent = 'plotly.js did not load within 60 s: run Show.resetPlotly()"
                + " and this cell again';\n"
                + "  }\n"
                + "  draw();\n"
                + "})();\n"
                + "</script>\n";
    }

    static String figureText(Figure figure) {
        String title = figure.getLayout() == null ? null : figure.getLayout().getTitle();
        int traces = figure.getTraces() == null ? 0 : figure.getTraces().length;
        return "[figure" + (title == null || title.isEmpty() ? "" : ": " + title) + ", " + traces
                + (traces == 1 ? " trace" : " traces") + " (drawn in a notebook)]";
    }
}
