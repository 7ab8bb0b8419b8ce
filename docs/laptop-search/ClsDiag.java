// Diagnostic behind the README's cosine numbers (not part of the library; reads private fields by reflection).
// javac -cp 'target/classes:target/lib/*' -d /tmp/diag docs/laptop-search/ClsDiag.java
// java -cp '/tmp/diag:target/classes:target/lib/*' ClsDiag random runs/laptop runs/laptop-mlm
import electra.finetune.*;
import electra.model.*;
import ai.djl.ndarray.*;
import ai.djl.ndarray.types.*;
import ai.djl.training.ParameterStore;
import java.lang.reflect.Field;
import java.util.*;

/** Mean pairwise cosine of the final [CLS] states (and of mean-pooled states) over 64 dev sentences. */
public class ClsDiag {
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
                ParameterStore ps = (ParameterStore) field(m, "parameterStore");
                int n = 64, L = 64;
                int[][] ids = new int[n][L]; int[][] mask = new int[n][L];
                for (int i = 0; i < n; i++) { PackedIds p = enc.encode(task.dev().get(i).a(), null, L);
                    for (int j = 0; j < p.length(); j++) { ids[i][j] = p.ids()[j]; mask[i][j] = 1; } }
                NDArray x = sm.create(ids); NDArray mk = sm.create(mask); NDArray seg = sm.zeros(new Shape(n, L), DataType.INT32);
                NDArray h = encd.forward(ps, emb.forward(ps, x, seg, false), ElectraEncoder.attentionBias(mk), false);
                NDArray cls = h.get(":, 0, :");
                NDArray mf = mk.toType(DataType.FLOAT32, false).expandDims(2);
                NDArray mean = h.mul(mf).sum(new int[] {1}).div(mf.sum(new int[] {1}));
                System.out.printf("%-40s cls cos %.4f   mean-pooled cos %.4f%n", spec, meanCos(cls), meanCos(mean));
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
