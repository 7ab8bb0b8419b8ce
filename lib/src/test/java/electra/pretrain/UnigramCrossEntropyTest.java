package electra.pretrain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The unigram line a generator's MLM loss is compared with (issue 9). */
class UnigramCrossEntropyTest {

    @Test
    void addOneSmoothedCrossEntropyByHand() {
        // id 0 is skipped (padding); a (1) seen 3 times, b (2) once: p(a) = 4/6, p(b) = 2/6 after add-one
        TokenCounts counts = new TokenCounts(new long[] {5, 3, 1});
        Sequences heldOut = Sequences.of(List.of(new int[] {1, 2, 0}));
        double expected = -(Math.log(4.0 / 6) + Math.log(2.0 / 6)) / 2;
        assertEquals(expected, counts.crossEntropy(heldOut, id -> id == 0), 1e-12);
    }

    @Test
    void aTokenNeverSeenInTrainingCostsTheSmoothedMassNotInfinity() {
        TokenCounts counts = new TokenCounts(new long[] {0, 10, 0});
        Sequences heldOut = Sequences.of(List.of(new int[] {2}));
        assertEquals(Math.log(12.0), counts.crossEntropy(heldOut, id -> id == 0), 1e-12);
    }

    @Test
    void heldOutWithOnlySkippedTokensIsAnError() {
        TokenCounts counts = new TokenCounts(new long[] {1, 1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> counts.crossEntropy(Sequences.of(List.of(new int[] {0, 0})), id -> id == 0));
        assertEquals("held-out sequences hold no countable token", e.getMessage());
    }
}
