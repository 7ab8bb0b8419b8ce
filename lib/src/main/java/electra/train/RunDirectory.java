package electra.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of one pretraining run: {@code config.json}, {@code metrics.csv},
 * {@code checkpoints/step-NNNNNNNN.electra} (the last K kept), {@code model.electra} (the final
 * weights) and {@code summary.json} (held-out evaluation).
 */
public record RunDirectory(Path dir) {

    public Path config() {
        return dir.resolve("config.json");
    }

    public Path metrics() {
        return dir.resolve("metrics.csv");
    }

    public Path summary() {
        return dir.resolve("summary.json");
    }

    public Path model() {
        return dir.resolve("model.electra");
    }

    public Path checkpoints() {
        return dir.resolve("checkpoints");
    }

    public Path checkpoint(long step) {
        return checkpoints().resolve(String.format("step-%08d.electra", step));
    }

    /** Whether the folder already holds a run (or anything else). */
    public boolean holdsRun() {
        return Files.exists(config()) || Files.exists(metrics()) || Files.isDirectory(checkpoints());
    }

    public boolean isEmptyOrMissing() throws IOException {
        if (!Files.exists(dir)) {
            return true;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    /** Checkpoint files, newest first. */
    public List<Path> checkpointsNewestFirst() throws IOException {
        if (!Files.isDirectory(checkpoints())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(checkpoints())) {
            List<Path> out = new ArrayList<>(s.filter(p -> p.getFileName().toString().matches("step-\\d{8}\\.electra")).toList());
            out.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
            return out;
        }
    }

    /** Keeps the newest {@code keep} checkpoints, deleting older ones. */
    public void prune(int keep) throws IOException {
        List<Path> all = checkpointsNewestFirst();
        for (int i = keep; i < all.size(); i++) {
            Files.deleteIfExists(all.get(i));
        }
    }

    /** Removes what an earlier run wrote here (for {@code --overwrite}); other files are left alone. */
    public void clear() throws IOException {
        for (Path p : List.of(config(), metrics(), summary(), model())) {
            Files.deleteIfExists(p);
        }
        if (Files.isDirectory(checkpoints())) {
            try (Stream<Path> s = Files.walk(checkpoints())) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Creates the folder and checks that it is writable, with a one-line error otherwise. */
    public void prepare() {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-test", ".tmp");
            Files.delete(probe);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IllegalArgumentException("--out " + dir + ": not writable (permission denied)");
        } catch (java.nio.file.FileSystemException e) {
            String why = e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
            throw new IllegalArgumentException("--out " + dir + ": not writable (" + why + ")");
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException("--out " + dir + ": not writable (" + e.getClass().getSimpleName() + ")");
        }
    }
}
