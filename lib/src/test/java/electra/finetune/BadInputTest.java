package electra.finetune;

import ai.djl.Device;

import electra.checkpoint.HuggingFaceExport;
import electra.checkpoint.HuggingFaceImport;
import electra.checkpoint.Safetensors;
import electra.config.ElectraConfig;
import electra.model.ElectraPretrainingModel;
import electra.score.ReplacedTokenScorer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each bad input is one clear line naming the file. */
class BadInputTest {

    @TempDir
    static Path shared;
    static Path run;
    static Path hf;

    @BeforeAll
    static void exportOnce() throws IOException {
        try (ElectraPretrainingModel model = Fixtures.pretrainingModel(Fixtures.micro(), 1)) {
            run = Files.createDirectories(shared.resolve("run"));
            Fixtures.writeCheckpoint(model, run, "electra");
            hf = shared.resolve("hf");
            HuggingFaceExport.export(run, hf, null);
        }
    }

    private static String oneLine(Executable e, String... mustContain) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        String m = ex.getMessage();
        assertFalse(m.contains("\n"), "not one line: " + m);
        for (String s : mustContain) {
            assertTrue(m.contains(s), "'" + m + "' lacks '" + s + "'");
        }
        return m;
    }

    private static Path copyOfHf(Path to) throws IOException {
        Files.createDirectories(to);
        for (String f : new String[] {"config.json", "model.safetensors"}) {
            Files.copy(hf.resolve(f), to.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        return to;
    }

    @Test
    void aCheckpointOfAnotherPreset() {
        ElectraConfig wider = new ElectraConfig("other", 64, 16, 48, 2, 2, 64, 32, 2, 0f, 0f, 0.5, true, false);
        try (ElectraPretrainingModel other = ElectraPretrainingModel.create(wider, ReplacedTokenScorer.PARTS, Device.cpu(), 1)) {
            oneLine(() -> HuggingFaceImport.loadInto(other, hf), hf.resolve("model.safetensors").toString(),
                    "shape", "another preset");
        }
        oneLine(() -> EncoderSource.open(run.toString(), "tiny"), run.resolve("model.electra").toString(),
                "preset micro", "not of preset tiny");
        oneLine(() -> EncoderSource.open(hf.toString(), "small"), hf.toString(), "not of preset small");
    }

    @Test
    void aMissingWeightsFile(@TempDir Path dir) throws IOException {
        Files.copy(hf.resolve("config.json"), dir.resolve("config.json"));
        oneLine(() -> EncoderSource.open(dir.toString(), null), dir.toString(), "missing weights file model.safetensors");
        oneLine(() -> EncoderSource.open(dir.resolve("nothing-here").toString(), null), "nothing-here", "no such");
        Path emptyRun = Files.createDirectories(dir.resolve("empty-run"));
        oneLine(() -> EncoderSource.open(emptyRun.toString(), null), emptyRun.toString(), "no model.electra");
        Path unfinished = Files.createDirectories(dir.resolve("unfinished-run")); // config.json and metrics.csv, no weights yet
        Files.writeString(unfinished.resolve("config.json"), "{\"format\": 1}");
        Files.writeString(unfinished.resolve("metrics.csv"), "step,loss\n");
        oneLine(() -> EncoderSource.open(unfinished.toString(), null), unfinished.toString(),
                "a pretraining run without model.electra (not finished yet");
    }

    @Test
    void aTruncatedWeightsFile(@TempDir Path dir) throws IOException {
        Path copy = copyOfHf(dir);
        Path weights = copy.resolve("model.safetensors");
        byte[] all = Files.readAllBytes(weights);
        Files.write(weights, Arrays.copyOf(all, all.length - 100));
        oneLine(() -> EncoderSource.open(copy.toString(), null), weights.toString(), "corrupted or truncated");
        Files.write(weights, Arrays.copyOf(all, 5));
        oneLine(() -> EncoderSource.open(copy.toString(), null), weights.toString(), "truncated");
    }

    @Test
    void aDamagedHeader(@TempDir Path dir) throws IOException {
        Path copy = copyOfHf(dir);
        Path weights = copy.resolve("model.safetensors");
        byte[] all = Files.readAllBytes(weights);
        byte[] garbled = all.clone();
        Arrays.fill(garbled, 8, 40, (byte) '#');
        Files.write(weights, garbled);
        oneLine(() -> EncoderSource.open(copy.toString(), null), weights.toString(), "not valid JSON");
        byte[] badLength = all.clone();
        ByteBuffer.wrap(badLength).order(ByteOrder.LITTLE_ENDIAN).putLong(0, Long.MAX_VALUE / 2);
        Files.write(weights, badLength);
        oneLine(() -> EncoderSource.open(copy.toString(), null), weights.toString(), "header length");
    }

    @Test
    void aCorruptedCheckpointOfOurs(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.electra");
        byte[] all = Files.readAllBytes(run.resolve("model.electra"));
        all[all.length / 2] ^= 0x55;
        Files.write(file, all);
        oneLine(() -> EncoderSource.open(dir.toString(), null), file.toString(), "checksum mismatch");
        oneLine(() -> ReplacedTokenScorer.load(dir, Device.cpu()), file.toString(), "checksum mismatch");
    }

    @Test
    void aConfigThatIsNotElectra(@TempDir Path dir) throws IOException {
        Path copy = copyOfHf(dir);
        String cfg = Files.readString(copy.resolve("config.json"), StandardCharsets.UTF_8)
                .replace("\"model_type\": \"electra\"", "\"model_type\": \"bert\"");
        Files.writeString(copy.resolve("config.json"), cfg);
        oneLine(() -> EncoderSource.open(copy.toString(), null), copy.resolve("config.json").toString(),
                "model_type is 'bert', not 'electra'");
        Files.writeString(copy.resolve("config.json"), "{\"hidden_size\": 32}");
        oneLine(() -> HuggingFaceImport.read(copy), "config.json", "model_type is missing");
        Files.writeString(copy.resolve("config.json"), "not json at all {");
        oneLine(() -> HuggingFaceImport.read(copy), "config.json", "not valid JSON");
    }

    @Test
    void anUnknownOrNonFloatDtype(@TempDir Path dir) throws IOException {
        Path copy = copyOfHf(dir);
        Path weights = copy.resolve("model.safetensors");
        byte[] all = Files.readAllBytes(weights);
        long headerLength = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        String header = new String(all, 8, (int) headerLength, StandardCharsets.UTF_8);
        // same byte length: F32 -> I32 for one weight we need, then an unknown name
        String first = header.replaceFirst("\"F32\"", "\"I32\"");
        byte[] a = all.clone();
        System.arraycopy(first.getBytes(StandardCharsets.UTF_8), 0, a, 8, (int) headerLength);
        Files.write(weights, a);
        oneLine(() -> EncoderSource.open(copy.toString(), null), weights.toString(), "dtype I32", "not a float type");
        String unknown = header.replaceFirst("\"F32\"", "\"Q32\"");
        System.arraycopy(unknown.getBytes(StandardCharsets.UTF_8), 0, a, 8, (int) headerLength);
        Files.write(weights, a);
        oneLine(() -> Safetensors.read(weights), weights.toString(), "unknown dtype Q32");
    }

    @Test
    void scoringNeedsTheReplacedTokenHead(@TempDir Path dir) throws IOException {
        try (ElectraPretrainingModel mlm = ElectraPretrainingModel.create(Fixtures.micro(),
                ElectraPretrainingModel.Parts.MLM, Device.cpu(), 1)) {
            Fixtures.writeCheckpoint(mlm, dir, "mlm");
        }
        oneLine(() -> ReplacedTokenScorer.load(dir, Device.cpu()), "model.electra", "objective mlm");
    }

    @Test
    void idsOutsideTheVocabulary() {
        TextEncoder wrong = (a, b, max) -> new PackedIds(new int[] {2, 999, 3}, new int[3]);
        TaskData task = new TaskData("toy", java.util.List.of("no", "yes"), Fixtures.markerTask(4, 1),
                Fixtures.markerTask(4, 2), "accuracy");
        oneLine(() -> new FineTuner(EncoderSource.random(Fixtures.micro()), task, wrong,
                FineTuneOptions.official("tiny").withMaxLength(16), Device.cpu()), "token id 999", "vocabulary of 64");
        oneLine(() -> new TaskData("toy", java.util.List.of("no", "yes"),
                java.util.List.of(new LabeledText("5", null, 2)), Fixtures.markerTask(1, 1), "accuracy"), "label 2");
        oneLine(() -> EncoderSource.open("random", null), "--preset");
    }
}
