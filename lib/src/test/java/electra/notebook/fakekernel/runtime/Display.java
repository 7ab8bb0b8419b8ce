package electra.notebook.fakekernel.runtime;

import electra.notebook.fakekernel.FakeDisplayData;

/** Shaped like {@code io.github.spencerpark.ijava.runtime.Display}: only render's return type matters. */
public final class Display {
    private Display() {}

    public static FakeDisplayData render(Object o) {
        FakeDisplayData d = new FakeDisplayData();
        d.putText(String.valueOf(o));
        return d;
    }
}
