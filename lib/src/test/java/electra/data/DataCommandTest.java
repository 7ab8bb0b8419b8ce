package electra.data;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import electra.cli.DataCommand;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataCommandTest {

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new DataCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        // as the main CLI does: a user mistake is one line and exit code 2
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof IllegalArgumentException) {
                c.getErr().println("error: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void listHasOneLinePerDataSet() {
        Run r = run("list");
        assertEquals(0, r.code());
        List<String> lines = r.out().lines().toList();
        assertEquals(Catalog.load().datasets().size(), lines.size());
        assertTrue(lines.get(0).startsWith("bert-uncased"), lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("cola") && l.contains("(online only)")));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("sentiment") && l.contains("CC BY 4.0") && l.contains(" cached ")));
    }

    @Test
    void prepareWritesOneJsonObjectPerDataSet() {
        Run r = run("prepare", "sentiment", "bert-uncased", "moby-dick");
        assertEquals(0, r.code(), r.err());
        List<JsonObject> objs = r.out().lines().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
        assertEquals(3, objs.size());
        JsonObject s = objs.get(0);
        assertEquals("sentiment", s.get("name").getAsString());
        assertEquals("classification", s.get("kind").getAsString());
        assertEquals(2982, s.get("examples").getAsInt());
        assertEquals(2684, s.get("train").getAsInt());
        assertEquals(298, s.get("dev").getAsInt());
        assertEquals(2, s.getAsJsonArray("labels").size());
        assertEquals(64, s.get("sha256").getAsString().length());
        assertEquals(30522, objs.get(1).get("vocab_size").getAsInt());
        assertTrue(objs.get(2).get("words").getAsLong() > 200_000);
        assertTrue(objs.get(2).get("license").getAsString().startsWith("Public domain"));
    }

    @Test
    void unknownNamesAreOneLineErrors() {
        Run r = run("prepare", "sentiment", "no-such-set");
        assertEquals(2, r.code());
        assertEquals("", r.out(), "nothing is prepared when a name is wrong");
        assertTrue(r.err().startsWith("error: unknown data set 'no-such-set'; known: bert-uncased, "), r.err());
        assertEquals(1, r.err().lines().count());
    }
}
