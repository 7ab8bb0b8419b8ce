// Writes the train sentences (never dev) of sentiment and acceptability, one per line, for build.py.
// From the repository root: java -Dai.djl.offline=true -cp 'target/classes:target/lib/*' docs/laptop-search/tapt/Dump.java
// (prints: sentiment train 2684 dev 298 words 31914; acceptability train 19374 dev 2153 words 197019)
import electra.data.*;
import java.nio.file.*;
import java.util.*;
public class Dump {
    public static void main(String[] a) throws Exception {
        for (String t : new String[]{"sentiment", "acceptability"}) {
            ClassificationTask task = ClassificationTask.load(t);
            List<String> lines = new ArrayList<>();
            long words = 0;
            for (Example e : task.train()) { lines.add(e.textA()); words += e.textA().split("\\s+").length; }
            Files.write(Path.of(t + "-train.txt"), lines);
            System.out.println(t + " train " + task.train().size() + " dev " + task.dev().size() + " words " + words);
        }
    }
}
