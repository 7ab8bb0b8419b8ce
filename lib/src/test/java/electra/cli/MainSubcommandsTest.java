package electra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class MainSubcommandsTest {

    @Test
    void finetuneAndAblationsAreRegistered() {
        assertEquals(0, Main.run("finetune", "--help"));
        assertEquals(0, Main.run("ablations", "--help"));
    }

    @Test
    void finetuneWithoutItsRequiredOptionsIsAUsageError() {
        assertEquals(Main.USAGE, Main.run("finetune", "--task", "sentiment"));
    }

    @Test
    void everyHelpRendersWithoutPicocliWarnings() {
        // A bare '%' in a description makes picocli warn on every --help (it formats descriptions).
        for (String command : new String[] {"pretrain", "finetune", "ablations", "score", "bench", "export", "data"}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream oldOut = System.out;
            PrintStream oldErr = System.err;
            PrintStream capture = new PrintStream(out, true, StandardCharsets.UTF_8);
            System.setOut(capture);
            System.setErr(capture);
            try {
                assertEquals(0, Main.run(command, "--help"), command);
            } finally {
                System.setOut(oldOut);
                System.setErr(oldErr);
            }
            String text = out.toString(StandardCharsets.UTF_8);
            assertFalse(text.contains("picocli WARN"), command + " --help: " + text.lines().findFirst().orElse(""));
        }
    }
}
