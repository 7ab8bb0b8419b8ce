package electra.cli;

import electra.checkpoint.Checkpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8, items 2 and 3 with real crashes: {@code electra pretrain} runs as a child process and
 * is killed with SIGKILL ({@link Process#destroyForcibly()}) ten times at random moments: during
 * start-up, during training, and the moment a checkpoint's temporary file appears (mid-write).
 * After every kill all checkpoints on disk must verify; each relaunch of the same command with
 * {@code --resume} continues from the newest one. The finished run must equal an uninterrupted
 * run: metrics.csv (timing columns aside) and model.electra bit for bit, and the held-out scores.
 *
 * <p>Checkpoints after every step (with --keep 2) and a metrics row every 4 steps, so most
 * checkpoints fall inside a logging interval. One engine thread: bit-identity needs the same
 * thread count.
 */
class KillResumeTest {

    static final int STEPS = 60;
    static final int KILLS = 10;

    @TempDir
    Path tmp;

    private List<String> command(CliFixture fx, Path out) {
        List<String> c = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"), "electra.cli.Main"));
        c.addAll(fx.pretrain(out, "--steps", String.valueOf(STEPS), "--log-every", "4", "--checkpoint-every", "1",
                "--keep", "2", "--resume"));
        return c;
    }

    /** A child process with its stderr collected; {@code started} opens when training is about to begin. */
    private static final class Child {
        final Process process;
        final List<String> err = new java.util.concurrent.CopyOnWriteArrayList<>();
        final CountDownLatch started = new CountDownLatch(1);

        Child(List<String> command) throws IOException {
            process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        err.add(line);
                        if (line.contains(" parameters, ")) {
                            started.countDown();
                        }
                    }
                } catch (IOException e) {
                    // the process was killed
                }
                started.countDown();
            }, "child-stderr");
            t.setDaemon(true);
            t.start();
        }

        int finish(long seconds) throws InterruptedException {
            assertTrue(process.waitFor(seconds, TimeUnit.SECONDS), "child did not finish: " + err);
            return process.exitValue();
        }
    }

    @Test
    void killedTenTimesAndResumedEqualsAnUninterruptedRun() throws Exception {
        CliFixture fx = new CliFixture(tmp);
        Path reference = tmp.resolve("reference");
        Child ref = new Child(command(fx, reference));
        assertEquals(0, ref.finish(300), String.join("\n", ref.err));

        Path run = tmp.resolve("killed");
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        int midWrite = 0;
        List<String> report = new ArrayList<>();
        for (int k = 0; k < KILLS; k++) {
            String mode = k < 3 ? "from launch" : k < 7 ? "during training" : "at a checkpoint write";
            Child child = new Child(command(fx, run));
            long delay = 0;
            if (k < 3) {
                delay = random.nextLong(200, 4500); // anywhere in start-up, resume or the first steps
                Thread.sleep(delay);
            } else {
                assertTrue(child.started.await(120, TimeUnit.SECONDS));
                if (k < 7) {
                    delay = random.nextLong(0, 900);
                    Thread.sleep(delay);
                } else {
                    Thread.sleep(random.nextLong(0, 300));
                    waitForTemporaryCheckpoint(run, child.process);
                }
            }
            boolean finishedFirst = !child.process.isAlive();
            child.process.destroyForcibly();
            child.process.waitFor(60, TimeUnit.SECONDS);
            assertTrue(!finishedFirst || child.process.exitValue() == 0, "child failed: " + child.err);
            boolean tmpLeft = hasTemporaryCheckpoint(run);
            midWrite += tmpLeft ? 1 : 0;
            List<String> names = CliFixture.checkpointNames(run).stream().filter(n -> !n.startsWith(".")).toList();
            for (String n : names) { // kill -9 at any moment leaves every renamed checkpoint loadable
                Checkpoint.read(run.resolve("checkpoints").resolve(n));
            }
            report.add(String.format("kill %2d %-22s %5d ms  newest checkpoint %-22s mid-write %s%s", k + 1, mode, delay,
                    names.isEmpty() ? "none" : names.get(names.size() - 1), tmpLeft, finishedFirst ? "  (had finished)" : ""));
        }
        Child last = new Child(command(fx, run));
        assertEquals(0, last.finish(300), String.join("\n", last.err));
        System.out.println("KillResumeTest: kill moments drawn with seed " + seed);
        report.forEach(System.out::println);
        System.out.println("kills that left a half-written checkpoint: " + midWrite);

        assertEquals(CliFixture.metricsWithoutTiming(reference), CliFixture.metricsWithoutTiming(run));
        CliFixture.assertSameWeights(reference.resolve("model.electra"), run.resolve("model.electra"));
        CliFixture.assertSameWeights(reference.resolve(String.format("checkpoints/step-%08d.electra", STEPS)),
                run.resolve(String.format("checkpoints/step-%08d.electra", STEPS)));
        assertEquals(PretrainReproducibilityTest.eval(reference), PretrainReproducibilityTest.eval(run));
        assertTrue(midWrite >= 1, "no kill landed inside a checkpoint write:\n" + String.join("\n", report));
    }

    /** Polls until a checkpoint's temporary file exists (a write in progress) or the child ends. */
    private static void waitForTemporaryCheckpoint(Path run, Process p) throws IOException, InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (p.isAlive() && System.nanoTime() < until && !hasTemporaryCheckpoint(run)) {
            Thread.onSpinWait();
        }
    }

    private static boolean hasTemporaryCheckpoint(Path run) throws IOException {
        Path c = run.resolve("checkpoints");
        if (!Files.isDirectory(c)) {
            return false;
        }
        try (var s = Files.list(c)) {
            return s.anyMatch(f -> f.getFileName().toString().endsWith(".tmp"));
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        }
    }
}
