package electra.notebook.fakekernel;

import java.util.LinkedHashMap;
import java.util.Map;

/** Shaped like IJava's / JJava's DisplayData. */
public class FakeDisplayData {
    public final Map<String, Object> data = new LinkedHashMap<>();
    public String displayId;

    public void putText(String text) {
        data.put("text/plain", text);
    }

    public void putHTML(String html) {
        data.put("text/html", html);
    }

    public void setDisplayId(String id) {
        displayId = id;
    }
}
