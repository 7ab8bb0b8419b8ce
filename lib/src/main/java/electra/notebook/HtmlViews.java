package electra.notebook;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;

/** HTML and text renderings of tables and scored tokens; no kernel involved. */
final class HtmlViews {
    private HtmlViews() {}

    static String escape(String s) {
        if (s == null) return "";
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Rough text of an HTML fragment, for outputs that cannot show HTML. */
    static String toText(String html) {
        String s = html.replaceAll("(?is)<(script|style)\\b.*?</\\1>", "")
                .replaceAll("(?i)<br\\s*/?>|</(p|div|tr|h[1-6]|li|caption)>", "\n")
                .replaceAll("(?i)</t[dh]>", "\t")
                .replaceAll("<[^>]*>", "")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&nbsp;", " ").replace("&amp;", "&");
        return s.replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    }

    // ---- tables ---------------------------------------------------------------------------

    /** The first and last rows when there are more than {@code maxRows}. */
    static String tableHtml(Table t, int maxRows) {
        int rows = t.rowCount();
        int cols = t.columnCount();
        boolean cut = rows > maxRows;
        int head = cut ? (maxRows + 1) / 2 : rows;
        int tail = cut ? maxRows / 2 : 0;
        StringBuilder h = new StringBuilder(256 + 48 * Math.min(rows, maxRows) * Math.max(cols, 1));
        h.append("<div class=\"electra-table\" style=\"overflow-x:auto\">\n")
                .append("<table style=\"border-collapse:collapse;font-size:13px;font-variant-numeric:tabular-nums\">\n")
                .append("<caption style=\"caption-side:top;text-align:left;font-weight:bold;padding:2px 0\">")
                .append(escape(t.name() == null ? "" : t.name()))
                .append(" <span style=\"font-weight:normal;color:#666\">")
                .append(rows).append(rows == 1 ? " row" : " rows").append(" &times; ")
                .append(cols).append(cols == 1 ? " column" : " columns").append("</span></caption>\n<thead><tr>");
        for (Column<?> c : t.columns()) {
            h.append("<th style=\"border-bottom:1px solid #999;padding:2px 8px;text-align:")
                    .append(c instanceof NumericColumn ? "right" : "left").append("\">")
                    .append(escape(c.name())).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < head; r++) row(h, t, r);
        if (cut) {
            h.append("<tr><td colspan=\"").append(Math.max(cols, 1))
                    .append("\" style=\"padding:2px 8px;color:#666;text-align:center\">&hellip; ")
                    .append(rows - head - tail).append(" more rows &hellip;</td></tr>\n");
            for (int r = rows - tail; r < rows; r++) row(h, t, r);
        }
        return h.append("</tbody></table></div>\n").toString();
    }

    private static void row(StringBuilder h, Table t, int r) {
        h.append("<tr>");
        for (Column<?> c : t.columns()) {
            h.append("<td style=\"padding:2px 8px;border-bottom:1px solid #eee;text-align:")
                    .append(c instanceof NumericColumn ? "right" : "left").append("\">")
                    .append(escape(cell(c, r))).append("</td>");
        }
        h.append("</tr>\n");
    }

    /** Doubles and floats with 6 significant digits (Tablesaw prints all 17); the rest as Tablesaw does. */
    static String cell(Column<?> c, int r) {
        if (c.isMissing(r)) return "";
        if (c instanceof DoubleColumn d) return number(d.getDouble(r));
        if (c instanceof FloatColumn f) return number(f.getFloat(r));
        return c.getString(r);
    }

    static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return Double.toString(v);
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e15) {
            return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
        }
        String[] parts = String.format(Locale.ROOT, "%.5e", v).split("e");
        String mantissa = parts[0].contains(".") ? parts[0].replaceAll("0+$", "").replaceAll("\\.$", "") : parts[0];
        return mantissa + "e" + Integer.parseInt(parts[1]);
    }

    static String tableText(Table t, int maxRows) {
        return t.rowCount() <= maxRows ? t.printAll() : t.print(maxRows) + "\n... " + t.rowCount() + " rows";
    }

    // ---- scored tokens --------------------------------------------------------------------

    static void checkTokens(List<String> tokens, float[] scores, boolean[] marked) {
        if (tokens.size() != scores.length) {
            throw new IllegalArgumentException(tokens.size() + " tokens but " + scores.length + " scores");
        }
        if (marked != null && marked.length != scores.length) {
            throw new IllegalArgumentException(tokens.size() + " tokens but " + marked.length + " marks");
        }
    }

    private static float clamp(float v) {
        return Float.isNaN(v) ? 0f : Math.max(0f, Math.min(1f, v));
    }

    /**
     * One span per token on a red background whose opacity is the score (clamped to [0, 1]), with
     * the value as tooltip; marked tokens are underlined. Word pieces ("##ing") join the token before.
     */
    static String tokensHtml(List<String> tokens, float[] scores, boolean[] marked, String caption) {
        checkTokens(tokens, scores, marked);
        StringBuilder h = new StringBuilder(128 + 160 * tokens.size());
        h.append("<div class=\"electra-tokens\" style=\"font-family:monospace;font-size:14px;line-height:2.1\">\n");
        if (caption != null && !caption.isEmpty()) {
            h.append("<div style=\"font-family:sans-serif;font-weight:bold;line-height:1.4\">")
                    .append(escape(caption)).append("</div>\n");
        }
        for (int i = 0; i < tokens.size(); i++) {
            String tok = tokens.get(i) == null ? "" : tokens.get(i);
            boolean piece = tok.startsWith("##") && tok.length() > 2 && i > 0;
            float p = clamp(scores[i]);
            boolean mark = marked != null && marked[i];
            h.append(piece ? "" : " ")
                    .append("<span title=\"").append(escape(tok)).append(": ")
                    .append(String.format(Locale.ROOT, "%.3f", scores[i]))
                    .append(mark ? " (marked)" : "").append("\" style=\"background:rgba(214,39,40,")
                    .append(String.format(Locale.ROOT, "%.3f", p)).append(");color:")
                    .append(p > 0.6f ? "#fff" : "#000").append(";padding:2px 1px;border-radius:3px")
                    .append(mark ? ";border-bottom:3px solid #1f4e9c" : "").append("\">")
                    .append(escape(piece ? tok.substring(2) : tok)).append("</span>");
        }
        h.append("\n<div style=\"font-family:sans-serif;font-size:12px;color:#555;line-height:1.6\">")
                .append("background: score from 0 <span style=\"background:linear-gradient(to right,")
                .append("rgba(214,39,40,0),rgba(214,39,40,1));display:inline-block;width:80px;height:10px\">")
                .append("</span> 1")
                .append(marked != null ? "; underlined: marked" : "")
                .append("; hover for the value</div>\n</div>\n");
        return h.toString();
    }

    /** Tokens with a score of at least 0.5 as {@code [token 0.93]}, marked ones with a {@code *}. */
    static String tokensText(List<String> tokens, float[] scores, boolean[] marked, String caption) {
        checkTokens(tokens, scores, marked);
        StringBuilder s = new StringBuilder();
        if (caption != null && !caption.isEmpty()) s.append(caption).append('\n');
        for (int i = 0; i < tokens.size(); i++) {
            String tok = tokens.get(i) == null ? "" : tokens.get(i);
            if (i > 0) s.append(' ');
            String shown = (marked != null && marked[i] ? "*" : "") + tok;
            if (scores[i] >= 0.5f) {
                s.append('[').append(shown).append(String.format(Locale.ROOT, " %.2f", scores[i])).append(']');
            } else {
                s.append(shown);
            }
        }
        return s.toString();
    }
}
