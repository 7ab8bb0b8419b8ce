package electra.finetune;

import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Layer-wise learning-rate decay exactly as the official {@code model/optimization.py:_get_layer_lrs}:
 * each parameter gets a depth (embeddings and {@code embeddings_project} 0, encoder layer i
 * depth i + 1, the task head n + 2) and the rate lr x decay^(n + 2 - depth). So the head trains at
 * lr, the top layer (i = n - 1) at lr x decay^2, each layer below at a further x decay, and the
 * embeddings at lr x decay^(n + 2). Depth n + 1 is left empty by the official code (BERT's pooler
 * slot; ELECTRA has no pooler), hence the top layer's decay^2 rather than decay^1.
 * A pre-LN model's final LayerNorm, which the official model does not have, is put at depth n + 1.
 */
public final class LayerwiseDecay {
    private LayerwiseDecay() {}

    private static final Pattern LAYER = Pattern.compile("^electra\\.encoder\\.layer\\.(\\d+)\\.");

    /** The depth of a classification-model parameter, as {@code _get_layer_lrs} assigns it. */
    public static int depth(String name, int numLayers) {
        if (name.startsWith("embeddings.") || name.startsWith("electra.embeddings_project.")) {
            return 0;
        }
        Matcher m = LAYER.matcher(name);
        if (m.find()) {
            int layer = Integer.parseInt(m.group(1));
            if (layer >= numLayers) {
                throw new IllegalArgumentException(name + ": layer " + layer + " of a " + numLayers + "-layer model");
            }
            return layer + 1;
        }
        if (name.startsWith("electra.encoder.final_LayerNorm.")) {
            return numLayers + 1;
        }
        if (name.startsWith("classifier.")) {
            return numLayers + 2;
        }
        throw new IllegalArgumentException("no layer-wise learning rate for parameter " + name);
    }

    /**
     * The multiplier of the learning rate per parameter name, for {@code AdamWeightDecay}'s
     * {@code lrScale}. A decay of 1 (or &lt;= 0, the official "off") gives 1 everywhere.
     */
    public static ToDoubleFunction<String> scales(int numLayers, double decay) {
        if (decay <= 0 || decay == 1.0) {
            return name -> 1.0;
        }
        return name -> Math.pow(decay, numLayers + 2 - depth(name, numLayers));
    }
}
