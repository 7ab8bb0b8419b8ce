package electra.finetune;

import ai.djl.Device;

import electra.model.ElectraPretrainingModel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReinitTopLayersTest {

    @Test
    void theTopLayersKeepTheFreshInitialisationAndTheRestTheCheckpoint(@TempDir Path dir) throws IOException {
        Map<String, float[]> pretrained = new java.util.LinkedHashMap<>();
        try (ElectraPretrainingModel original = Fixtures.pretrainingModel(Fixtures.micro(), 4)) {
            Fixtures.writeCheckpoint(original, dir, "electra");
            original.namedParameters().forEach((k, v) -> pretrained.put(k, v.getArray().toFloatArray()));
        }
        EncoderSource source = EncoderSource.open(dir.toString(), null);
        int n = source.config().numHiddenLayers();
        assertEquals(2, n, "the micro fixture has two layers");
        try (ElectraForSequenceClassification fresh = EncoderSource.random(source.config()).build(2, Device.cpu(), 9);
             ElectraForSequenceClassification model = source.build(2, Pooling.CLS, 1, Device.cpu(), 9)) {
            int fromFresh = 0;
            int fromCheckpoint = 0;
            for (Map.Entry<String, ai.djl.nn.Parameter> e : model.namedParameters().entrySet()) {
                String name = e.getKey();
                float[] now = e.getValue().getArray().toFloatArray();
                if (name.startsWith("electra.encoder.layer.1.") || name.startsWith("classifier.")) {
                    assertTrue(Arrays.equals(fresh.namedParameters().get(name).getArray().toFloatArray(), now), name);
                    fromFresh++;
                } else {
                    String key = name.startsWith("electra.") ? "discriminator." + name : name;
                    assertTrue(Arrays.equals(pretrained.get(key), now), name);
                    fromCheckpoint++;
                }
            }
            assertEquals(18, fromFresh, "16 parameters of a layer and the classifier's 2");
            assertTrue(fromCheckpoint > 16, "the embeddings and layer 0 from the checkpoint");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> source.build(2, Pooling.CLS, 3, Device.cpu(), 9));
        assertEquals("re-initialise 3 top layers: the encoder has 2", e.getMessage());
    }
}
