package electra.pretrain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The objectives by command-line name. */
public final class Objectives {
    private Objectives() {}

    private static final Map<String, Supplier<Objective>> KNOWN = new LinkedHashMap<>();

    static {
        KNOWN.put("electra", ElectraObjective::new);
        KNOWN.put("mlm", MlmObjective::new);
    }

    public static Objective byName(String name) {
        Supplier<Objective> s = KNOWN.get(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown objective '" + name + "' (known: " + String.join(", ", names()) + ")");
        }
        return s.get();
    }

    public static List<String> names() {
        return List.copyOf(KNOWN.keySet());
    }
}
