package electra.finetune;

/**
 * One classification example: a sentence or a sentence pair ({@code b} null for single
 * sentences) and its label index. The data layer's {@code ClassificationTask.Example} maps onto it.
 */
public record LabeledText(String a, String b, int label) {}
