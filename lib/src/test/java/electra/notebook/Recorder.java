package electra.notebook;

import java.util.ArrayList;
import java.util.List;

/** A kernel that keeps what it was sent. */
final class Recorder implements Kernel {
    record Out(String id, String html, String text) {}

    final List<Out> displays = new ArrayList<>();
    final List<Out> updates = new ArrayList<>();

    @Override
    public String name() {
        return "recorder";
    }

    @Override
    public String display(String html, String text) {
        String id = "d" + displays.size();
        displays.add(new Out(id, html, text));
        return id;
    }

    @Override
    public void update(String id, String html, String text) {
        updates.add(new Out(id, html, text));
    }

    /** All HTML sent, displays and updates. */
    String allHtml() {
        StringBuilder s = new StringBuilder();
        displays.forEach(o -> s.append(o.html()).append('\n'));
        updates.forEach(o -> s.append(o.html()).append('\n'));
        return s.toString();
    }
}
