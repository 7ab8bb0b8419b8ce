package electra.checkpoint;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * Downloads a model folder from the Hugging Face hub ({@code https://huggingface.co/REPO/resolve/main/FILE})
 * for {@link HuggingFaceImport}. Files already present are kept; a file is written under a temporary
 * name and moved into place when complete, so an interrupted download leaves no half file.
 */
public final class HuggingFaceHub {

    /** What ELECTRA's discriminator needs: config, weights, WordPiece vocabulary. */
    public static final List<String> ELECTRA_FILES = List.of("config.json", "model.safetensors", "vocab.txt",
            "tokenizer.json");

    private HuggingFaceHub() {}

    /**
     * Fetches {@code files} of {@code repo} (e.g. {@code google/electra-small-discriminator}) into
     * {@code dir} and returns it.
     *
     * @throws IOException when the hub cannot be reached within {@code timeout} or answers with an error
     */
    public static Path download(String repo, List<String> files, Path dir, Duration timeout) throws IOException {
        Files.createDirectories(dir);
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        for (String f : files) {
            Path target = dir.resolve(f);
            if (Files.isRegularFile(target) && Files.size(target) > 0) {
                continue;
            }
            URI uri = URI.create("https://huggingface.co/" + repo + "/resolve/main/" + f);
            Path tmp = dir.resolve("." + f + ".part");
            try {
                HttpResponse<Path> r = http.send(HttpRequest.newBuilder(uri).timeout(timeout.multipliedBy(30)).GET().build(),
                        HttpResponse.BodyHandlers.ofFile(tmp));
                if (r.statusCode() != 200) {
                    throw new IOException(uri + ": HTTP " + r.statusCode());
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(uri + ": interrupted", e);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return dir;
    }
}
