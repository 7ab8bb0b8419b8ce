package electra.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * The official {@code AdamWeightDecayOptimizer}: Adam without bias correction, eps 1e-6, and
 * weight decay added to the update (decoupled, not to the gradient), skipped for LayerNorm and
 * biases. Gradients are clipped to a global norm first. Written here because DJL's Adam corrects
 * bias and cannot exclude parameters from decay or scale the rate per layer (fine-tuning's
 * layer-wise decay); each tensor's step is DJL's native {@code adamUpdate}, called with arguments
 * that make it the official formula.
 */
public final class AdamWeightDecay implements AutoCloseable {

    public static final double BETA1 = 0.9;
    public static final double BETA2 = 0.999;
    public static final double EPSILON = 1e-6;

    private final double weightDecay;
    private final Predicate<String> decays;
    private final ToDoubleFunction<String> lrScale;
    private final NDManager manager;
    private final Map<String, NDArray> m = new LinkedHashMap<>();
    private final Map<String, NDArray> v = new LinkedHashMap<>();
    private final boolean biasCorrection;
    private long updates;

    /**
     * @param lrScale per-parameter multiplier of the learning rate (1 everywhere for pretraining)
     * @param biasCorrection divide the moments by 1 - beta^t as standard Adam does (not the official
     *     optimizer: without it the first steps are about 3 times larger, which Mosbach et al. 2021
     *     found to make BERT fine-tuning fail on some seeds); used for fine-tuning only, so it is not
     *     checkpointed
     */
    public AdamWeightDecay(NDManager parent, double weightDecay, ToDoubleFunction<String> lrScale, boolean biasCorrection) {
        this.manager = parent.newSubManager();
        this.weightDecay = weightDecay;
        this.decays = AdamWeightDecay::decays;
        this.lrScale = lrScale;
        this.biasCorrection = biasCorrection;
    }

    public AdamWeightDecay(NDManager parent, double weightDecay, ToDoubleFunction<String> lrScale) {
        this(parent, weightDecay, lrScale, false);
    }

    public AdamWeightDecay(NDManager parent, double weightDecay) {
        this(parent, weightDecay, name -> 1.0);
    }

    /** LayerNorm parameters and biases are not decayed, as in the official code. */
    public static boolean decays(String name) {
        return !(name.contains("LayerNorm") || name.endsWith("bias"));
    }

    /** Global L2 norm of all gradients: one device reduction, one host read. */
    public static float globalNorm(Map<String, Parameter> params) {
        NDList squares = new NDList();
        for (Parameter p : params.values()) {
            NDArray n = p.getArray().getGradient().norm();
            squares.add(n.mul(n));
        }
        return (float) Math.sqrt(ai.djl.ndarray.NDArrays.add(squares.toArray(new NDArray[0])).getFloat());
    }

    /**
     * Applies one update with gradients clipped to {@code clipNorm} and zeroes the gradients.
     * Call inside the step's manager (see {@code ElectraPretrainingModel.newStepManager}).
     *
     * @param gradNorm the global norm already computed by {@link #globalNorm}
     */
    public void update(Map<String, Parameter> params, double lr, double clipNorm, float gradNorm) {
        float clip = gradNorm > clipNorm ? (float) (clipNorm / gradNorm) : 1f;
        updates++;
        double correction = biasCorrection
                ? Math.sqrt(1 - Math.pow(BETA2, updates)) / (1 - Math.pow(BETA1, updates)) : 1.0;
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            String name = e.getKey();
            NDArray w = e.getValue().getArray();
            NDArray g = w.getGradient();
            NDArray mt = m.computeIfAbsent(name, k -> manager.zeros(w.getShape(), w.getDataType()));
            NDArray vt = v.computeIfAbsent(name, k -> manager.zeros(w.getShape(), w.getDataType()));
            float rate = (float) (lr * lrScale.applyAsDouble(name));
            float decay = weightDecay > 0 && decays.test(name) ? (float) weightDecay : 0f;
            // DJL's native AdamW step, one JNI call instead of about fifteen, in place: g' = clip g;
            // w -= rate decay w; m = b1 m + (1-b1) g'; v = b2 v + (1-b2) g'^2; w -= rate m / (sqrt(v) + eps);
            // then g = 0. The official formula exactly: passing the rate itself as the "bias-corrected"
            // rate means no bias correction (--bias-correction passes the corrected one), and a negative
            // clip value turns off element-wise clamping.
            // Undecayed tensors (all of them when fine-tuning) take the non-AdamW branch: with decay 0 it
            // adds 0 w to the gradient in place instead of building two temporaries to subtract 0 w.
            w.getNDArrayInternal().adamUpdate(new NDList(w, g, mt, vt), new NDList(w), rate, (float) (rate * correction), decay, clip, -1f,
                    (float) BETA1, (float) BETA2, (float) EPSILON, false, decay > 0);
        }
    }

    /** Zeroes all gradients without updating (a skipped, non-finite step). */
    public static void zeroGradients(Map<String, Parameter> params) {
        for (Parameter p : params.values()) {
            zero(p.getArray().getGradient());
        }
    }

    private static void zero(NDArray gradient) {
        gradient.set(new NDIndex("..."), 0); // a fill, so NaN gradients are cleared too
    }

    /** First and second moments by parameter name, for checkpoints. */
    public Map<String, NDArray> firstMoments() {
        return m;
    }

    public Map<String, NDArray> secondMoments() {
        return v;
    }

    /** Restores moments saved by a checkpoint (copied into this optimizer's manager). */
    public void restore(Map<String, float[]> first, Map<String, float[]> second, Map<String, Parameter> params) {
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            NDArray w = e.getValue().getArray();
            if (first.containsKey(e.getKey())) {
                m.put(e.getKey(), manager.create(first.get(e.getKey()), w.getShape()));
                v.put(e.getKey(), manager.create(second.get(e.getKey()), w.getShape()));
            }
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
