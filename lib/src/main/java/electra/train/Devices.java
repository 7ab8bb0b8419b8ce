package electra.train;

import ai.djl.Device;
import ai.djl.engine.Engine;

/** Device and thread selection for the PyTorch engine. */
public final class Devices {
    private Devices() {}

    /**
     * Sets libtorch's intra-op threads; must run before the engine starts (the first array).
     * Interop threads are 1: the step is one chain of operators.
     */
    public static void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + ": must be at least 1");
        }
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }

    /**
     * Applies {@code threads} to an engine that is already running (a notebook, a test calling the
     * CLI in-process): libtorch's intra-op thread count can change at any time.
     */
    public static void useThreads(int threads) {
        setThreads(threads);
        Engine.getEngine("PyTorch");
        if (ai.djl.pytorch.jni.JniUtils.getNumThreads() != threads) {
            ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
        }
    }

    /** The engine's intra-op thread count (what bit-identical CPU results depend on). */
    public static int threads() {
        Engine.getEngine("PyTorch");
        return ai.djl.pytorch.jni.JniUtils.getNumThreads();
    }

    /** {@code auto}: the first GPU if DJL sees one, else the CPU; {@code gpu} without one is an input error. */
    public static Device resolve(String name) {
        int gpus = Engine.getEngine("PyTorch").getGpuCount();
        return switch (name) {
            case "cpu" -> Device.cpu();
            case "auto" -> gpus > 0 ? Device.gpu() : Device.cpu();
            case "gpu" -> {
                if (gpus == 0) {
                    throw new IllegalArgumentException("--device gpu: the PyTorch engine sees no GPU (this build uses the CPU"
                            + " libtorch; build with -Pgpu on a CUDA machine, see README 'GPU')");
                }
                yield Device.gpu();
            }
            default -> throw new IllegalArgumentException("unknown device '" + name + "' (known: auto, cpu, gpu)");
        };
    }
}
