package electra.pretrain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The objectives by command-line name: ELECTRA, the BERT baseline, the ablations of the paper's
 * Table 5 and the appendix's variants. Objectives built on corpus statistics (the unigram
 * generator, strategic masking) take the training corpus's {@link TokenCounts}; they are counted
 * only when such an objective is asked for.
 */
public final class Objectives {
    private Objectives() {}

    private static final Map<String, Function<Supplier<TokenCounts>, Objective>> KNOWN = new LinkedHashMap<>();

    static {
        KNOWN.put("electra", c -> new ElectraObjective());
        KNOWN.put("mlm", c -> new MlmObjective());
        KNOWN.put("replace-mlm", c -> new ReplaceMlmObjective());
        KNOWN.put("electra-15", c -> new Electra15Objective());
        KNOWN.put("all-tokens-mlm", c -> new AllTokensMlmObjective());
        KNOWN.put("electra-unigram", c -> new UnigramElectraObjective(c.get()));
        KNOWN.put("electra-rare", c -> new RareMaskingObjective(c.get()));
        KNOWN.put("electra-contrastive", c -> new ContrastiveElectraObjective());
        KNOWN.put("rsd", c -> new ReplacedSpanDetectionObjective());
    }

    /** An objective that needs no corpus statistics; the others fail with a message naming the overload. */
    public static Objective byName(String name) {
        return byName(name, () -> {
            throw new IllegalArgumentException("objective '" + name + "' needs the training corpus's token counts: "
                    + "use Objectives.byName(name, () -> TokenCounts.of(corpus, vocabSize))");
        });
    }

    /** Any objective; {@code counts} is called at most once, and only by objectives that need it. */
    public static Objective byName(String name, Supplier<TokenCounts> counts) {
        Function<Supplier<TokenCounts>, Objective> f = KNOWN.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown objective '" + name + "' (known: " + String.join(", ", names()) + ")");
        }
        return f.apply(counts);
    }

    /** Fails with the known names unless {@code name} is one; builds nothing. */
    public static void check(String name) {
        if (!KNOWN.containsKey(name)) {
            throw new IllegalArgumentException("unknown objective '" + name + "' (known: " + String.join(", ", names()) + ")");
        }
    }

    public static List<String> names() {
        return List.copyOf(KNOWN.keySet());
    }
}
