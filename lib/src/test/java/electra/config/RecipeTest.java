package electra.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each preset's tokenizer and pretraining defaults. */
class RecipeTest {

    @Test
    void thePaperPresetsUseBertsVocabularyAndTheOfficialRates() {
        assertEquals(new Recipe("bert-uncased", 128, 128, 5e-4, 1000, 1.0), Recipe.of("small"));
        assertEquals(2e-4, Recipe.of("base").learningRate());
        assertEquals(16, Recipe.of("tiny").batch());
    }

    @Test
    void laptopUsesTheCorpusTrainedVocabularyAndItsModelFitsItsSequences() {
        Recipe r = Recipe.of("laptop");
        assertEquals("wordpiece-8k", r.tokenizer());
        ElectraConfig c = ElectraConfig.preset("laptop");
        assertEquals(8000, c.vocabSize());
        c.checkSequenceLength(r.seq()); // throws if the recipe's sequences do not fit the model
        assertEquals(0f, c.hiddenDropoutProb());
        assertEquals(5.0, r.temperature(), "the measured temperature whose held-out recall passes 0.5");
    }
}
