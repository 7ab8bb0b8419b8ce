package electra.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;

class TasksTest {

    @Test
    void sampleIsSeededDistinctAndOfTheAskedSize() {
        List<Integer> all = IntStream.range(0, 100).boxed().toList();
        List<Integer> a = Tasks.sample(all, 10, 7);
        assertEquals(10, a.size());
        assertEquals(10, new HashSet<>(a).size());
        assertEquals(a, Tasks.sample(all, 10, 7));
        assertNotEquals(a, Tasks.sample(all, 10, 8));
        assertSame(all, Tasks.sample(all, 0, 7));
        assertSame(all, Tasks.sample(all, 100, 7));
    }

    @Test
    void confusionCountsGoldByPredicted() {
        long[][] c = ClassificationMetrics.confusion(new int[] {0, 1, 1, 1}, new int[] {0, 0, 1, 1}, 2);
        assertEquals(1, c[0][0]);
        assertEquals(1, c[0][1]);
        assertEquals(0, c[1][0]);
        assertEquals(2, c[1][1]);
    }
}
