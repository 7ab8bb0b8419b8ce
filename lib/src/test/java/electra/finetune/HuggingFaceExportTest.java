package electra.finetune;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import electra.checkpoint.HuggingFaceExport;
import electra.checkpoint.HuggingFaceImport;
import electra.checkpoint.Safetensors;
import electra.checkpoint.Tensor;
import electra.config.ElectraConfig;
import electra.model.ElectraPretrainingModel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exported folders hold exactly the tensors (names, order, shapes) of Hugging Face's
 * ElectraForPreTraining and ElectraForMaskedLM for the same sizes, as the documented architecture
 * (transformers' modeling_electra.py) defines them; the lists below are written from that
 * architecture, not from our code.
 */
class HuggingFaceExportTest {

    /** state_dict of ElectraForPreTraining (v4.31+: no position_ids / token_type_ids buffers). */
    static Map<String, List<Long>> electraForPreTraining(long v, long e, long h, int layers, long ffn, long positions, long types) {
        Map<String, List<Long>> m = electraModel(v, e, h, layers, ffn, positions, types);
        m.put("discriminator_predictions.dense.weight", List.of(h, h));
        m.put("discriminator_predictions.dense.bias", List.of(h));
        m.put("discriminator_predictions.dense_prediction.weight", List.of(1L, h));
        m.put("discriminator_predictions.dense_prediction.bias", List.of(1L));
        return m;
    }

    /** state_dict of ElectraForMaskedLM (the generator). */
    static Map<String, List<Long>> electraForMaskedLm(long v, long e, long h, int layers, long ffn, long positions, long types) {
        Map<String, List<Long>> m = electraModel(v, e, h, layers, ffn, positions, types);
        m.put("generator_predictions.LayerNorm.weight", List.of(e));
        m.put("generator_predictions.LayerNorm.bias", List.of(e));
        m.put("generator_predictions.dense.weight", List.of(e, h));
        m.put("generator_predictions.dense.bias", List.of(e));
        m.put("generator_lm_head.weight", List.of(v, e));
        m.put("generator_lm_head.bias", List.of(v));
        return m;
    }

    private static Map<String, List<Long>> electraModel(long v, long e, long h, int layers, long ffn, long positions, long types) {
        Map<String, List<Long>> m = new LinkedHashMap<>();
        m.put("electra.embeddings.word_embeddings.weight", List.of(v, e));
        m.put("electra.embeddings.position_embeddings.weight", List.of(positions, e));
        m.put("electra.embeddings.token_type_embeddings.weight", List.of(types, e));
        m.put("electra.embeddings.LayerNorm.weight", List.of(e));
        m.put("electra.embeddings.LayerNorm.bias", List.of(e));
        if (e != h) {
            m.put("electra.embeddings_project.weight", List.of(h, e));
            m.put("electra.embeddings_project.bias", List.of(h));
        }
        for (int l = 0; l < layers; l++) {
            String p = "electra.encoder.layer." + l + ".";
            for (String qkv : new String[] {"query", "key", "value"}) {
                m.put(p + "attention.self." + qkv + ".weight", List.of(h, h));
                m.put(p + "attention.self." + qkv + ".bias", List.of(h));
            }
            m.put(p + "attention.output.dense.weight", List.of(h, h));
            m.put(p + "attention.output.dense.bias", List.of(h));
            m.put(p + "attention.output.LayerNorm.weight", List.of(h));
            m.put(p + "attention.output.LayerNorm.bias", List.of(h));
            m.put(p + "intermediate.dense.weight", List.of(ffn, h));
            m.put(p + "intermediate.dense.bias", List.of(ffn));
            m.put(p + "output.dense.weight", List.of(h, ffn));
            m.put(p + "output.dense.bias", List.of(h));
            m.put(p + "output.LayerNorm.weight", List.of(h));
            m.put(p + "output.LayerNorm.bias", List.of(h));
        }
        return m;
    }

    static Map<String, List<Long>> shapes(Path safetensors) throws IOException {
        Safetensors s = Safetensors.read(safetensors);
        Map<String, List<Long>> out = new LinkedHashMap<>();
        for (String n : s.names()) {
            List<Long> shape = new ArrayList<>();
            for (long d : s.entry(n).shape()) {
                shape.add(d);
            }
            out.put(n, shape);
            assertEquals("F32", s.entry(n).dtype(), n);
        }
        assertEquals(Map.of("format", "pt"), s.metadata());
        return out;
    }

    private static void exportsExactlyHuggingFaceNames(ElectraConfig c, Path dir) throws IOException {
        try (ElectraPretrainingModel model = Fixtures.pretrainingModel(c, 1)) {
            HuggingFaceExport.export(c, Tensor.of(model.namedParameters()), dir, null, "test");
        }
        ElectraConfig.Tower d = c.discriminator();
        ElectraConfig.Tower g = c.generator();
        Map<String, List<Long>> expected = electraForPreTraining(c.vocabSize(), c.embeddingSize(), d.hiddenSize(),
                d.numHiddenLayers(), d.intermediateSize(), c.maxPositionEmbeddings(), c.typeVocabSize());
        Map<String, List<Long>> actual = shapes(dir.resolve("model.safetensors"));
        assertEquals(expected, actual);
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(actual.keySet()), "module order");

        Map<String, List<Long>> expectedGen = electraForMaskedLm(c.vocabSize(), c.embeddingSize(), g.hiddenSize(),
                g.numHiddenLayers(), g.intermediateSize(), c.maxPositionEmbeddings(), c.typeVocabSize());
        assertEquals(expectedGen, shapes(dir.resolve("generator/model.safetensors")));

        JsonObject cfg = JsonParser.parseString(Files.readString(dir.resolve("config.json"), StandardCharsets.UTF_8)).getAsJsonObject();
        assertEquals("electra", cfg.get("model_type").getAsString());
        assertEquals("ElectraForPreTraining", cfg.getAsJsonArray("architectures").get(0).getAsString());
        assertEquals(d.hiddenSize(), cfg.get("hidden_size").getAsInt());
        assertEquals(c.embeddingSize(), cfg.get("embedding_size").getAsInt());
        assertEquals(d.numHiddenLayers(), cfg.get("num_hidden_layers").getAsInt());
        assertEquals(d.numAttentionHeads(), cfg.get("num_attention_heads").getAsInt());
        assertEquals(d.intermediateSize(), cfg.get("intermediate_size").getAsInt());
        assertEquals("gelu", cfg.get("hidden_act").getAsString());
        assertEquals("0.1", cfg.get("hidden_dropout_prob").getAsString());
        assertEquals("1.0E-12", cfg.get("layer_norm_eps").getAsString());
        assertEquals("first", cfg.get("summary_type").getAsString());
        JsonObject gen = JsonParser.parseString(Files.readString(dir.resolve("generator/config.json"), StandardCharsets.UTF_8)).getAsJsonObject();
        assertEquals("ElectraForMaskedLM", gen.getAsJsonArray("architectures").get(0).getAsString());
        assertEquals(g.hiddenSize(), gen.get("hidden_size").getAsInt());
        assertEquals(g.numAttentionHeads(), gen.get("num_attention_heads").getAsInt());
        assertEquals(g.intermediateSize(), gen.get("intermediate_size").getAsInt());
        assertEquals(c.embeddingSize(), gen.get("embedding_size").getAsInt());

        // the preset comes back from config.json alone
        assertEquals(c, HuggingFaceImport.read(dir).config());
    }

    @Test
    void tinyExportsExactlyTheHuggingFaceTensors(@TempDir Path dir) throws IOException {
        exportsExactlyHuggingFaceNames(ElectraConfig.tiny(), dir);
    }

    @Test
    void smallExportsExactlyTheHuggingFaceTensors(@TempDir Path dir) throws IOException {
        exportsExactlyHuggingFaceNames(ElectraConfig.small(), dir);
    }

    @Test
    void theGeneratorHeadIsTiedToTheSharedEmbeddings(@TempDir Path dir) throws IOException {
        ElectraConfig c = Fixtures.micro();
        try (ElectraPretrainingModel model = Fixtures.pretrainingModel(c, 3)) {
            HuggingFaceExport.export(c, Tensor.of(model.namedParameters()), dir, null, "test");
            float[] table = model.namedParameters().get("embeddings.word_embeddings").getArray().toFloatArray();
            Safetensors gen = Safetensors.read(dir.resolve("generator/model.safetensors"));
            Safetensors disc = Safetensors.read(dir.resolve("model.safetensors"));
            assertTrue(java.util.Arrays.equals(table, gen.tensor("generator_lm_head.weight").data()));
            assertTrue(java.util.Arrays.equals(table, gen.tensor("electra.embeddings.word_embeddings.weight").data()));
            assertTrue(java.util.Arrays.equals(table, disc.tensor("electra.embeddings.word_embeddings.weight").data()));
            assertFalse(disc.contains("electra.embeddings.position_ids"));
        }
    }

    @Test
    void tokenizerFilesAreCopiedIntoBothFolders(@TempDir Path dir) throws IOException {
        Path tok = Files.createDirectories(dir.resolve("tok"));
        Files.writeString(tok.resolve("vocab.txt"), "[PAD]\n[UNK]\n");
        Files.writeString(tok.resolve("tokenizer.json"), "{}");
        ElectraConfig c = Fixtures.micro();
        try (ElectraPretrainingModel model = Fixtures.pretrainingModel(c, 3)) {
            Path ckpt = Fixtures.writeCheckpoint(model, Files.createDirectories(dir.resolve("run")), "electra");
            HuggingFaceExport.export(ckpt.getParent(), dir.resolve("hf"), tok);
        }
        for (String f : new String[] {"vocab.txt", "tokenizer.json", "generator/vocab.txt", "generator/tokenizer.json"}) {
            assertTrue(Files.exists(dir.resolve("hf").resolve(f)), f);
        }
    }
}
