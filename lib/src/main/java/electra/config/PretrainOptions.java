package electra.config;

/**
 * Everything about a pretraining run that is not the model's size. Defaults are the paper's
 * (ELECTRA-Small: lr 5e-4, 10k warmup, weight decay 0.01, lambda 50), with warmup capped at
 * 10% of the run so short runs warm up too.
 */
public record PretrainOptions(
        String objective,
        int steps,
        int batch,
        int seq,
        double learningRate,
        int warmupSteps,
        double weightDecay,
        double clipNorm,
        double maskRate,
        String masking,
        double genWeight,
        double discWeight,
        double temperature,
        boolean disallowCorrect,
        String sampler,
        long seed,
        int logEvery) {

    public PretrainOptions {
        ElectraConfig.require(steps >= 1, "steps", steps, "must be at least 1");
        ElectraConfig.require(batch >= 1, "batch", batch, "must be at least 1");
        ElectraConfig.require(seq >= 8, "seq", seq, "must be at least 8");
        ElectraConfig.require(learningRate > 0, "lr", learningRate, "must be positive");
        ElectraConfig.require(warmupSteps >= 0, "warmup", warmupSteps, "must not be negative");
        ElectraConfig.require(weightDecay >= 0, "weightDecay", weightDecay, "must not be negative");
        ElectraConfig.require(clipNorm > 0, "clipNorm", clipNorm, "must be positive");
        ElectraConfig.require(maskRate > 0 && maskRate < 1, "maskRate", maskRate, "must be in (0, 1)");
        ElectraConfig.require(masking.equals("electra") || masking.equals("bert"), "masking", masking,
                "must be electra (85% [MASK], 15% kept) or bert (80/10/10)");
        ElectraConfig.require(genWeight >= 0, "genWeight", genWeight, "must not be negative");
        ElectraConfig.require(discWeight >= 0, "discWeight", discWeight, "must not be negative");
        ElectraConfig.require(temperature > 0, "temperature", temperature, "must be positive");
        ElectraConfig.require(sampler.equals("gumbel") || sampler.equals("multinomial"), "sampler", sampler,
                "must be gumbel or multinomial");
        ElectraConfig.require(logEvery >= 1, "logEvery", logEvery, "must be at least 1");
    }

    /** The paper's settings for {@code objective}, {@code steps} steps of {@code batch} x {@code seq}. */
    public static PretrainOptions defaults(String objective, int steps, int batch, int seq) {
        return new PretrainOptions(objective, steps, batch, seq, 5e-4, Math.min(10_000, Math.max(1, steps / 10)),
                0.01, 1.0, 0.15, "electra", 1.0, 50.0, 1.0, false, "gumbel", 1L, Math.max(1, Math.min(50, steps / 100)));
    }

    public PretrainOptions withSteps(int s) {
        return new PretrainOptions(objective, s, batch, seq, learningRate, warmupSteps, weightDecay, clipNorm, maskRate,
                masking, genWeight, discWeight, temperature, disallowCorrect, sampler, seed, logEvery);
    }

    public PretrainOptions withLearningRate(double lr) {
        return new PretrainOptions(objective, steps, batch, seq, lr, warmupSteps, weightDecay, clipNorm, maskRate,
                masking, genWeight, discWeight, temperature, disallowCorrect, sampler, seed, logEvery);
    }

    public PretrainOptions withWeightDecay(double wd) {
        return new PretrainOptions(objective, steps, batch, seq, learningRate, warmupSteps, wd, clipNorm, maskRate,
                masking, genWeight, discWeight, temperature, disallowCorrect, sampler, seed, logEvery);
    }

    public PretrainOptions withWarmupSteps(int w) {
        return new PretrainOptions(objective, steps, batch, seq, learningRate, w, weightDecay, clipNorm, maskRate,
                masking, genWeight, discWeight, temperature, disallowCorrect, sampler, seed, logEvery);
    }

    public PretrainOptions withSeed(long s) {
        return new PretrainOptions(objective, steps, batch, seq, learningRate, warmupSteps, weightDecay, clipNorm, maskRate,
                masking, genWeight, discWeight, temperature, disallowCorrect, sampler, s, logEvery);
    }

    public PretrainOptions withLogEvery(int n) {
        return new PretrainOptions(objective, steps, batch, seq, learningRate, warmupSteps, weightDecay, clipNorm, maskRate,
                masking, genWeight, discWeight, temperature, disallowCorrect, sampler, seed, n);
    }

    public PretrainOptions withSampling(double t, boolean disallow, String s) {
        return new PretrainOptions(objective, steps, batch, seq, learningRate, warmupSteps, weightDecay, clipNorm, maskRate,
                masking, genWeight, discWeight, t, disallow, s, seed, logEvery);
    }

    public PretrainOptions withMasking(double rate, String kind) {
        return new PretrainOptions(objective, steps, batch, seq, learningRate, warmupSteps, weightDecay, clipNorm, rate,
                kind, genWeight, discWeight, temperature, disallowCorrect, sampler, seed, logEvery);
    }

    public PretrainOptions withLossWeights(double gen, double disc) {
        return new PretrainOptions(objective, steps, batch, seq, learningRate, warmupSteps, weightDecay, clipNorm, maskRate,
                masking, gen, disc, temperature, disallowCorrect, sampler, seed, logEvery);
    }

    public PretrainOptions withObjective(String o) {
        return new PretrainOptions(o, steps, batch, seq, learningRate, warmupSteps, weightDecay, clipNorm, maskRate,
                masking, genWeight, discWeight, temperature, disallowCorrect, sampler, seed, logEvery);
    }
}
