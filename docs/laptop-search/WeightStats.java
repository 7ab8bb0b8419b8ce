// Diagnostic behind the README's weight-scale numbers ("Does the pretraining recipe itself matter?"): the RMS of every
// encoder tensor, and per encoder the mean over the weight matrices and embedding tables (LayerNorm and biases left out) of its RMS divided
// by random initialisation's (not part of the library).
// javac -cp 'target/classes:target/lib/*' -d /tmp/ws docs/laptop-search/WeightStats.java
// java -cp '/tmp/ws:target/classes:target/lib/*' WeightStats runs/laptop runs/laptop-lr5e4 runs/laptop-mlm
import electra.finetune.*;
import ai.djl.ndarray.*;
import ai.djl.nn.Parameter;
import java.util.*;

public class WeightStats {
    public static void main(String[] a) throws Exception {
        electra.train.Devices.setThreads(1);
        List<String> specs = new ArrayList<>(List.of("random"));
        specs.addAll(List.of(a));
        Map<String, Map<String, Double>> rms = new LinkedHashMap<>();
        for (String spec : specs) {
            EncoderSource src = EncoderSource.open(spec, "laptop");
            try (ElectraForSequenceClassification m = src.build(2, ai.djl.Device.cpu(), 1)) {
                Map<String, Double> r = new LinkedHashMap<>();
                for (Map.Entry<String, Parameter> e : m.encoderParameters().entrySet()) {
                    NDArray w = e.getValue().getArray();
                    r.put(e.getKey(), Math.sqrt(w.mul(w).mean().getFloat()));
                }
                rms.put(spec, r);
            }
        }
        Map<String, Double> random = rms.get("random");
        System.out.printf("%-60s", "rms");
        specs.forEach(s -> System.out.printf(" %14s", tail(s)));
        System.out.println();
        for (String n : random.keySet()) {
            System.out.printf("%-60s", n);
            specs.forEach(s -> System.out.printf(" %14.4f", rms.get(s).getOrDefault(n, Double.NaN)));
            System.out.println();
        }
        System.out.printf("%-60s", "weight matrices: mean RMS / random's");
        for (String s : specs) {
            double sum = 0;
            int count = 0;
            for (String n : random.keySet()) {
                if (n.endsWith("weight") && !n.contains("LayerNorm") || n.endsWith("embeddings")) {
                    sum += rms.get(s).get(n) / random.get(n);
                    count++;
                }
            }
            System.out.printf(" %14.2f", sum / count);
        }
        System.out.println();
    }

    static String tail(String s) {
        return s.length() > 14 ? s.substring(s.length() - 14) : s;
    }
}
