package electra.data;

/** One labelled example: a text (or a pair; {@code textB} is null for single texts) and a label index. */
public record Example(String textA, String textB, int label) {

    public Example(String textA, int label) {
        this(textA, null, label);
    }

    public boolean isPair() {
        return textB != null;
    }
}
