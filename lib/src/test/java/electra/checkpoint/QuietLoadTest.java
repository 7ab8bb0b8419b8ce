package electra.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Loading weights prints nothing: libtorch writes its deprecation warning straight to the
 * process's stderr, so each way of copying runs in a child JVM whose stderr is read here. The
 * control (DJL's {@code NDArray.set(float[])}) shows that the warning would be seen.
 */
class QuietLoadTest {

    /** Child: copies 1..6 into a (2, 3) parameter-like array ({@code djl} or {@code ours}) and prints it. */
    public static void main(String[] args) {
        float[] data = {1, 2, 3, 4, 5, 6};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.zeros(new Shape(2, 3));
            x.setRequiresGradient(true);
            if (args[0].equals("djl")) {
                x.set(data);
            } else {
                Tensor.copyInto(x, data);
            }
            System.out.println(Arrays.toString(x.toFloatArray()) + " " + x.getShape());
        }
    }

    private static String[] run(String mode) throws IOException, InterruptedException {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), QuietLoadTest.class.getName(), mode);
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), mode + ": " + err);
        return new String[] {out.strip(), err};
    }

    @Test
    void copyIntoWritesTheValuesAndPrintsNoWarning() throws Exception {
        String[] control = run("djl");
        assertTrue(control[1].contains("deprecated"), "the control should show libtorch's warning, stderr: " + control[1]);
        String[] ours = run("ours");
        assertEquals("[1.0, 2.0, 3.0, 4.0, 5.0, 6.0] (2, 3)", ours[0]);
        assertFalse(ours[1].contains("Warning"), "stderr: " + ours[1]);
    }
}
