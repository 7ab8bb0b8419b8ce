package electra.data;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Reads members of .tgz (npm packages) and .zip/.jar archives into memory. */
public final class Archives {

    private Archives() {}

    /** The regular files of a .tar.gz whose names pass {@code wanted}, in archive order. */
    public static Map<String, byte[]> readTarGz(Path archive, Predicate<String> wanted) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(
                new BufferedInputStream(Files.newInputStream(archive))))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                if (e.isFile() && wanted.test(e.getName())) {
                    out.put(e.getName(), tar.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new DatasetException("cannot read " + archive + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The files of a .zip/.jar whose names pass {@code wanted}, in archive order. */
    public static Map<String, byte[]> readZip(Path archive, Predicate<String> wanted) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            Enumeration<? extends ZipEntry> en = zip.entries();
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                if (!e.isDirectory() && wanted.test(e.getName())) {
                    try (InputStream in = zip.getInputStream(e)) {
                        out.put(e.getName(), in.readAllBytes());
                    }
                }
            }
        } catch (IOException e) {
            throw new DatasetException("cannot read " + archive + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** One member of a .zip/.jar; a clear error when it is missing. */
    public static byte[] readZipMember(Path archive, String member) {
        byte[] b = readZip(archive, member::equals).get(member);
        if (b == null) {
            throw new DatasetException(archive.getFileName() + " has no " + member);
        }
        return b;
    }

    /** Opens one member of a .zip as a stream (for members too large to hold twice). */
    public static InputStream openZipMember(Path archive, String member) {
        try {
            ZipFile zip = new ZipFile(archive.toFile());
            ZipEntry e = zip.getEntry(member);
            if (e == null) {
                zip.close();
                throw new DatasetException(archive.getFileName() + " has no " + member);
            }
            InputStream in = zip.getInputStream(e);
            return new java.io.FilterInputStream(in) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        zip.close();
                    }
                }
            };
        } catch (IOException e) {
            throw new DatasetException("cannot read " + archive + ": " + e.getMessage(), e);
        }
    }
}
