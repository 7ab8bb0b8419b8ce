package electra.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;

import electra.TestModels;
import electra.config.ElectraConfig;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedEmbeddingsTest {

    @Test
    void bothTowersReadOneEmbeddingParameter() {
        try (ElectraPretrainingModel model = ElectraPretrainingModel.create(TestModels.micro(),
                ElectraPretrainingModel.Parts.ELECTRA, Device.cpu(), 1)) {
            assertSame(model.embeddings(), model.generatorEmbeddings());
            Map<String, Parameter> p = model.namedParameters();
            assertEquals(1, p.keySet().stream().filter(k -> k.endsWith("word_embeddings")).count());
            assertFalse(p.keySet().stream().anyMatch(k -> k.startsWith("generator_embeddings")));
        }
    }

    @Test
    void untiedEmbeddingsAreSeparate() {
        try (ElectraPretrainingModel model = ElectraPretrainingModel.create(TestModels.micro().withTieEmbeddings(false),
                ElectraPretrainingModel.Parts.ELECTRA, Device.cpu(), 1)) {
            assertNotEquals(model.embeddings(), model.generatorEmbeddings());
            assertTrue(model.namedParameters().containsKey("generator_embeddings.word_embeddings"));
        }
    }

    /** A gradient from the generator's loss alone and from the discriminator's alone both land on the one table. */
    @Test
    void aGradientFromEitherTowerMovesTheSameArray() {
        try (ElectraPretrainingModel model = ElectraPretrainingModel.create(TestModels.micro(),
                ElectraPretrainingModel.Parts.ELECTRA, Device.cpu(), 1)) {
            NDArray table = model.namedParameters().get("embeddings.word_embeddings").getArray();
            for (String tower : new String[] {"generator", "discriminator"}) {
                float[] before = table.toFloatArray();
                try (NDManager step = model.newStepManager()) {
                    NDArray ids = step.create(new int[][] {{2, 7, 9, 11, 3}});
                    NDArray types = step.zeros(ids.getShape(), ai.djl.ndarray.types.DataType.INT32);
                    NDArray bias = ElectraEncoder.attentionBias(step.ones(ids.getShape()));
                    try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                        NDArray emb = model.embeddings().forward(model.parameterStore(), ids, types, true);
                        ElectraTower t = tower.equals("generator") ? model.generator() : model.discriminator();
                        NDArray h = t.hidden(model.parameterStore(), emb, bias, true);
                        gc.backward(h.square().mean());
                    }
                    NDArray g = table.getGradient();
                    assertTrue(g.abs().sum().getFloat() > 0, tower + " sent no gradient to the shared table");
                    table.subi(g.mul(10f)); // a plain SGD step on the one parameter
                    g.set(new ai.djl.ndarray.index.NDIndex("..."), 0);
                }
                float[] after = model.namedParameters().get("embeddings.word_embeddings").getArray().toFloatArray();
                assertFalse(java.util.Arrays.equals(before, after), tower + "'s step did not move the shared array");
                assertSame(table, model.namedParameters().get("embeddings.word_embeddings").getArray());
            }
        }
    }

    @Test
    void parameterNamesFollowHuggingFace() {
        try (ElectraPretrainingModel model = ElectraPretrainingModel.create(ElectraConfig.tiny(),
                ElectraPretrainingModel.Parts.ELECTRA, Device.cpu(), 1)) {
            Map<String, Parameter> p = model.namedParameters();
            assertTrue(p.containsKey("embeddings.LayerNorm.weight"));
            assertTrue(p.containsKey("discriminator.electra.encoder.layer.3.attention.self.query.weight"));
            assertTrue(p.containsKey("discriminator.discriminator_predictions.dense_prediction.bias"));
            assertTrue(p.containsKey("generator.electra.embeddings_project.weight")); // 128 -> 32
            assertTrue(p.containsKey("generator.generator_predictions.LayerNorm.bias"));
            assertTrue(p.containsKey("generator.generator_lm_head.bias"));
            assertFalse(p.containsKey("discriminator.electra.embeddings_project.weight")); // 128 == 128
            assertEquals(new ai.djl.ndarray.types.Shape(128, 512),
                    p.get("discriminator.electra.encoder.layer.0.output.dense.weight").getArray().getShape());
        }
    }

    @Test
    void smallHasThePapersParameterCount() {
        ElectraConfig c = ElectraConfig.small();
        try (ElectraPretrainingModel model = ElectraPretrainingModel.create(c, ElectraPretrainingModel.Parts.ELECTRA,
                Device.cpu(), 1)) {
            long disc = model.parametersOf("discriminator").values().stream().mapToLong(x -> x.getArray().size()).sum();
            long emb = model.parametersOf("embeddings").values().stream().mapToLong(x -> x.getArray().size()).sum();
            // embeddings: (30522 + 512 + 2) x 128 + LayerNorm 256
            assertEquals((30522L + 512 + 2) * 128 + 256, emb);
            // project 128->256, 12 layers of (4 x 256^2 + 4 x 256 + 2 x 256 x 1024 + 1024 + 256 + 4 x 256), head 256^2+256+256+1
            long layer = 4L * 256 * 256 + 4 * 256 + 2L * 256 * 1024 + 1024 + 256 + 4 * 256;
            assertEquals(128L * 256 + 256 + 12 * layer + 256 * 256 + 256 + 256 + 1, disc);
            // the kept model (embeddings + discriminator) is ELECTRA-Small's 13.5M parameters
            assertEquals(13.5e6, emb + disc, 0.1e6);
        }
    }
}
