package electra.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Strict UTF-8 text input with line numbers: invalid UTF-8 or a NUL byte (a binary file) is a
 * {@link DatasetException} naming the file and the line. A leading byte-order mark and trailing
 * carriage returns are dropped.
 */
public final class TextLines {

    /** Receives each line with its 1-based number. */
    @FunctionalInterface
    public interface LineConsumer {
        void accept(String line, long number);
    }

    private TextLines() {}

    /** All lines of a user-supplied file; missing, unreadable, binary or non-UTF-8 files are errors. */
    public static List<String> read(Path file) {
        List<String> lines = new ArrayList<>();
        forEach(file, (line, n) -> lines.add(line));
        return lines;
    }

    public static void forEach(Path file, LineConsumer consumer) {
        if (Files.isDirectory(file)) {
            throw new DatasetException(file + " is a directory, not a text file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            forEach(in, file.toString(), consumer);
        } catch (NoSuchFileException e) {
            throw new DatasetException(file + ": no such file");
        } catch (IOException e) {
            throw new DatasetException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static List<String> read(byte[] bytes, String name) {
        List<String> lines = new ArrayList<>();
        try {
            forEach(new ByteArrayInputStream(bytes), name, (line, n) -> lines.add(line));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return lines;
    }

    /** Streams the lines of {@code in}; {@code name} is used in error messages. */
    public static void forEach(InputStream in, String name, LineConsumer consumer) throws IOException {
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        InputStream b = new BufferedInputStream(in, 1 << 16);
        byte[] line = new byte[256];
        int len = 0;
        long number = 1;
        boolean first = true;
        for (int c; ; ) {
            c = b.read();
            if (c == '\n' || c < 0) {
                if (c < 0 && len == 0) {
                    break;
                }
                int start = 0;
                if (first && len >= 3 && (line[0] & 0xff) == 0xEF && (line[1] & 0xff) == 0xBB && (line[2] & 0xff) == 0xBF) {
                    start = 3;
                }
                int end = len;
                if (end > start && line[end - 1] == '\r') {
                    end--;
                }
                String s;
                try {
                    s = dec.reset().decode(ByteBuffer.wrap(line, start, end - start)).toString();
                } catch (CharacterCodingException e) {
                    throw new DatasetException(name + ": line " + number + " is not valid UTF-8");
                }
                consumer.accept(s, number);
                first = false;
                len = 0;
                number++;
                if (c < 0) {
                    break;
                }
            } else {
                if (c == 0) {
                    throw new DatasetException(name + ": line " + number + " has a NUL byte: a binary file, not UTF-8 text");
                }
                if (len == line.length) {
                    line = Arrays.copyOf(line, len * 2);
                }
                line[len++] = (byte) c;
            }
        }
    }
}
