package electra.data;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SequencePackerTest {

    static final SpecialTokens SP = new SpecialTokens(0, 1, 2, 3, 4, 1000);

    @Test
    void shortDocumentBecomesOneSequenceWithItsTokensInOrder() {
        List<List<int[]>> docs = List.of(List.of(new int[] {10, 11}, new int[] {12, 13}, new int[] {14, 15}));
        for (long seed = 0; seed < 20; seed++) {
            List<PackedSequence> out = SequencePacker.packTokenized(docs, SP, 128, seed);
            assertEquals(1, out.size());
            int[] ids = out.get(0).ids();
            int[] words = Arrays.stream(ids).filter(i -> i >= 10).toArray();
            assertArrayEquals(new int[] {10, 11, 12, 13, 14, 15}, words);
            assertEquals(SP.cls(), ids[0]);
            assertEquals(SP.sep(), ids[ids.length - 1]);
        }
    }

    @Test
    void sequencesAreWellFormedAndDeterministic() {
        Random r = new Random(1);
        List<List<int[]>> docs = new ArrayList<>();
        for (int d = 0; d < 50; d++) {
            List<int[]> doc = new ArrayList<>();
            for (int s = 0, n = 1 + r.nextInt(30); s < n; s++) {
                doc.add(r.ints(1 + r.nextInt(40), 10, 1000).toArray());
            }
            docs.add(doc);
        }
        List<PackedSequence> a = SequencePacker.packTokenized(docs, SP, 64, 13);
        assertEquals(a, SequencePacker.packTokenized(docs, SP, 64, 13));
        assertNotEquals(a, SequencePacker.packTokenized(docs, SP, 64, 14));
        int two = 0;
        int shortOnes = 0;
        for (PackedSequence p : a) {
            int[] ids = p.ids();
            int[] seg = p.segmentIds();
            assertTrue(ids.length <= 64 && ids.length >= 3);
            assertEquals(SP.cls(), ids[0]);
            assertEquals(SP.sep(), ids[ids.length - 1]);
            int firstSep = 1;
            while (ids[firstSep] != SP.sep()) {
                firstSep++;
            }
            for (int i = 0; i < ids.length; i++) {
                assertEquals(i <= firstSep ? 0 : 1, seg[i], "segment id at " + i);
                if (i != 0 && i != firstSep && i != ids.length - 1) {
                    assertTrue(ids[i] >= 10, "special token inside a segment");
                }
            }
            two += p.hasSecondSegment() ? 1 : 0;
            shortOnes += ids.length < 40 ? 1 : 0;
        }
        assertTrue(two > a.size() / 2, two + " of " + a.size() + " have two segments");
        assertTrue(shortOnes > 0);
    }

    @Test
    void realCorpusPacksUnderTheLength() {
        PretrainingCorpus c = PretrainingCorpus.load((java.nio.file.Path) null);
        try (ElectraTokenizer bert = ElectraTokenizer.bertUncased()) {
            List<PackedSequence> held = c.packHeldout(bert, 128);
            assertTrue(held.size() > 300, "held-out sequences: " + held.size());
            double mean = held.stream().mapToInt(PackedSequence::length).average().orElse(0);
            assertTrue(mean > 110, "mean length " + mean);
            held.forEach(p -> assertTrue(p.length() <= 128));
            assertEquals(held, c.packHeldout(bert, 128));
        }
    }
}
