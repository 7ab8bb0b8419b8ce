package electra.train;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.UnaryOperator;

/**
 * Fault injection for tests of the training loop's guards; not for normal use. Each hook is a
 * system property or, when that is unset, an environment variable (the property wins), read
 * when it is used, so a test can set it for one run:
 *
 * <ul>
 *   <li>{@code electra.inject.nan.at.step} / {@code ELECTRA_INJECT_NAN_AT_STEP=k}: step k's loss
 *       becomes NaN (multiplied by NaN on the autograd path, so its gradients are NaN too), to
 *       exercise the non-finite guard and {@code --skip-nonfinite}.</li>
 *   <li>{@code electra.inject.disk.full.at.step} / {@code ELECTRA_INJECT_DISK_FULL_AT_STEP=k}: writing
 *       the training checkpoint of step k fails after {@code electra.inject.disk.full.bytes} /
 *       {@code ELECTRA_INJECT_DISK_FULL_BYTES} bytes (default 4096) with "No space left on device",
 *       as a full disk would.</li>
 *   <li>{@code electra.inject.pause.in.checkpoint.at.step} / {@code ELECTRA_INJECT_PAUSE_IN_CHECKPOINT_AT_STEP=k}:
 *       writing the training checkpoint of step k stops for ten minutes after 4096 bytes are on
 *       disk, so a test can kill the process in the middle of a write on any machine.</li>
 *   <li>{@code electra.inject.step.delay.ms} / {@code ELECTRA_INJECT_STEP_DELAY_MS=ms}: every step
 *       sleeps this long first, so a fast machine does not finish before a test's kill lands.
 *       Sleeping changes no number.</li>
 * </ul>
 */
public final class TestHooks {
    private TestHooks() {}

    public static final String NAN_AT_STEP = "ELECTRA_INJECT_NAN_AT_STEP";
    public static final String DISK_FULL_AT_STEP = "ELECTRA_INJECT_DISK_FULL_AT_STEP";
    public static final String DISK_FULL_BYTES = "ELECTRA_INJECT_DISK_FULL_BYTES";
    public static final String PAUSE_IN_CHECKPOINT_AT_STEP = "ELECTRA_INJECT_PAUSE_IN_CHECKPOINT_AT_STEP";
    public static final String STEP_DELAY_MS = "ELECTRA_INJECT_STEP_DELAY_MS";

    private static final long PAUSE_AFTER_BYTES = 4096;

    /** Whether step {@code step}'s loss is to be made NaN. */
    static boolean nanAt(long step) {
        return step == longSetting(NAN_AT_STEP, -1);
    }

    /** Sleeps for the configured step delay, if any. */
    static void delayStep() {
        long ms = longSetting(STEP_DELAY_MS, 0);
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** What the training checkpoint of {@code step} is written through: the identity unless a hook names that step. */
    static UnaryOperator<OutputStream> checkpointStream(long step) {
        if (step == longSetting(DISK_FULL_AT_STEP, -1)) {
            return diskFullAfter(longSetting(DISK_FULL_BYTES, 4096));
        }
        if (step == longSetting(PAUSE_IN_CHECKPOINT_AT_STEP, -1)) {
            return out -> new AfterBytes(out, PAUSE_AFTER_BYTES, TestHooks::pause);
        }
        return out -> out;
    }

    /** A stream that writes up to {@code bytes} bytes, then fails as a full file system would. */
    public static UnaryOperator<OutputStream> diskFullAfter(long bytes) {
        return out -> new AfterBytes(out, bytes, TestHooks::diskFull);
    }

    /** The system property for an environment variable name: lower case, dots ({@code electra.inject.nan.at.step}). */
    public static String property(String env) {
        return env.toLowerCase(java.util.Locale.ROOT).replace('_', '.');
    }

    private static long longSetting(String env, long otherwise) {
        String v = System.getProperty(property(env));
        if (v == null || v.isBlank()) {
            v = System.getenv(env);
        }
        if (v == null || v.isBlank()) {
            return otherwise;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(env + " = " + v + ": must be a whole number (a test hook)");
        }
    }

    /** What happens when a {@link AfterBytes} stream reaches its limit: throw, or return to go on writing. */
    private interface AtLimit {
        void reached(OutputStream out) throws IOException;
    }

    /** Passes {@code bytes} bytes through, then runs {@code atLimit} before each further write. */
    private static final class AfterBytes extends FilterOutputStream {
        private final AtLimit atLimit;
        private long left;

        AfterBytes(OutputStream out, long bytes, AtLimit atLimit) {
            super(out);
            this.left = bytes;
            this.atLimit = atLimit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int n = (int) Math.min(len, left);
            out.write(b, off, n);
            left -= n;
            if (n < len) {
                atLimit.reached(out);
                out.write(b, off + n, len - n);
            }
        }
    }

    /** A full file system: fails with "No space left on device". */
    private static void diskFull(OutputStream out) throws IOException {
        throw new IOException("No space left on device");
    }

    /** Flushes what was written and sleeps ten minutes (a test kills the process meanwhile). */
    private static void pause(OutputStream out) throws IOException {
        out.flush();
        try {
            Thread.sleep(600_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
