package electra.train;

import ai.djl.Device;

import electra.config.ElectraConfig;
import electra.config.PretrainOptions;
import electra.data.ElectraTokenizer;
import electra.data.PackedSequence;
import electra.data.PretrainingCorpus;
import electra.pretrain.Sequences;

import java.util.ArrayList;
import java.util.List;

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
        config.checkSequenceLength(options.seq());
        try (ElectraTokenizer tok = ElectraTokenizer.forName(tokenizer)) {
            ElectraConfig sized = config.withVocabSize(tok.vocabSize());
            PretrainingCorpus text = PretrainingCorpus.load(corpus);
            Sequences train = sequences(text.packTrain(tok, options.seq()));
            Sequences heldOut = sequences(text.packHeldout(tok, options.seq()));
            if (train.size() == 0) {
                throw new IllegalArgumentException("--corpus " + corpus + ": no text to train on");
            }
            return new PretrainRun.Setup(sized, options, train, heldOut.size() > 0 ? heldOut : train, tok.specials(),
                    tokenizer, corpus, device, skipNonFinite, checkpointEvery, keepCheckpoints, evalBatches);
        }
    }

    /** The notebooks' defaults: no NaN skipping, a checkpoint only at the end, 3 kept, 20 evaluation batches. */
    public static PretrainRun.Setup of(ElectraConfig config, PretrainOptions options, String corpus, String tokenizer,
                                       Device device) {
        return of(config, options, corpus, tokenizer, device, false, 0, 3, 20);
    }

    /** Packed sequences as the model's input record. */
    public static Sequences sequences(List<PackedSequence> packed) {
        List<int[]> ids = new ArrayList<>(packed.size());
        List<int[]> segments = new ArrayList<>(packed.size());
        for (PackedSequence p : packed) {
            ids.add(p.ids());
            segments.add(p.segmentIds());
        }
        return new Sequences(ids, segments);
    }
}
