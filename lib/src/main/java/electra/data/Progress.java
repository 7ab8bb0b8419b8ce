package electra.data;

/** One-line progress messages of the data layer, on standard error; {@code -Delectra.quiet=true} silences them. */
final class Progress {

    private static volatile boolean quiet = Boolean.getBoolean("electra.quiet");

    private Progress() {}

    static void setQuiet(boolean q) {
        quiet = q;
    }

    static void log(String message) {
        if (!quiet) {
            System.err.println("[data] " + message);
        }
    }
}
