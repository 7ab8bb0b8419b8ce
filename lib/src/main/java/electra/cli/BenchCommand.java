package electra.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;

import com.google.gson.JsonObject;

import electra.checkpoint.Checkpoint;
import electra.config.ElectraConfig;
import electra.config.PretrainOptions;
import electra.data.SpecialTokens;
import electra.pretrain.FlopCounter;
import electra.pretrain.Objective;
import electra.pretrain.Objectives;
import electra.pretrain.TokenCounts;
import electra.pretrain.Sequences;
import electra.train.Devices;
import electra.train.Pretrainer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * {@code ./electra bench}: the full training step (masking, generator, sampling, discriminator,
 * backward, optimizer) timed after warm-up, on synthetic batches with real shapes (random ids,
 * lengths uniform in [seq/2, seq], padding); or, with {@code --gemm}, the engine's fp32 matrix
 * multiply throughput, the ceiling to read the step's GFLOP/s against. One JSON line on stdout,
 * with the same fields as {@code benchmarks/torch_peer.py}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Time the training step (or a GEMM with --gemm) and print one JSON line.")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--preset", defaultValue = "tiny") String preset;
    @Option(names = "--objective", defaultValue = "electra") String objective;
    @Option(names = "--batch", defaultValue = "8") int batch;
    @Option(names = "--seq", defaultValue = "128") int seq;
    @Option(names = "--steps", defaultValue = "20", description = "timed steps") int steps;
    @Option(names = "--warmup", defaultValue = "3", description = "untimed steps first") int warmup;
    @Option(names = "--threads", description = "engine threads (default: all cores)") Integer threads;
    @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu or auto") String device;
    @Option(names = "--gemm", description = "measure fp32 GEMM GFLOP/s instead of the step") boolean gemm;
    @Option(names = "--gemm-size", defaultValue = "1024", description = "n for the n x n x n GEMM") int gemmSize;
    @Option(names = "--rss-every", defaultValue = "0",
            description = "also record resident memory after every N-th timed step (a leak check: rss_mb_at_step)")
    int rssEvery;
    @Option(names = "--profile", paramLabel = "FILE",
            description = "after the timed steps, run 3 more under libtorch's profiler and write its Chrome trace to FILE"
                    + " (benchmarks/trace_summary.py tabulates it)")
    Path profile;
    @Option(names = "--debug", description = "show stack traces") boolean debug;

    /** Steps recorded by {@code --profile}. */
    static final int PROFILED_STEPS = 3;

    @Override
    public Integer call() throws IOException {
        if (steps < 1 || warmup < 0 || batch < 1 || rssEvery < 0) {
            throw new IllegalArgumentException("--steps and --batch must be at least 1, --warmup and --rss-every at least 0");
        }
        if (profile != null) {
            if (gemm) {
                throw new IllegalArgumentException("--profile records the training step, not --gemm");
            }
            Path parent = profile.toAbsolutePath().getParent();
            if (parent == null || !Files.isDirectory(parent)) {
                throw new IllegalArgumentException("--profile " + profile + ": no such folder " + parent);
            }
        }
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Devices.setThreads(t);
        JsonObject out = gemm ? gemm(t) : step(t);
        System.out.println(Checkpoint.gson().toJson(out));
        return 0;
    }

    private JsonObject step(int t) {
        ElectraConfig config = ElectraConfig.preset(preset);
        config.checkSequenceLength(seq);
        Objectives.check(objective);
        PretrainOptions options = PretrainOptions.defaults(objective, warmup + steps, batch, seq);
        Sequences data = syntheticSequences(4 * batch, seq, 1, config.vocabSize());
        Objective o = Objectives.byName(objective, () -> TokenCounts.of(data, config.vocabSize()));
        double[] ms = new double[steps];
        JsonObject rss = new JsonObject();
        long params;
        try (Pretrainer p = new Pretrainer(config, options, o, data, specials(config.vocabSize()), Devices.resolve(device), true)) {
            params = p.model().parameterCount();
            for (int i = 0; i < warmup; i++) {
                p.step();
            }
            for (int i = 0; i < steps; i++) {
                long t0 = System.nanoTime();
                p.step();
                ms[i] = (System.nanoTime() - t0) / 1e6;
                if (rssEvery > 0 && (i + 1) % rssEvery == 0) {
                    rss.addProperty(Integer.toString(i + 1), round(residentMb("VmRSS:")));
                }
            }
            if (profile != null) { // after the timing: the profiler's own overhead stays out of it
                JniUtils.startProfile(false, true, false);
                for (int i = 0; i < PROFILED_STEPS; i++) {
                    p.step();
                }
                JniUtils.stopProfile(profile.toAbsolutePath().toString());
            }
        }
        double flops = FlopCounter.trainingStep(config, o, options);
        double median = quantile(ms, 0.5);
        JsonObject j = new JsonObject();
        j.addProperty("preset", preset);
        j.addProperty("objective", objective);
        j.addProperty("batch", batch);
        j.addProperty("seq", seq);
        j.addProperty("device", device);
        j.addProperty("threads", t);
        j.addProperty("params", params);
        j.addProperty("step_ms_median", round(median));
        j.addProperty("step_ms_p90", round(quantile(ms, 0.9)));
        j.addProperty("tokens_per_second", round(batch * seq / (median / 1000)));
        j.addProperty("model_gflops_per_step", round(flops / 1e9));
        j.addProperty("achieved_gflops_per_second", round(flops / 1e9 / (median / 1000)));
        j.addProperty("peak_rss_mb", peakRssMb());
        if (rssEvery > 0) {
            j.add("rss_mb_at_step", rss);
        }
        j.addProperty("engine", "djl-pytorch " + Engine.getEngine("PyTorch").getVersion());
        return j;
    }

    private JsonObject gemm(int t) {
        int n = gemmSize;
        double[] ms = new double[steps];
        try (NDManager m = NDManager.newBaseManager(Devices.resolve(device))) {
            NDArray a = m.randomNormal(new Shape(n, n));
            NDArray b = m.randomNormal(new Shape(n, n));
            for (int i = 0; i < warmup + steps; i++) {
                try (NDManager sub = m.newSubManager()) {
                    a.tempAttach(sub);
                    b.tempAttach(sub);
                    long t0 = System.nanoTime();
                    a.matMul(b).getFloat(0, 0); // the read waits for the result on a GPU
                    if (i >= warmup) {
                        ms[i - warmup] = (System.nanoTime() - t0) / 1e6;
                    }
                }
            }
        }
        double median = quantile(ms, 0.5);
        JsonObject j = new JsonObject();
        j.addProperty("gemm", n + "x" + n + "x" + n);
        j.addProperty("device", device);
        j.addProperty("threads", t);
        j.addProperty("ms_median", round(median));
        j.addProperty("gflops_per_second", round(2.0 * n * n * n / 1e9 / (median / 1000)));
        j.addProperty("engine", "djl-pytorch " + Engine.getEngine("PyTorch").getVersion());
        return j;
    }

    /** BERT's special ids (all below 104) in a vocabulary of {@code vocabSize} entries. */
    static SpecialTokens specials(int vocabSize) {
        SpecialTokens b = SpecialTokens.BERT_UNCASED;
        return new SpecialTokens(b.pad(), b.unk(), b.cls(), b.sep(), b.mask(), vocabSize);
    }

    /** Random word ids in [1000, vocabSize), [CLS] ... [SEP], length uniform in [seq/2, seq]. */
    static Sequences syntheticSequences(int n, int seq, long seed, int vocabSize) {
        SplittableRandom r = new SplittableRandom(seed);
        SpecialTokens sp = specials(vocabSize);
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int len = seq / 2 + r.nextInt(seq - seq / 2 + 1);
            int[] s = new int[len];
            s[0] = sp.cls();
            s[len - 1] = sp.sep();
            for (int k = 1; k < len - 1; k++) {
                s[k] = 1000 + r.nextInt(vocabSize - 1000);
            }
            out.add(s);
        }
        return Sequences.of(out);
    }

    private static double quantile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[(int) Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))];
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** VmHWM from /proc: the process's peak resident memory (Linux); -1 elsewhere. */
    static double peakRssMb() {
        return residentMb("VmHWM:");
    }

    /** A memory line of /proc/self/status in MB (VmRSS: now, VmHWM: peak); -1 where there is none. */
    static double residentMb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
