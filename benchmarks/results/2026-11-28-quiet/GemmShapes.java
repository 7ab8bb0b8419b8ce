// Throw-away: DJL/libtorch fp32 GEMM GFLOP/s at the small step's shapes (best of >= 5 runs, >= 0.3 s each).
// javac -cp "target/classes:target/lib/*" -d /tmp/g benchmarks/results/2026-11-28-quiet/GemmShapes.java
// java -cp "/tmp/g:target/classes:target/lib/*" GemmShapes 2
import ai.djl.ndarray.*;
import ai.djl.ndarray.types.Shape;
import ai.djl.Device;

/** DJL/libtorch fp32 GEMM GFLOP/s at the small step's shapes (forward NT, dX NN, dW TN), 2 threads. */
public class GemmShapes {
    public static void main(String[] a) throws Exception {
        electra.train.Devices.setThreads(Integer.parseInt(a[0]));
        int[][] shapes = {{1024,256,1024},{1024,1024,256},{1024,256,256},{256,1024,256},{256,1024,1024},{152,128,30522},{1024,1024,1024},{2048,2048,2048}};
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            for (int[] s : shapes) {
                int M = s[0], K = s[1], N = s[2];
                for (String layout : new String[] {"NN", "NT", "TN"}) {
                    NDArray x = layout.equals("TN") ? m.randomNormal(new Shape(K, M)) : m.randomNormal(new Shape(M, K));
                    NDArray w = layout.equals("NT") ? m.randomNormal(new Shape(N, K)) : m.randomNormal(new Shape(K, N));
                    NDArray xa = layout.equals("TN") ? x.transpose() : x;
                    NDArray wb = layout.equals("NT") ? w.transpose() : w;
                    long best = Long.MAX_VALUE; int reps = 0; long start = System.nanoTime();
                    while (reps < 5 || System.nanoTime() - start < 3e8) {
                        try (NDManager sub = m.newSubManager()) {
                            xa.tempAttach(sub); wb.tempAttach(sub);
                            long t0 = System.nanoTime();
                            NDArray c = xa.matMul(wb); c.getFloat(0, 0);
                            best = Math.min(best, System.nanoTime() - t0);
                        }
                        reps++;
                    }
                    System.out.printf("%5d %5d %6d %s  best %8.3f ms  %6.1f GFLOP/s%n", M, K, N, layout, best / 1e6, 2.0 * M * K * N / best);
                }
            }
        }
    }
}
