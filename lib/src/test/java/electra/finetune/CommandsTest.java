package electra.finetune;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import electra.cli.ExportCommand;
import electra.cli.FinetuneCommand;
import electra.cli.ScoreCommand;
import electra.model.ElectraPretrainingModel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command classes with toy providers standing in for the data layer. */
class CommandsTest {

    record Run(int code, String out, String err) {}

    private static Run capture(Supplier<Integer> body) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = body.get();
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void finetuneScoreAndExportFromARunFolder(@TempDir Path dir) throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        try (ElectraPretrainingModel model = Fixtures.pretrainingModel(Fixtures.micro(), 2)) {
            Fixtures.writeCheckpoint(model, run, "electra");
        }
        TaskData task = new TaskData("marker", List.of("absent", "present"), Fixtures.markerTask(64, 1),
                Fixtures.markerTask(32, 2), "accuracy");
        List<String> tokenizersAsked = new java.util.ArrayList<>();
        FinetuneCommand finetune = new FinetuneCommand(name -> task, spec -> {
            tokenizersAsked.add(spec);
            return Fixtures.TOY_ENCODER;
        });
        Path out = dir.resolve("ft");
        Run r = capture(() -> new CommandLine(finetune).execute("--checkpoint", run.toString(), "--task", "marker",
                "--epochs", "1", "--seeds", "2", "--max-length", "32", "--out", out.toString()));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("marker accuracy: median"), r.out());
        assertEquals(List.of("toy-tokenizer"), tokenizersAsked);
        JsonObject json = JsonParser.parseString(Files.readString(out.resolve("results.json"))).getAsJsonObject();
        assertEquals(2, json.getAsJsonArray("per_seed").size());
        assertEquals(3, Files.readAllLines(out.resolve("epochs.csv")).size());

        Run bad = capture(() -> new CommandLine(new FinetuneCommand(name -> task, spec -> Fixtures.TOY_ENCODER)).execute(
                "--checkpoint", run.toString(), "--preset", "small", "--task", "marker", "--out", out.toString()));
        assertEquals(2, bad.code());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertTrue(bad.err().contains("not of preset small"), bad.err());
        assertEquals("cls", json.getAsJsonObject("options").get("pooling").getAsString(), "the official head by default");
        assertEquals(0.0, json.getAsJsonObject("options").get("dropout").getAsDouble(), "the checkpoint's dropout by default");
        assertFalse(json.getAsJsonObject("options").get("bias_correction").getAsBoolean(), "the official optimizer by default");
        assertEquals(1.0, json.getAsJsonObject("options").get("shrink_perturb").getAsDouble(), "the checkpoint as it is by default");

        Path meanOut = dir.resolve("ft-mean");
        Run mean = capture(() -> new CommandLine(new FinetuneCommand(name -> task, spec -> Fixtures.TOY_ENCODER)).execute(
                "--checkpoint", run.toString(), "--task", "marker", "--epochs", "1", "--seeds", "1", "--max-length", "32",
                "--pooling", "mean", "--dropout", "0.1", "--bias-correction", "--shrink-perturb", "0.25",
                "--out", meanOut.toString()));
        assertEquals(0, mean.code(), mean.err());
        JsonObject meanOptions = JsonParser.parseString(Files.readString(meanOut.resolve("results.json"))).getAsJsonObject()
                .getAsJsonObject("options");
        assertEquals("mean", meanOptions.get("pooling").getAsString());
        assertEquals(0.1f, meanOptions.get("dropout").getAsFloat(), "the fine-tuning dropout chosen");
        assertTrue(mean.err().contains("dropout 0.10"), mean.err());
        assertTrue(meanOptions.get("bias_correction").getAsBoolean());
        assertTrue(mean.err().contains("Adam with bias correction"), mean.err());
        assertEquals(0.25, meanOptions.get("shrink_perturb").getAsDouble());
        assertTrue(mean.err().contains("shrink and perturb 0.25"), mean.err());
        Map<String, String> refused = Map.of(
                "--pooling=max", "electra finetune: pooling 'max': use cls (the official) or mean",
                "--dropout=1", "electra finetune: dropout = 1.0: out of range",
                "--shrink-perturb=1.5", "electra finetune: --shrink-perturb 1.5: must be in [0, 1]",
                "--shrink-perturb=NaN", "electra finetune: --shrink-perturb NaN: must be in [0, 1]");
        for (Map.Entry<String, String> option : refused.entrySet()) {
            Path badOut = dir.resolve("ft-refused");
            Run r2 = capture(() -> new CommandLine(new FinetuneCommand(name -> task, spec -> Fixtures.TOY_ENCODER)).execute(
                    "--checkpoint", run.toString(), "--task", "marker", option.getKey(), "--out", badOut.toString()));
            assertEquals(2, r2.code(), option.getKey());
            assertEquals(option.getValue(), r2.err().strip());
            assertTrue(!Files.exists(badOut), option.getKey() + ": nothing written");
        }

        Path randomOut = dir.resolve("ft-random");
        Run fromRandom = capture(() -> new CommandLine(new FinetuneCommand(name -> task, spec -> Fixtures.TOY_ENCODER)).execute(
                "--checkpoint", "random", "--preset", "tiny", "--task", "marker", "--shrink-perturb", "0.5",
                "--out", randomOut.toString()));
        assertEquals(2, fromRandom.code());
        assertEquals("electra finetune: --shrink-perturb 0.5 needs a pretrained checkpoint, not random", fromRandom.err().strip());
        assertFalse(Files.exists(randomOut));

        Run score = capture(() -> new CommandLine(new ScoreCommand(spec -> Fixtures.TOY_ENCODER)).execute(
                "--checkpoint", run.toString(), "--text", "7 8 9"));
        assertEquals(0, score.code(), score.err());
        List<String> lines = score.out().strip().lines().toList();
        assertEquals(5, lines.size()); // [CLS] 7 8 9 [SEP]
        JsonObject first = JsonParser.parseString(lines.get(0)).getAsJsonObject();
        assertEquals("[CLS]", first.get("token").getAsString());
        assertEquals(2, first.get("id").getAsInt());
        double p = first.get("p_replaced").getAsDouble();
        assertTrue(p > 0 && p < 1);

        Run export = capture(() -> new CommandLine(new ExportCommand()).execute(
                "--checkpoint", run.toString(), "--out", dir.resolve("hf").toString()));
        assertEquals(0, export.code(), export.err());
        assertTrue(Files.exists(dir.resolve("hf/model.safetensors")));
        assertTrue(Files.exists(dir.resolve("hf/generator/model.safetensors")));
    }
}
