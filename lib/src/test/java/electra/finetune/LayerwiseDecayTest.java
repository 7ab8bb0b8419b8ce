package electra.finetune;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;

import electra.config.ElectraConfig;
import electra.train.AdamWeightDecay;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The official {@code _get_layer_lrs}: head x1, encoder layer i x 0.8^(n + 1 - i) (so the top layer
 * x 0.8^2: depth n + 1 is an empty slot), embeddings and embeddings_project x 0.8^(n + 2).
 */
class LayerwiseDecayTest {

    @Test
    void scalesFollowTheOfficialDepths() {
        int n = 4;
        ToDoubleFunction<String> s = LayerwiseDecay.scales(n, 0.8);
        assertEquals(1.0, s.applyAsDouble("classifier.weight"), 1e-15);
        assertEquals(1.0, s.applyAsDouble("classifier.bias"), 1e-15);
        for (int i = 0; i < n; i++) {
            double expected = Math.pow(0.8, n + 1 - i);
            assertEquals(expected, s.applyAsDouble("electra.encoder.layer." + i + ".attention.self.query.weight"), 1e-15);
            assertEquals(expected, s.applyAsDouble("electra.encoder.layer." + i + ".output.LayerNorm.bias"), 1e-15);
        }
        assertEquals(0.64, s.applyAsDouble("electra.encoder.layer.3.intermediate.dense.weight"), 1e-15);
        // one layer further from the output, one more factor 0.8
        assertEquals(0.8, s.applyAsDouble("electra.encoder.layer.1.output.dense.weight")
                / s.applyAsDouble("electra.encoder.layer.2.output.dense.weight"), 1e-12);
        assertEquals(Math.pow(0.8, n + 2), s.applyAsDouble("embeddings.word_embeddings"), 1e-15);
        assertEquals(Math.pow(0.8, n + 2), s.applyAsDouble("embeddings.LayerNorm.weight"), 1e-15);
        assertEquals(Math.pow(0.8, n + 2), s.applyAsDouble("electra.embeddings_project.weight"), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> s.applyAsDouble("pooler.dense.weight"));
        assertThrows(IllegalArgumentException.class, () -> s.applyAsDouble("electra.encoder.layer.4.output.dense.weight"));
        assertEquals(1.0, LayerwiseDecay.scales(n, 1.0).applyAsDouble("embeddings.word_embeddings"));
    }

    /** Every parameter of the real model gets a rate; ELECTRA-Small: 12 layers, embeddings x 0.8^14. */
    @Test
    void everyParameterOfSmallHasARate() {
        ElectraConfig small = ElectraConfig.small();
        try (ElectraForSequenceClassification model = ElectraForSequenceClassification.create(small, 2, Device.cpu(), 1)) {
            ToDoubleFunction<String> s = LayerwiseDecay.scales(model.numLayers(), 0.8);
            Map<Double, Integer> counts = new HashMap<>();
            for (String name : model.namedParameters().keySet()) {
                counts.merge(s.applyAsDouble(name), 1, Integer::sum);
            }
            assertEquals(2, counts.get(1.0)); // classifier weight and bias
            assertEquals(16, counts.get(Math.pow(0.8, 2))); // one layer's 16 tensors
            assertEquals(5 + 2, counts.get(Math.pow(0.8, 14))); // embeddings (5) + embeddings_project (2)
            assertEquals(12, model.numLayers());
        }
    }

    /**
     * The optimizer applies it: after one Adam step with the same gradient (1) everywhere, each
     * parameter moved by lr x scale x 0.1 / sqrt(0.001) (Adam without bias correction).
     */
    @Test
    void oneStepMovesEachLayerByItsRate() {
        ElectraConfig c = Fixtures.micro();
        double lr = 1e-3;
        try (ElectraForSequenceClassification model = ElectraForSequenceClassification.create(c, 2, Device.cpu(), 1)) {
            ToDoubleFunction<String> scales = LayerwiseDecay.scales(model.numLayers(), 0.8);
            Map<String, Parameter> params = model.namedParameters();
            Map<String, float[]> before = new HashMap<>();
            params.forEach((k, p) -> before.put(k, p.getArray().toFloatArray()));
            try (AdamWeightDecay adam = new AdamWeightDecay(model.getManager(), 0.0, scales);
                 NDManager sm = model.newStepManager()) {
                try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                    NDArray[] sums = params.values().stream().map(p -> p.getArray().sum()).toArray(NDArray[]::new);
                    gc.backward(NDArrays.add(sums));
                }
                adam.update(params, lr, 1e9, AdamWeightDecay.globalNorm(params));
            }
            double unit = lr * 0.1 / (Math.sqrt(0.001) + AdamWeightDecay.EPSILON);
            params.forEach((k, p) -> {
                float[] a = before.get(k);
                float[] b = p.getArray().toFloatArray();
                double sum = 0;
                for (int i = 0; i < a.length; i++) {
                    sum += a[i] - b[i];
                }
                double moved = sum / a.length;
                assertEquals(scales.applyAsDouble(k), moved / unit, 1e-3, k);
            });
        }
    }
}
