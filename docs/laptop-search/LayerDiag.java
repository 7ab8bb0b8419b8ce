// Diagnostic behind the README's similarity numbers: per layer for mean-pooled states, and the top layer's [CLS] state
// (not part of the library; reads private fields by reflection).
// javac -cp 'target/classes:target/lib/*' -d /tmp/diag docs/laptop-search/LayerDiag.java
// java -cp '/tmp/diag:target/classes:target/lib/*' LayerDiag random runs/laptop runs/laptop-mlm runs/electra-4e12
import electra.finetune.*;
import electra.model.*;
import ai.djl.ndarray.*;
import ai.djl.ndarray.types.*;
import ai.djl.training.ParameterStore;
import java.lang.reflect.Field;
import java.util.*;

/**
 * Mean pairwise cosine over 64 sentiment dev sentences of the mean-pooled states after the embeddings and after each
 * layer, and of the top layer's [CLS] states.
 */
public class LayerDiag {
    static Object field(Object o, String n) throws Exception { Field f = o.getClass().getDeclaredField(n); f.setAccessible(true); return f.get(o); }
    public static void main(String[] a) throws Exception {
        electra.train.Devices.setThreads(1);
        TaskData task = Tasks.load("sentiment");
        TextEncoder enc = Tasks.encoder("wordpiece-8k");
        for (String spec : a) {
            EncoderSource src = EncoderSource.open(spec, "laptop");
            try (ElectraForSequenceClassification m = src.build(2, ai.djl.Device.cpu(), 1);
                 NDManager sm = m.newStepManager()) {
                ElectraEmbeddings emb = (ElectraEmbeddings) field(m, "embeddings");
                ElectraEncoder encd = (ElectraEncoder) field(m, "electra");
                @SuppressWarnings("unchecked") List<ElectraLayer> layers = (List<ElectraLayer>) field(encd, "layers");
                ParameterStore ps = (ParameterStore) field(m, "parameterStore");
                int n = 64, L = 64;
                int[][] ids = new int[n][L]; int[][] mask = new int[n][L];
                for (int i = 0; i < n; i++) { PackedIds p = enc.encode(task.dev().get(i).a(), null, L);
                    for (int j = 0; j < p.length(); j++) { ids[i][j] = p.ids()[j]; mask[i][j] = 1; } }
                NDArray x = sm.create(ids); NDArray mk = sm.create(mask); NDArray seg = sm.zeros(new Shape(n, L), DataType.INT32);
                NDArray bias = ElectraEncoder.attentionBias(mk);
                NDArray h = emb.forward(ps, x, seg, false);
                NDArray mf = mk.toType(DataType.FLOAT32, false).expandDims(2);
                StringBuilder line = new StringBuilder(String.format("%-40s emb %.4f", spec, meanCos(h.mul(mf).sum(new int[] {1}).div(mf.sum(new int[] {1})))));
                for (int i = 0; i < layers.size(); i++) {
                    h = layers.get(i).forward(ps, h, bias, false);
                    line.append(String.format("  L%d %.4f", i, meanCos(h.mul(mf).sum(new int[] {1}).div(mf.sum(new int[] {1})))));
                }
                line.append(String.format("  top [CLS] %.4f", meanCos(h.get(":, 0, :"))));
                System.out.println(line);
            }
        }
    }
    static double meanCos(NDArray v) {
        NDArray u = v.div(v.norm(new int[] {1}, true));
        NDArray c = u.matMul(u.transpose());
        long n = v.getShape().get(0);
        return (c.sum().getFloat() - n) / (n * (n - 1));
    }
}
