package electra.data;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the catalog and the cache live. The repository root is {@code $ELECTRA_HOME} if set,
 * otherwise the nearest directory at or above the working directory that holds
 * {@code datasets/catalog.json}. The cache is {@code ${ELECTRA_CACHE:-<repo>/.cache}/datasets}.
 */
public final class DataHome {

    private DataHome() {}

    public static Path repoRoot() {
        String home = setting("ELECTRA_HOME");
        if (home != null) {
            Path p = Path.of(home).toAbsolutePath().normalize();
            if (!Files.isRegularFile(p.resolve("datasets/catalog.json"))) {
                throw new DatasetException("ELECTRA_HOME=" + home + " has no datasets/catalog.json");
            }
            return p;
        }
        Path start = Path.of("").toAbsolutePath().normalize();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("datasets/catalog.json"))) {
                return p;
            }
        }
        throw new DatasetException("no datasets/catalog.json at or above " + start
                + ": run from the repository or set ELECTRA_HOME");
    }

    public static Path catalogFile() {
        return repoRoot().resolve("datasets/catalog.json");
    }

    /** {@code ${ELECTRA_CACHE:-<repo>/.cache}/datasets}; created on demand by the callers that write. */
    public static Path cacheDir() {
        String cache = setting("ELECTRA_CACHE");
        Path root = cache != null ? Path.of(cache) : repoRoot().resolve(".cache");
        return root.toAbsolutePath().normalize().resolve("datasets");
    }

    /** A system property (lower-case, dots: {@code electra.cache}) wins over the environment variable. */
    static String setting(String env) {
        String prop = System.getProperty(env.toLowerCase(java.util.Locale.ROOT).replace('_', '.'));
        if (prop != null && !prop.isBlank()) {
            return prop;
        }
        String v = System.getenv(env);
        return v == null || v.isBlank() ? null : v;
    }
}
