package electra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
