package electra.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dotted parameter paths built from child-block names, without DJL's two-digit ordering prefix,
 * and with LayerNorm's {@code gamma}/{@code beta} called {@code weight}/{@code bias} as in PyTorch.
 * The paths are then Hugging Face's names up to a fixed prefix mapping.
 */
public final class ParameterNames {
    private ParameterNames() {}

    public static Map<String, Parameter> of(Block block) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collect(block, "", out);
        return out;
    }

    private static void collect(Block block, String prefix, Map<String, Parameter> out) {
        for (ai.djl.util.Pair<String, Parameter> p : block.getDirectParameters()) {
            out.put(prefix + pytorchName(p.getKey()), p.getValue());
        }
        for (ai.djl.util.Pair<String, Block> child : block.getChildren()) {
            collect(child.getValue(), prefix + stripOrder(child.getKey()) + ".", out);
        }
    }

    private static String stripOrder(String childName) {
        return childName.length() > 2 && Character.isDigit(childName.charAt(0)) && Character.isDigit(childName.charAt(1))
                ? childName.substring(2)
                : childName;
    }

    private static String pytorchName(String name) {
        return switch (name) {
            case "gamma" -> "weight";
            case "beta" -> "bias";
            default -> name;
        };
    }
}
