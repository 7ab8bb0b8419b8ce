package electra.notebook.fakekernel.runtime;

/** Shaped like {@code io.github.spencerpark.ijava.runtime.Kernel}. */
public final class Kernel {
    /** The running kernel, set by tests; null: none runs. */
    public static Object instance;

    private Kernel() {}

    public static Object getKernelInstance() {
        return instance;
    }
}
