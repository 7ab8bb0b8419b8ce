package electra.finetune;

import ai.djl.Device;
import ai.djl.nn.Parameter;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import electra.checkpoint.HuggingFaceExport;
import electra.checkpoint.HuggingFaceImport;
import electra.config.ElectraConfig;
import electra.model.ElectraPretrainingModel;
import electra.score.ReplacedTokenScorer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HuggingFaceRoundTripTest {

    static final int[] IDS = {2, 17, 40, 5, 63, 9, 3, 22, 31, 3};
    static final int[] SEGMENTS = {0, 0, 0, 0, 0, 0, 0, 1, 1, 1};

    /** checkpoint -> export -> import into a differently seeded model: every parameter bit-identical, same logits. */
    @Test
    void exportThenImportIsBitIdentical(@TempDir Path dir) throws IOException {
        ElectraConfig c = Fixtures.micro();
        try (ElectraPretrainingModel original = Fixtures.pretrainingModel(c, 1);
             ElectraPretrainingModel copy = Fixtures.pretrainingModel(c, 2)) {
            Path ckpt = Fixtures.writeCheckpoint(original, Files.createDirectories(dir.resolve("run")), "electra");
            HuggingFaceExport.export(ckpt, dir.resolve("hf"), null);
            float[] before = ReplacedTokenScorer.logits(copy, IDS, SEGMENTS);
            HuggingFaceImport.Imported imported = HuggingFaceImport.loadInto(copy, dir.resolve("hf"));

            for (Map.Entry<String, Parameter> e : original.namedParameters().entrySet()) {
                float[] a = e.getValue().getArray().toFloatArray();
                float[] b = copy.namedParameters().get(e.getKey()).getArray().toFloatArray();
                assertTrue(Arrays.equals(a, b), e.getKey() + " differs after the round trip");
            }
            float[] expected = ReplacedTokenScorer.logits(original, IDS, SEGMENTS);
            float[] actual = ReplacedTokenScorer.logits(copy, IDS, SEGMENTS);
            assertArrayEquals(expected, actual, 0f);
            assertFalse(Arrays.equals(before, actual), "the import changed nothing");
            assertEquals(renamed(c, "huggingface"), imported.config());
            assertTrue(imported.hasGenerator());
        }
    }

    private static ElectraConfig renamed(ElectraConfig c, String name) {
        return new ElectraConfig(name, c.vocabSize(), c.embeddingSize(), c.hiddenSize(), c.numHiddenLayers(),
                c.numAttentionHeads(), c.intermediateSize(), c.maxPositionEmbeddings(), c.typeVocabSize(),
                c.hiddenDropoutProb(), c.attentionDropoutProb(), c.generatorFraction(), c.tieEmbeddings(), c.preLayerNorm());
    }

    @Test
    void untiedGeneratorEmbeddingsSurviveTheRoundTrip(@TempDir Path dir) throws IOException {
        ElectraConfig c = Fixtures.micro().withTieEmbeddings(false);
        try (ElectraPretrainingModel original = Fixtures.pretrainingModel(c, 1);
             ElectraPretrainingModel copy = Fixtures.pretrainingModel(c, 2)) {
            Path ckpt = Fixtures.writeCheckpoint(original, dir, "electra");
            HuggingFaceExport.export(ckpt, dir.resolve("hf"), null);
            HuggingFaceImport.Imported imported = HuggingFaceImport.loadInto(copy, dir.resolve("hf"));
            assertFalse(imported.config().tieEmbeddings());
            for (Map.Entry<String, Parameter> e : original.namedParameters().entrySet()) {
                assertTrue(Arrays.equals(e.getValue().getArray().toFloatArray(),
                        copy.namedParameters().get(e.getKey()).getArray().toFloatArray()), e.getKey());
            }
        }
    }

    /** Fine-tuning from our checkpoint and from its export starts from the same encoder. */
    @Test
    void classifierFromCheckpointAndFromExportAgree(@TempDir Path dir) throws IOException {
        ElectraConfig c = Fixtures.micro();
        try (ElectraPretrainingModel original = Fixtures.pretrainingModel(c, 4)) {
            Fixtures.writeCheckpoint(original, dir, "electra");
            HuggingFaceExport.export(dir, dir.resolve("hf"), null);
            try (ElectraForSequenceClassification a = EncoderSource.open(dir.toString(), null).build(3, Device.cpu(), 7);
                 ElectraForSequenceClassification b = EncoderSource.open(dir.resolve("hf").toString(), null).build(3, Device.cpu(), 7)) {
                for (Map.Entry<String, Parameter> e : a.namedParameters().entrySet()) {
                    assertTrue(Arrays.equals(e.getValue().getArray().toFloatArray(),
                            b.namedParameters().get(e.getKey()).getArray().toFloatArray()), e.getKey());
                }
                float[] table = original.namedParameters().get("discriminator.electra.encoder.layer.1.output.dense.weight")
                        .getArray().toFloatArray();
                assertTrue(Arrays.equals(table, a.namedParameters().get("electra.encoder.layer.1.output.dense.weight")
                        .getArray().toFloatArray()));
                assertEquals(List.of(3L, 32L), toList(a.namedParameters().get("classifier.weight").getArray().getShape().getShape()));
            }
        }
    }

    private static List<Long> toList(long[] a) {
        return Arrays.stream(a).boxed().toList();
    }

    // ----- a Hugging Face folder written here, as transformers would: ElectraModel names, F16/BF16, buffers -----

    record Raw(String dtype, long[] shape, byte[] data) {}

    static void writeSafetensors(Path file, Map<String, Raw> tensors) throws IOException {
        JsonObject header = new JsonObject();
        JsonObject meta = new JsonObject();
        meta.addProperty("format", "pt");
        header.add("__metadata__", meta);
        long offset = 0;
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (Map.Entry<String, Raw> e : tensors.entrySet()) {
            JsonObject t = new JsonObject();
            t.addProperty("dtype", e.getValue().dtype());
            JsonArray shape = new JsonArray();
            for (long d : e.getValue().shape()) {
                shape.add(d);
            }
            t.add("shape", shape);
            JsonArray off = new JsonArray();
            off.add(offset);
            off.add(offset + e.getValue().data().length);
            t.add("data_offsets", off);
            header.add(e.getKey(), t);
            offset += e.getValue().data().length;
            data.write(e.getValue().data());
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).array());
        out.write(json);
        out.write(data.toByteArray());
        Files.createDirectories(file.getParent());
        Files.write(file, out.toByteArray());
    }

    /** float to IEEE half, exact for the values used here (multiples of 1/256 below 1). */
    static short toHalf(float f) {
        if (f == 0f) {
            return 0;
        }
        int bits = Float.floatToIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = ((bits >>> 23) & 0xff) - 127 + 15;
        int mant = (bits >>> 13) & 0x3ff;
        return (short) (sign | (exp << 10) | mant);
    }

    static byte[] encode(String dtype, float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * (dtype.equals("F32") ? 4 : 2)).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            switch (dtype) {
                case "F32" -> b.putFloat(f);
                case "F16" -> b.putShort(toHalf(f));
                case "BF16" -> b.putShort((short) (Float.floatToIntBits(f) >>> 16));
                default -> throw new IllegalArgumentException(dtype);
            }
        }
        return b.array();
    }

    static String configJson(ElectraConfig c, String modelType, String architecture) {
        return "{\n  \"_name_or_path\": \"./test\",\n  \"architectures\": [\"" + architecture + "\"],\n"
                + "  \"attention_probs_dropout_prob\": 0.1,\n  \"classifier_dropout\": null,\n"
                + "  \"embedding_size\": " + c.embeddingSize() + ",\n  \"hidden_act\": \"gelu\",\n"
                + "  \"hidden_dropout_prob\": 0.1,\n  \"hidden_size\": " + c.hiddenSize() + ",\n"
                + "  \"initializer_range\": 0.02,\n  \"intermediate_size\": " + c.intermediateSize() + ",\n"
                + "  \"layer_norm_eps\": 1e-12,\n  \"max_position_embeddings\": " + c.maxPositionEmbeddings() + ",\n"
                + "  \"model_type\": \"" + modelType + "\",\n  \"num_attention_heads\": " + c.numAttentionHeads() + ",\n"
                + "  \"num_hidden_layers\": " + c.numHiddenLayers() + ",\n  \"pad_token_id\": 0,\n"
                + "  \"position_embedding_type\": \"absolute\",\n  \"summary_activation\": \"gelu\",\n"
                + "  \"summary_last_dropout\": 0.1,\n  \"summary_type\": \"first\",\n  \"summary_use_proj\": true,\n"
                + "  \"torch_dtype\": \"float16\",\n  \"transformers_version\": \"4.44.0\",\n"
                + "  \"type_vocab_size\": " + c.typeVocabSize() + ",\n  \"use_cache\": true,\n"
                + "  \"vocab_size\": " + c.vocabSize() + "\n}\n";
    }

    /**
     * A base ElectraModel saved in half precision by an older transformers (which still wrote the
     * int64 position_ids buffer), plus a task head we do not use: the encoder loads exactly.
     */
    @Test
    void importsAHuggingFaceFolderInHalfPrecision(@TempDir Path dir) throws IOException {
        ElectraConfig c = Fixtures.micro();
        Map<String, float[]> expected = new LinkedHashMap<>();
        Map<String, Raw> tensors = new LinkedHashMap<>();
        SplittableRandom r = new SplittableRandom(5);
        try (ElectraForSequenceClassification shapeSource = ElectraForSequenceClassification.create(c, 2, Device.cpu(), 1)) {
            int k = 0;
            for (Map.Entry<String, Parameter> e : shapeSource.encoderParameters().entrySet()) {
                long[] shape = e.getValue().getArray().getShape().getShape();
                float[] v = new float[(int) e.getValue().getArray().size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (r.nextInt(255) - 127) / 256f;
                }
                String ours = e.getKey();
                String hf = ours.startsWith("embeddings.")
                        ? "embeddings." + (ours.endsWith("_embeddings") ? ours.substring(11) + ".weight" : ours.substring(11))
                        : ours.substring("electra.".length());
                String dtype = (k++ % 2 == 0) ? "F16" : "BF16";
                tensors.put(hf, new Raw(dtype, shape, encode(dtype, v)));
                expected.put(ours, v);
            }
        }
        ByteBuffer positions = ByteBuffer.allocate(8 * c.maxPositionEmbeddings()).order(ByteOrder.LITTLE_ENDIAN);
        for (long i = 0; i < c.maxPositionEmbeddings(); i++) {
            positions.putLong(i);
        }
        tensors.put("embeddings.position_ids", new Raw("I64", new long[] {1, c.maxPositionEmbeddings()}, positions.array()));
        tensors.put("classifier.dense.weight", new Raw("F32", new long[] {2, 2}, encode("F32", new float[4])));
        writeSafetensors(dir.resolve("model.safetensors"), tensors);
        Files.writeString(dir.resolve("config.json"), configJson(c, "electra", "ElectraModel"));

        EncoderSource source = EncoderSource.open(dir.toString(), null);
        assertTrue(source.pretrained());
        try (ElectraForSequenceClassification model = source.build(2, Device.cpu(), 1)) {
            for (Map.Entry<String, float[]> e : expected.entrySet()) {
                assertArrayEquals(e.getValue(), model.namedParameters().get(e.getKey()).getArray().toFloatArray(), 0f, e.getKey());
            }
        }
    }
}
