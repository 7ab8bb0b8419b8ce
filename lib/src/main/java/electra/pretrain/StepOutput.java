package electra.pretrain;

import ai.djl.ndarray.NDArray;

/**
 * What one forward pass of an objective produced, all arrays in the step's manager.
 * Fields an objective does not have are null (an MLM baseline has no discriminator outputs).
 *
 * @param loss the scalar that is minimised
 * @param mlmLoss scalar generator (or MLM model) loss
 * @param mlmAccuracy scalar: argmax prediction equals the original, at masked positions
 * @param sampledMlmAccuracy scalar: the sample equals the original, at masked positions
 * @param discLoss scalar discriminator loss
 * @param discLogits (B, S) replaced-token logits
 * @param discLabels (B, S) 1 replaced, 0 original
 * @param discWeights (B, S) which tokens the discriminator is scored on
 */
public record StepOutput(NDArray loss, NDArray mlmLoss, NDArray mlmAccuracy, NDArray sampledMlmAccuracy,
                         NDArray discLoss, NDArray discLogits, NDArray discLabels, NDArray discWeights) {

    public boolean hasDiscriminator() {
        return discLogits != null;
    }
}
