package electra.notebook.fakekernel;

import java.util.ArrayList;
import java.util.List;

/** Shaped like IJava 1.3's kernel: updates go through getIO().display.updateDisplay(id, data). */
public class FakeOldKernel {
    public final List<FakeDisplayData> displayed = new ArrayList<>();
    public final Io io = new Io();

    public static class Io {
        public final Stream display = new Stream();
    }

    public static class Stream {
        public final List<FakeDisplayData> updated = new ArrayList<>();

        public void updateDisplay(String id, FakeDisplayData data) {
            data.setDisplayId(id);
            updated.add(data);
        }
    }

    public void display(FakeDisplayData data) {
        displayed.add(data);
    }

    public Io getIO() {
        return io;
    }
}
