// Times AdamWeightDecay.update alone over ELECTRA-Small's parameters (generator + discriminator), 30 updates
// after 5 warm-up ones, 2 threads. "before" calls the per-op update of f675715 (with its step-manager argument),
// "after" the update through DJL's native adamUpdate; both by reflection, so one source serves both builds:
// javac -cp 'target/classes:target/lib/*' -d /tmp/ob benchmarks/results/2026-11-28-optimizer/OptBench.java
// OMP_WAIT_POLICY=PASSIVE java -Dai.djl.offline=true -cp '/tmp/ob:CLASSES:target/lib/*' OptBench before|after
// with CLASSES the target/classes of the matching commit; optbench.txt holds 3 alternating rounds.
// -Dwd=0 sets the weight decay (default 0.01) for the follow-up in README.md.
import electra.config.ElectraConfig;
import electra.model.ElectraPretrainingModel;
import electra.train.AdamWeightDecay;
import ai.djl.engine.Engine;
import ai.djl.ndarray.*;
import ai.djl.nn.Parameter;
import java.util.*;
public class OptBench {
    public static void main(String[] a) throws Exception {
        electra.train.Devices.setThreads(2);
        boolean newApi = a[0].equals("after");
        try (ElectraPretrainingModel m = ElectraPretrainingModel.create(ElectraConfig.small(), ElectraPretrainingModel.Parts.ELECTRA, ai.djl.Device.cpu(), 1);
             AdamWeightDecay opt = new AdamWeightDecay(m.getManager(), Double.parseDouble(System.getProperty("wd", "0.01")))) {
            Map<String, Parameter> ps = m.namedParameters();
            long n = 0; for (Parameter p : ps.values()) n += p.getArray().size();
            double[] ms = new double[30];
            for (int it = 0; it < 35; it++) {
                try (NDManager sm = m.newStepManager()) {
                    try (var gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                        NDArray loss = null;
                        for (Parameter p : ps.values()) { NDArray s = p.getArray().sum(); loss = loss == null ? s : loss.add(s); }
                        gc.backward(loss);
                    }
                    float norm = AdamWeightDecay.globalNorm(ps);
                    long t0 = System.nanoTime();
                    if (newApi) {
                        AdamWeightDecay.class.getMethod("update", Map.class, double.class, double.class, float.class).invoke(opt, ps, 1e-4, 1.0, norm);
                    } else {
                        AdamWeightDecay.class.getMethod("update", Map.class, double.class, double.class, float.class, NDManager.class).invoke(opt, ps, 1e-4, 1.0, norm, sm);
                    }
                    long t1 = System.nanoTime();
                    if (it >= 5) ms[it - 5] = (t1 - t0) / 1e6;
                }
            }
            Arrays.sort(ms);
            System.out.printf("%s: %d tensors, %,d parameters, update median %.1f ms, p10 %.1f, p90 %.1f%n", a[0], ps.size(), n, ms[15], ms[3], ms[27]);
        }
    }
}
