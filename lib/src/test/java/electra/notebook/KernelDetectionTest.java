package electra.notebook;

import electra.notebook.fakekernel.FakeDisplayData;
import electra.notebook.fakekernel.FakeKernel;
import electra.notebook.fakekernel.FakeOldKernel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The IJava/JJava path, against look-alike classes in electra.notebook.fakekernel. */
class KernelDetectionTest {
    private static final String RUNTIME = "electra.notebook.fakekernel.runtime";
    private final ClassLoader loader = getClass().getClassLoader();

    @AfterEach
    void noKernel() {
        electra.notebook.fakekernel.runtime.Kernel.instance = null;
    }

    @Test
    void classesWithoutARunningKernelAreNoKernel() {
        assertNull(Kernel.IJavaFamily.probe("fake", RUNTIME, loader));
        assertNull(Kernel.IJavaFamily.probe("fake", "no.such.runtime", loader));
        assertNull(Kernel.Rapaio.probe(loader), "rapaio is not on the test classpath");
    }

    @Test
    void displayAndUpdateSendHtmlAndTextWithOneId() {
        FakeKernel fake = new FakeKernel();
        electra.notebook.fakekernel.runtime.Kernel.instance = fake;
        Kernel k = Kernel.IJavaFamily.probe("jjava", RUNTIME, loader);
        assertNotNull(k);
        assertEquals("jjava", k.name());

        String id = k.display("<b>x</b>", "x");
        k.update(id, "<b>y</b>", "y");

        FakeDisplayData shown = fake.displayed.get(0);
        assertEquals("<b>x</b>", shown.data.get("text/html"));
        assertEquals("x", shown.data.get("text/plain"));
        assertEquals(id, shown.displayId);
        assertEquals("<b>y</b>", fake.updated.get(0).data.get("text/html"));
        assertEquals(id, fake.updated.get(0).displayId);
    }

    @Test
    void olderKernelsUpdateThroughTheirIo() {
        FakeOldKernel fake = new FakeOldKernel();
        electra.notebook.fakekernel.runtime.Kernel.instance = fake;
        Kernel k = Kernel.IJavaFamily.probe("ijava", RUNTIME, loader);
        assertNotNull(k);
        String id = k.display("<i>a</i>", "a");
        k.update(id, "<i>b</i>", "b");
        assertEquals(id, fake.displayed.get(0).displayId);
        assertEquals("<i>b</i>", fake.io.display.updated.get(0).data.get("text/html"));
    }
}
