package electra.train;

import ai.djl.Device;

import electra.config.ElectraConfig;
import electra.config.PretrainOptions;
import electra.data.ElectraTokenizer;
import electra.data.PretrainingCorpus;

/**
 * A {@link PretrainRun.Setup} from names: load the corpus, pack its train and held-out documents
 * into sequences of {@code options.seq()} tokens with the tokenizer, and size the vocabulary to
 * the tokenizer's. Shared by {@code ./electra pretrain}, the ablations and the notebooks.
 */
public final class CorpusSetup {

    private CorpusSetup() {}

    /**
     * @param corpus a data set name or a text file (see {@link PretrainingCorpus#load(String)})
     * @param tokenizer a catalog tokenizer name or a tokenizer.json path
     * @throws IllegalArgumentException when the corpus has no text to train on
     */
    public static PretrainRun.Setup of(ElectraConfig config, PretrainOptions options, String corpus, String tokenizer,
                                       Device device, boolean skipNonFinite, int checkpointEvery, int keepCheckpoints,
                                       int evalBatches) {
        try (ElectraTokenizer tok = ElectraTokenizer.forName(tokenizer)) {
            return PretrainRun.Setup.of(config, options, PretrainingCorpus.load(corpus), tok, tokenizer, device)
                    .withSkipNonFinite(skipNonFinite)
                    .withCheckpoints(checkpointEvery, keepCheckpoints)
                    .withEvalBatches(evalBatches);
        }
    }

    /** The notebooks' defaults: no NaN skipping, a checkpoint only at the end, 3 kept, 20 evaluation batches. */
    public static PretrainRun.Setup of(ElectraConfig config, PretrainOptions options, String corpus, String tokenizer,
                                       Device device) {
        return of(config, options, corpus, tokenizer, device, false, 0, 3, 20);
    }
}
