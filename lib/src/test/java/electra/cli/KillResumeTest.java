package electra.cli;

import electra.checkpoint.Checkpoint;
import electra.train.TestHooks;

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
 * is killed with SIGKILL ({@link Process#destroyForcibly()}) ten times: at a random moment of
 * start-up, at random moments of training, and in the middle of a checkpoint write. After every
 * kill all checkpoints on disk must verify; each relaunch of the same command with
 * {@code --resume} continues from the newest one. The finished run must equal an uninterrupted
 * run: metrics.csv (timing columns aside) and model.electra bit for bit, and the held-out scores.
 *
 * <p>The moments are tied to the child's progress, not to wall-clock guesses, so the test means
 * the same on a slow and a fast machine: killed children sleep {@value #STEP_DELAY_MS} ms before
 * each step ({@link electra.train.TestHooks}, changes no number), and the mid-write kills use the
 * hook that holds a chosen step's checkpoint write open after its first 4 KiB.
 *
 * <p>Checkpoints after every step (with --keep 2) and a metrics row every 4 steps, so most
 * checkpoints fall inside a logging interval. One engine thread: bit-identity needs the same
 * thread count.
 */
class KillResumeTest {

    static final int STEPS = 60;
    static final int KILLS = 10;
    static final long STEP_DELAY_MS = 150;

    @TempDir
    Path tmp;

    private List<String> command(CliFixture fx, Path out, String... hooks) {
        List<String> c = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dai.djl.offline=true"));
        c.addAll(List.of(hooks));
        c.addAll(List.of("-cp", System.getProperty("java.class.path"), "electra.cli.Main"));
        c.addAll(fx.pretrain(out, "--steps", String.valueOf(STEPS), "--log-every", "4", "--checkpoint-every", "1",
                "--keep", "2", "--resume"));
        return c;
    }

    private static String hook(String env, long value) {
        return "-D" + TestHooks.property(env) + "=" + value;
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
        long launched = System.nanoTime();
        Child ref = new Child(command(fx, reference));
        assertTrue(ref.started.await(120, TimeUnit.SECONDS));
        long startupMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launched);
        assertEquals(0, ref.finish(300), String.join("\n", ref.err));

        Path run = tmp.resolve("killed");
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        int midWrite = 0;
        List<String> report = new ArrayList<>();
        String slow = hook(TestHooks.STEP_DELAY_MS, STEP_DELAY_MS);
        for (int k = 0; k < KILLS; k++) {
            long before = newestStep(run);
            String mode;
            String detail;
            Child child;
            if (k < 3) {
                mode = "from launch";
                child = new Child(command(fx, run, slow));
                long delay = random.nextLong(200, startupMs + 600); // start-up, resume, or the first steps
                Thread.sleep(delay);
                detail = delay + " ms after launch";
            } else if (k < 7) {
                mode = "during training";
                child = new Child(command(fx, run, slow));
                assertTrue(child.started.await(120, TimeUnit.SECONDS));
                long target = before + random.nextLong(1, 4);
                waitUntil(() -> newestStep(run) >= target, child.process);
                long delay = random.nextLong(0, STEP_DELAY_MS + 100); // in the sleep or in the step's work
                Thread.sleep(delay);
                detail = delay + " ms after step " + target + "'s checkpoint";
            } else {
                mode = "at a checkpoint write";
                long target = before + random.nextLong(1, 4);
                child = new Child(command(fx, run, slow, hook(TestHooks.PAUSE_IN_CHECKPOINT_AT_STEP, target)));
                // the paused step's own temporary file: an earlier step's normal write also passes 4 KiB
                // for a moment, and a kill then would find it renamed
                String paused = String.format(".step-%08d.electra.tmp", target);
                waitUntil(() -> temporaryCheckpointBytes(run, paused) >= 4096, child.process);
                detail = "inside step " + target + "'s checkpoint write";
            }
            assertTrue(child.process.isAlive(), "child ended before kill " + (k + 1) + " (" + mode + "): " + child.err);
            child.process.destroyForcibly();
            child.process.waitFor(60, TimeUnit.SECONDS);
            boolean tmpLeft = temporaryCheckpointBytes(run) >= 0;
            midWrite += tmpLeft ? 1 : 0;
            List<String> names = CliFixture.checkpointNames(run).stream().filter(n -> !n.startsWith(".")).toList();
            for (String n : names) { // kill -9 at any moment leaves every renamed checkpoint loadable
                Checkpoint.read(run.resolve("checkpoints").resolve(n));
            }
            report.add(String.format("kill %2d %-22s %-40s resumed from %2d, newest checkpoint %2d, half-written file %s",
                    k + 1, mode, detail, before, newestStep(run), tmpLeft));
            if (k >= 7) {
                assertTrue(tmpLeft, "the mid-write kill left no temporary file:\n" + String.join("\n", report));
            }
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
    }

    private interface Condition {
        boolean holds() throws IOException;
    }

    /** Polls until {@code c} holds or the child ends (two minutes at most). */
    private static void waitUntil(Condition c, Process p) throws IOException, InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (p.isAlive() && System.nanoTime() < until && !c.holds()) {
            Thread.sleep(2);
        }
    }

    /** The step of the newest complete checkpoint, 0 when there is none. */
    private static long newestStep(Path run) throws IOException {
        return CliFixture.checkpointNames(run).stream().filter(n -> n.startsWith("step-") && n.endsWith(".electra"))
                .mapToLong(n -> Long.parseLong(n.substring(5, n.length() - 8))).max().orElse(0);
    }

    /** The size of a checkpoint's temporary file (a write in progress), -1 when there is none. */
    private static long temporaryCheckpointBytes(Path run) throws IOException {
        return temporaryCheckpointBytes(run, null);
    }

    /** The size of a temporary checkpoint file ({@code name}, or any when null), or -1 when there is none. */
    private static long temporaryCheckpointBytes(Path run, String name) throws IOException {
        Path c = run.resolve("checkpoints");
        if (!Files.isDirectory(c)) {
            return -1;
        }
        try (var s = Files.list(c)) {
            for (Path f : s.filter(f -> name == null ? f.getFileName().toString().endsWith(".tmp")
                    : f.getFileName().toString().equals(name)).toList()) {
                try {
                    return Files.size(f);
                } catch (java.nio.file.NoSuchFileException e) {
                    // renamed meanwhile
                }
            }
            return -1;
        } catch (java.nio.file.NoSuchFileException e) {
            return -1;
        }
    }
}
