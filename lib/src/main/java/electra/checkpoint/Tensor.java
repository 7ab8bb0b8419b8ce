package electra.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** A float32 tensor on the host: its shape and its values in row-major order. */
public record Tensor(long[] shape, float[] data) {

    public long elements() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** A copy of a model parameter's current values. */
    public static Tensor of(Parameter p) {
        return new Tensor(p.getArray().getShape().getShape(), p.getArray().toFloatArray());
    }

    /** Copies of all parameters, by the same names. */
    public static Map<String, Tensor> of(Map<String, Parameter> params) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        params.forEach((k, p) -> out.put(k, of(p)));
        return out;
    }

    /** The tensors of a checkpoint saved under {@code prefix/}, the prefix removed. */
    public static Map<String, Tensor> fromCheckpoint(Checkpoint c, String prefix) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        c.tensors().forEach((k, v) -> {
            if (k.startsWith(prefix + "/")) {
                out.put(k.substring(prefix.length() + 1), new Tensor(c.shape(k), v));
            }
        });
        return out;
    }

    /**
     * Copies {@code source.get(sourceName(name))} into each parameter, checking every name and
     * shape first so that a mismatch changes nothing. Errors are one line starting with {@code what}
     * (the file) and naming the parameter.
     */
    public static void loadInto(Map<String, Parameter> params, Map<String, Tensor> source,
                                UnaryOperator<String> sourceName, String what) {
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            String key = sourceName.apply(e.getKey());
            Tensor t = source.get(key);
            if (t == null) {
                throw new IllegalArgumentException(what + ": missing weight " + key
                        + " (a checkpoint of another model type or objective?)");
            }
            long[] expected = e.getValue().getArray().getShape().getShape();
            if (!Arrays.equals(expected, t.shape())) {
                throw new IllegalArgumentException(what + ": weight " + key + " has shape " + Arrays.toString(t.shape())
                        + ", the model expects " + Arrays.toString(expected) + " (a checkpoint of another preset?)");
            }
        }
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            copyInto(e.getValue().getArray(), source.get(sourceName.apply(e.getKey())).data());
        }
    }

    /**
     * Overwrites {@code target}'s values with {@code data} (row-major, {@code target}'s size), in place,
     * so a parameter stays the same array. An indexed assignment rather than DJL's
     * {@code NDArray.set(float[])}, whose copy goes through a libtorch guard that prints a deprecation
     * warning to the user's terminal on every command that loads weights.
     */
    public static void copyInto(NDArray target, float[] data) {
        try (NDArray values = target.getManager().create(data, target.getShape())) {
            target.set(new NDIndex("..."), values);
        }
    }
}
