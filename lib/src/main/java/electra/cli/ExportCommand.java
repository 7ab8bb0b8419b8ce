package electra.cli;

import electra.checkpoint.HuggingFaceExport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code electra export-hf --checkpoint DIR --out DIR3 [--tokenizer PATH]}: writes the discriminator
 * as a Hugging Face {@code ElectraForPreTraining} folder and the generator as
 * {@code ElectraForMaskedLM} in {@code DIR3/generator}.
 */
@Command(name = "export", aliases = "export-hf", mixinStandardHelpOptions = true,
        description = "Export a pretraining checkpoint to Hugging Face folders (config.json + model.safetensors).")
public final class ExportCommand implements Callable<Integer> {

    @Option(names = "--checkpoint", required = true, description = "run folder (model.electra) or .electra file")
    Path checkpoint;

    @Option(names = "--out", required = true)
    Path out;

    @Option(names = "--tokenizer", description = "tokenizer.json / vocab.txt, or a folder holding them, to copy alongside")
    Path tokenizer;

    @Override
    public Integer call() throws Exception {
        try {
            HuggingFaceExport.Written w = HuggingFaceExport.export(checkpoint, out, tokenizer);
            System.out.println("discriminator: " + w.discriminator() + " (" + w.discriminatorNames().size() + " tensors)");
            if (w.generator() != null) {
                System.out.println("generator: " + w.generator());
            }
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("electra export-hf: " + e.getMessage());
            return 2;
        }
    }
}
