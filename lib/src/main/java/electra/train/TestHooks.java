package electra.train;

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
 * </ul>
 */
public final class TestHooks {
    private TestHooks() {}

    public static final String NAN_AT_STEP = "ELECTRA_INJECT_NAN_AT_STEP";
    public static final String DISK_FULL_AT_STEP = "ELECTRA_INJECT_DISK_FULL_AT_STEP";
    public static final String DISK_FULL_BYTES = "ELECTRA_INJECT_DISK_FULL_BYTES";

    /** Whether step {@code step}'s loss is to be made NaN. */
    static boolean nanAt(long step) {
        return step == longSetting(NAN_AT_STEP, -1);
    }

    /** Bytes after which the checkpoint of {@code step} fails, or -1 (no failure). */
    static long diskFullAfterBytes(long step) {
        return step == longSetting(DISK_FULL_AT_STEP, -1) ? longSetting(DISK_FULL_BYTES, 4096) : -1;
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
}
