package electra.pretrain;

import ai.djl.ndarray.NDArray;

import electra.model.Scalars;

/** ELECTRA's joint objective: genWeight x MLM loss + discWeight x discriminator loss (1 and 50 in the paper). */
public final class JointLoss {
    private JointLoss() {}

    public static final double GEN_WEIGHT = 1.0;
    public static final double DISC_WEIGHT = 50.0;

    public static NDArray of(NDArray mlmLoss, NDArray discLoss, double genWeight, double discWeight) {
        return Scalars.mul(mlmLoss, genWeight).add(Scalars.mul(discLoss, discWeight));
    }
}
