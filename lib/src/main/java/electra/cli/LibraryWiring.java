package electra.cli;

import electra.config.ElectraConfig;
import electra.config.PretrainOptions;
import electra.finetune.AblationFineTuning;
import electra.finetune.FineTuneOptions;
import electra.finetune.Tasks;
import electra.train.Ablations;
import electra.train.CorpusSetup;
import electra.train.Devices;
import electra.train.PretrainRun;

/**
 * What {@link AblationsCommand} needs from the other packages: the default corpus and tokenizer
 * ({@code pretrain}, {@code bert-uncased}) and the official fine-tuning recipe on one task, as
 * {@code notebooks/03-ablations.ipynb} wires them.
 */
final class LibraryWiring implements AblationsCommand.Wiring {

    private String preset = "small";

    @Override
    public PretrainRun.Setup setup(String preset, PretrainOptions options) {
        this.preset = preset;
        return CorpusSetup.of(ElectraConfig.preset(preset), options, "pretrain", "bert-uncased", Devices.resolve("auto"));
    }

    @Override
    public Ablations.FineTuner fineTuner(String task) {
        return new AblationFineTuning(Tasks.load(task), Tasks.encoder("bert-uncased"), FineTuneOptions.official(preset),
                Devices.resolve("auto"));
    }
}
