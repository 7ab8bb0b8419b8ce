package electra.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Brings a catalog entry's artifact into {@code <cache>/artifacts/} and checks its SHA-256 on every
 * use. Maven artifacts come from the local Maven repository or through {@code mvn dependency:copy};
 * npm packages through {@code npm pack}; online sources over HTTP(S) with a 10 s connect timeout.
 * A cached file whose checksum does not match (truncated, edited) is fetched again.
 */
public final class Fetcher {

    /** Connect (and name lookup) timeout for online sources. */
    static final int CONNECT_TIMEOUT_MS = 10_000;
    /** A stalled download fails after this long without bytes. */
    static final int READ_TIMEOUT_MS = 60_000;
    private static final long CLIENT_TIMEOUT_S = 600;

    /** path -> "size:mtime" of files verified in this process, so a 190 MB file is hashed once per run. */
    private static final Map<Path, String> VERIFIED = new ConcurrentHashMap<>();

    private final Path cacheDir;

    public Fetcher(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    public Path artifactsDir() {
        return cacheDir.resolve("artifacts");
    }

    /** The cached artifact's path, whether or not it is there. */
    public Path cachedPath(Catalog.Entry e) {
        requireArtifact(e);
        return artifactsDir().resolve(e.source().file());
    }

    /** True if the artifact is cached with the right checksum (hashes the file). */
    public boolean isCached(Catalog.Entry e) {
        Path p = cachedPath(e);
        return Files.isRegularFile(p) && matches(p, e);
    }

    /** The verified artifact, fetched first if it is missing or damaged. */
    public Path fetch(Catalog.Entry e) {
        Path target = cachedPath(e);
        if (Files.isRegularFile(target)) {
            if (matches(target, e)) {
                return target;
            }
            Progress.log("cached " + target.getFileName() + " does not match its sha256: fetching " + e.name() + " again");
            delete(target);
        }
        Path tmp;
        try {
            Files.createDirectories(artifactsDir());
            tmp = Files.createTempDirectory(artifactsDir(), ".fetch-");
        } catch (IOException ex) {
            throw new DatasetException("cannot write the cache " + artifactsDir() + ": " + ex.getMessage(), ex);
        }
        try {
            Progress.log("fetching " + e.name() + " (" + e.source().describe() + ")");
            Path got = switch (e.source().type()) {
                case "maven" -> fetchMaven(e, tmp);
                case "npm" -> fetchNpm(e, tmp);
                case "url" -> fetchUrl(e, tmp);
                default -> throw new DatasetException(e.name() + ": unknown source type " + e.source().type());
            };
            String sha = Sha256.of(got);
            if (e.sha256() != null && !e.sha256().equals(sha)) {
                throw new DatasetException(e.name() + ": fetched " + e.source().file() + " has sha256 " + sha
                        + ", the catalog expects " + e.sha256());
            }
            try {
                Files.move(got, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException ex) {
                Files.move(got, target, StandardCopyOption.REPLACE_EXISTING);
            }
            remember(target);
            return target;
        } catch (IOException ex) {
            throw new DatasetException("cannot fetch " + e.name() + ": " + ex.getMessage(), ex);
        } finally {
            deleteTree(tmp);
        }
    }

    private static void requireArtifact(Catalog.Entry e) {
        if (e.source() == null || e.source().isDerived() || e.source().file() == null) {
            throw new DatasetException(e.name() + " is built from other data sets, it has no artifact to fetch");
        }
    }

    private static boolean matches(Path p, Catalog.Entry e) {
        String stamp = stamp(p);
        if (stamp.equals(VERIFIED.get(p))) {
            return true;
        }
        if (e.size() != null && sizeOf(p) != e.size()) {
            return false;
        }
        boolean ok = e.sha256() == null || e.sha256().equals(Sha256.of(p));
        if (ok) {
            VERIFIED.put(p, stamp);
        }
        return ok;
    }

    private static void remember(Path p) {
        VERIFIED.put(p, stamp(p));
    }

    private static String stamp(Path p) {
        try {
            return Files.size(p) + ":" + Files.getLastModifiedTime(p).toMillis();
        } catch (IOException ex) {
            return "";
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException ex) {
            return -1;
        }
    }

    // ---- Maven ----------------------------------------------------------------------------------

    private Path fetchMaven(Catalog.Entry e, Path tmp) throws IOException {
        String[] gav = e.source().artifact().split(":");
        if (gav.length != 3) {
            throw new DatasetException(e.name() + ": Maven coordinates must be group:artifact:version, got "
                    + e.source().artifact());
        }
        Path local = localMavenRepo().resolve(gav[0].replace('.', '/')).resolve(gav[1]).resolve(gav[2])
                .resolve(gav[1] + "-" + gav[2] + ".jar");
        if (Files.isRegularFile(local) && (e.sha256() == null || e.sha256().equals(Sha256.of(local)))) {
            Path copy = tmp.resolve(e.source().file());
            Files.copy(local, copy);
            return copy;
        }
        run(e, List.of(mvnCommand(), "-q", "-B", "dependency:copy", "-Dartifact=" + e.source().artifact(),
                "-DoutputDirectory=" + tmp.toAbsolutePath()), tmp);
        return single(e, tmp, ".jar");
    }

    private static Path localMavenRepo() {
        String prop = System.getProperty("maven.repo.local");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    private static String mvnCommand() {
        return System.getProperty("os.name", "").toLowerCase().startsWith("windows") ? "mvn.cmd" : "mvn";
    }

    // ---- npm ------------------------------------------------------------------------------------

    private Path fetchNpm(Catalog.Entry e, Path tmp) throws IOException {
        String npm = System.getProperty("os.name", "").toLowerCase().startsWith("windows") ? "npm.cmd" : "npm";
        run(e, List.of(npm, "pack", e.source().npmPackage(), "--pack-destination", tmp.toAbsolutePath().toString(),
                "--silent"), tmp);
        return single(e, tmp, ".tgz");
    }

    private static Path single(Catalog.Entry e, Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
            if (files.size() != 1) {
                throw new DatasetException(e.name() + ": expected one " + suffix + " file from "
                        + e.source().describe() + ", found " + files.size());
            }
            return files.get(0);
        }
    }

    private static void run(Catalog.Entry e, List<String> command, Path dir) throws IOException {
        Path log = dir.resolve(".client.log");
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException ex) {
            throw new DatasetException("cannot fetch " + e.name() + ": the " + command.get(0)
                    + " client is not on the PATH (" + e.source().describe() + ")");
        }
        try {
            if (!p.waitFor(CLIENT_TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new DatasetException("cannot fetch " + e.name() + ": " + command.get(0) + " took more than "
                        + CLIENT_TIMEOUT_S + " s");
            }
        } catch (InterruptedException ex) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new DatasetException("cannot fetch " + e.name() + ": interrupted");
        }
        if (p.exitValue() != 0) {
            throw new DatasetException("cannot fetch " + e.name() + " (" + e.source().describe() + "): "
                    + command.get(0) + " exited with " + p.exitValue() + ": " + lastLine(log));
        }
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .map(s -> s.replaceAll("\u001B\\[[;\\d]*m", "").strip()).filter(s -> !s.isEmpty()).toList();
            for (String l : lines) {
                if (l.contains("ERROR") || l.contains("ERR!")) {
                    return l;
                }
            }
            return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
        } catch (IOException ex) {
            return "(no output)";
        }
    }

    // ---- HTTP(S) --------------------------------------------------------------------------------

    private Path fetchUrl(Catalog.Entry e, Path tmp) {
        List<String> errors = new ArrayList<>();
        Path out = tmp.resolve(e.source().file());
        for (String url : e.source().urls()) {
            try {
                download(url, out);
                if (e.sha256() == null || e.sha256().equals(Sha256.of(out))) {
                    return out;
                }
                errors.add(url + ": sha256 mismatch");
            } catch (IOException | RuntimeException ex) {
                String host = URI.create(url).getHost();
                errors.add((host == null ? url : host) + ": " + oneLine(ex));
            }
        }
        throw new DatasetException("cannot fetch " + e.name() + " (" + e.source().file() + ", online only): "
                + String.join("; ", errors));
    }

    /** Downloads {@code url} to {@code out}; fails within about 10 s when the host is unreachable. */
    static void download(String url, Path out) throws IOException {
        URL u = URI.create(url).toURL();
        if ("file".equals(u.getProtocol())) {
            Files.copy(Path.of(URI.create(url)), out, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        resolve(u.getHost());
        HttpURLConnection c = (HttpURLConnection) u.openConnection();
        c.setConnectTimeout(CONNECT_TIMEOUT_MS);
        c.setReadTimeout(READ_TIMEOUT_MS);
        c.setInstanceFollowRedirects(true);
        c.setRequestProperty("User-Agent", "electra-java-data/1");
        try {
            int code = c.getResponseCode();
            if (code != 200) {
                throw new IOException("HTTP " + code);
            }
            try (InputStream in = c.getInputStream()) {
                Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            c.disconnect();
        }
    }

    /** Name lookup has no timeout of its own: give it the connect timeout. */
    private static void resolve(String host) throws IOException {
        CompletableFuture<InetAddress> f = CompletableFuture.supplyAsync(() -> {
            try {
                return InetAddress.getByName(host);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
        try {
            f.get(CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException ex) {
            f.cancel(true);
            throw new IOException("no answer looking up " + host + " within " + CONNECT_TIMEOUT_MS / 1000 + " s");
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (java.util.concurrent.ExecutionException ex) {
            throw new IOException("cannot resolve " + host + " (offline?)");
        }
    }

    private static String oneLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.replaceAll("\\s+", " ").strip();
    }

    // ---- files ----------------------------------------------------------------------------------

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ex) {
            throw new DatasetException("cannot delete the damaged cache file " + p + ": " + ex.getMessage());
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // a leftover temporary directory under the cache is harmless
        }
    }
}
