package electra.cli;

import com.google.gson.JsonObject;

import electra.finetune.PackedIds;
import electra.finetune.TextEncoder;
import electra.score.ReplacedTokenScorer;
import electra.train.Devices;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code electra score --checkpoint DIR --text "..."}: the discriminator's probability that each
 * token was replaced, one JSON line per token ({@code token}, {@code id}, {@code p_replaced}),
 * [CLS] and [SEP] included. The tokenizer comes from the caller, as for {@link FinetuneCommand}.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Per-token p(replaced) from a pretrained discriminator.")
public final class ScoreCommand implements Callable<Integer> {

    @Option(names = "--checkpoint", required = true, description = "our run folder or .electra file, or a Hugging Face ElectraForPreTraining folder")
    Path checkpoint;

    @Option(names = "--text", required = true)
    String text;

    @Option(names = "--text-b", description = "optional second segment")
    String textB;

    @Option(names = "--tokenizer", description = "tokenizer spec (default: the one the checkpoint was trained with)")
    String tokenizer;

    @Option(names = "--max-length", defaultValue = "128")
    int maxLength;

    @Option(names = "--device", defaultValue = "auto")
    String device;

    private final Function<String, TextEncoder> tokenizers;

    public ScoreCommand(Function<String, TextEncoder> tokenizers) {
        this.tokenizers = tokenizers;
    }

    @Override
    public Integer call() throws Exception {
        try (ReplacedTokenScorer scorer = ReplacedTokenScorer.load(checkpoint, Devices.resolve(device))) {
            TextEncoder encoder = tokenizers.apply(tokenizer != null ? tokenizer : scorer.tokenizer());
            int max = Math.min(maxLength, scorer.model().config().maxPositionEmbeddings());
            PackedIds packed = encoder.encode(text, textB, max);
            float[] p = scorer.pReplaced(packed.ids(), packed.segmentIds());
            for (int i = 0; i < p.length; i++) {
                JsonObject o = new JsonObject();
                o.addProperty("token", encoder.token(packed.ids()[i]));
                o.addProperty("id", packed.ids()[i]);
                o.addProperty("p_replaced", Math.round(p[i] * 1e6) / 1e6);
                System.out.println(o);
            }
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("electra score: " + e.getMessage());
            return 2;
        }
    }
}
