package electra.data;

/** Ids of the special WordPiece tokens and the vocabulary size; BERT uncased: 0/100/101/102/103, 30,522. */
public record SpecialTokens(int pad, int unk, int cls, int sep, int mask, int vocabSize) {

    public static final SpecialTokens BERT_UNCASED = new SpecialTokens(0, 100, 101, 102, 103, 30522);

    /** True for tokens masking must never choose: [CLS], [SEP], [MASK] and padding. */
    public boolean isSpecial(int id) {
        return id == pad || id == cls || id == sep || id == mask;
    }
}
