package electra.notebook.fakekernel;

import java.util.ArrayList;
import java.util.List;

/** Shaped like JJava's kernel (display, updateDisplay(String, DisplayData)). */
public class FakeKernel {
    public final List<FakeDisplayData> displayed = new ArrayList<>();
    public final List<FakeDisplayData> updated = new ArrayList<>();

    public void display(FakeDisplayData data) {
        displayed.add(data);
    }

    public void updateDisplay(String id, FakeDisplayData data) {
        data.setDisplayId(id);
        updated.add(data);
    }
}
