package electra.finetune;

import ai.djl.Device;

import electra.train.Ablations;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Fine-tuning as the ablation study needs it ({@link Ablations.FineTuner}): each kept model is
 * fine-tuned on the same task with the same recipe and seed, and scored in percent (accuracy x
 * 100, or MCC x 100). The per-epoch rows of every run are kept for plots.
 */
public final class AblationFineTuning implements Ablations.FineTuner {

    private final TaskData task;
    private final TextEncoder encoder;
    private final FineTuneOptions options;
    private final Device device;
    private final List<FineTuneResult> results = Collections.synchronizedList(new ArrayList<>());

    public AblationFineTuning(TaskData task, TextEncoder encoder, FineTuneOptions options, Device device) {
        this.task = task;
        this.encoder = encoder;
        this.options = options;
        this.device = device;
    }

    @Override
    public double score(electra.model.ElectraPretrainingModel keptModel, int seed) {
        EncoderSource source = EncoderSource.of(keptModel, "kept model", null);
        FineTuner tuner = new FineTuner(source, task, encoder,
                options.withMaxLength(Math.min(options.maxLength(), source.config().maxPositionEmbeddings()))
                        .withSeeds(1, seed), device);
        FineTuneResult r = tuner.run(null);
        results.add(r);
        return 100 * r.median();
    }

    /** Every fine-tuning run so far, in order. */
    public List<FineTuneResult> results() {
        return List.copyOf(results);
    }
}
