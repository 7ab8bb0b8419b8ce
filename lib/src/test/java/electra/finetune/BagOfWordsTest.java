package electra.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import java.util.List;

class BagOfWordsTest {

    private static LabeledText x(String text, int label) {
        return new LabeledText(text, null, label);
    }

    @Test
    void wordsAreLowerCasedRunsOfLettersDigitsAndApostrophes() {
        assertEquals(List.of("it's", "great", "10", "out", "of", "10"), BagOfWords.words("It's GREAT: 10 out-of 10!"));
        assertEquals(List.of(), BagOfWords.words(null));
    }

    @Test
    void learnsWhichWordsGoWithWhichLabel() {
        List<LabeledText> train = List.of(x("great film", 1), x("great acting, loved it", 1), x("terrible film", 0),
                x("boring and terrible", 0));
        BagOfWords nb = BagOfWords.fit(train, 2);
        assertArrayEquals(new int[] {1, 0, 1, 0}, nb.predict(List.of(x("loved it", 1), x("boring", 0),
                x("GREAT", 1), x("terrible acting", 0))));
    }

    @Test
    void knownAnswerLogProbabilities() {
        // label 0: "a a" (2 tokens), label 1: "b" (1 token); vocabulary {a, b} + 1 unseen slot = 3;
        // equal priors (1+1)/(2+2). P(a|0) = (2+1)/(2+3) = 3/5 > P(a|1) = 1/(1+3) -> label 0;
        // P(b|0) = 1/5 < P(b|1) = 2/4 -> label 1; an unseen word: 1/5 < 1/4 -> label 1.
        BagOfWords nb = BagOfWords.fit(List.of(x("a a", 0), x("b", 1)), 2);
        assertEquals(0, nb.predict(x("a", 0)));
        assertEquals(1, nb.predict(x("b", 1)));
        assertEquals(1, nb.predict(x("zzz", 1)));
    }

    @Test
    void evaluateScoresTheDevSplit() {
        TaskData t = new TaskData("toy", List.of("neg", "pos"),
                List.of(x("good", 1), x("bad", 0), x("good good", 1), x("bad bad", 0)),
                List.of(x("good", 1), x("bad", 0)), "accuracy");
        ClassificationMetrics m = BagOfWords.evaluate(t);
        assertEquals(1.0, m.accuracy(), 1e-12);
        assertEquals(1.0, m.mcc(), 1e-12);
    }
}
