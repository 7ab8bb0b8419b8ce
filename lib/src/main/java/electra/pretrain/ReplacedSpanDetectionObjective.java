package electra.pretrain;

import electra.data.SpecialTokens;

import java.util.SplittableRandom;

/**
 * Replaced span detection (the study notes' suggestion): ELECTRA's generator and discriminator
 * unchanged, but the masked positions are contiguous SpanBERT-style spans ({@link SpanMasking}),
 * so the generator must fill whole spans from the outside context and the discriminator sees
 * runs of replaced tokens.
 */
public final class ReplacedSpanDetectionObjective extends ElectraObjective {

    @Override
    public String name() {
        return "rsd";
    }

    @Override
    public MaskedBatch mask(TokenBatch batch, SpecialTokens special, Masking.Options masking, SplittableRandom rng) {
        return SpanMasking.mask(batch, special, masking, rng);
    }
}
