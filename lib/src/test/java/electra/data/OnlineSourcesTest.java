package electra.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The online sources' parsers, on small archives laid out like the real ones. */
class OnlineSourcesTest {

    static Path zip(Path file, Map<String, String> members) throws Exception {
        try (OutputStream o = Files.newOutputStream(file); ZipOutputStream z = new ZipOutputStream(o)) {
            for (Map.Entry<String, String> m : members.entrySet()) {
                z.putNextEntry(new ZipEntry(m.getKey()));
                z.write(m.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return file;
    }

    @Test
    void sst2(@TempDir Path dir) throws Exception {
        Path z = zip(dir.resolve("SST-2.zip"), Map.of(
                "SST-2/train.tsv", "sentence\tlabel\nhide new secretions from the parental units \t0\nthe greatest musicians \t1\n",
                "SST-2/dev.tsv", "sentence\tlabel\nit 's a charming and often affecting journey . \t1\n",
                "SST-2/test.tsv", "index\tsentence\n0\tuncomfortable\n"));
        ClassificationTask t = TaskSources.sst2(z);
        assertEquals(List.of(new Example("hide new secretions from the parental units", 0), new Example("the greatest musicians", 1)), t.train());
        assertEquals(List.of(new Example("it 's a charming and often affecting journey .", 1)), t.dev());
        assertEquals("accuracy", t.metric());
    }

    @Test
    void cola(@TempDir Path dir) throws Exception {
        Path z = zip(dir.resolve("CoLA.zip"), Map.of(
                "CoLA/train.tsv", "gj04\t1\t\tOur friends won't buy this analysis, let alone the next one we propose.\n"
                        + "gj04\t0\t*\tThey drank the pub.\n",
                "CoLA/dev.tsv", "gj04\t1\t\tThe sailors rode the breeze clear of the rocks.\n"));
        ClassificationTask t = TaskSources.cola(z);
        assertEquals(List.of("unacceptable", "acceptable"), t.labels());
        assertEquals(new Example("They drank the pub.", 0), t.train().get(1));
        assertEquals(1, t.dev().size());
        assertEquals("mcc", t.metric());

        Path bad = zip(dir.resolve("bad.zip"), Map.of("CoLA/train.tsv", "gj04\t1\t\tFine.\ngj04\tyes\t\tBad label.\n",
                "CoLA/dev.tsv", "gj04\t1\t\tFine.\n"));
        assertEquals("bad.zip!/CoLA/train.tsv: line 2: label 'yes' is not 0 or 1",
                assertThrows(DatasetException.class, () -> TaskSources.cola(bad)).getMessage());
        Path missing = zip(dir.resolve("missing.zip"), Map.of("CoLA/train.tsv", "gj04\t1\t\tFine.\n"));
        assertEquals("missing.zip has no CoLA/dev.tsv",
                assertThrows(DatasetException.class, () -> TaskSources.cola(missing)).getMessage());
    }

    @Test
    void wikitext(@TempDir Path dir) throws Exception {
        String raw = " \n = Valkyria Chronicles III = \n \n Senjō no Valkyria 3 is a role @-@ playing video game . It was released in 2011 . \n"
                + " \n = = Gameplay = = \n \n The game 's battle system , the BliTZ system , is carried over . \n"
                + " \n = Tower Building of the Little Rock Arsenal = \n \n The building was built in 1840 and cost 12 @,@ 500 dollars , 1 @.@ 5 times the plan . \n";
        Path z = zip(dir.resolve("wikitext-103-raw-v1.zip"), Map.of("wikitext-103-raw/wiki.train.raw", raw));
        Path out = dir.resolve("corpus.txt");
        DataSets.streamWikitext(z, "wikitext-103-raw/wiki.train.raw", out);
        List<Document> docs = PretrainingCorpus.readDocuments(out);
        assertEquals(2, docs.size());
        assertEquals(List.of("Senjō no Valkyria 3 is a role-playing video game .", "It was released in 2011 .",
                "The game 's battle system , the BliTZ system , is carried over ."), docs.get(0).sentences());
        assertEquals(List.of("The building was built in 1840 and cost 12,500 dollars , 1.5 times the plan ."), docs.get(1).sentences());
        assertNotNull(PretrainingCorpus.fromFile(out));
    }
}
