package electra.jupyter;

import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Filter;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Starts rapaio-jupyter-kernel 3.0.1 the way its {@code MainApp} does, with one fix.
 *
 * <p>{@code Channels.connect} starts the socket threads before it creates its handler map, so a
 * message that arrives in that window (Jupyter sends {@code kernel_info_request} as soon as it has
 * started the process) either throws a NullPointerException in the shell thread, which then dies
 * (the kernel never answers: "Kernel didn't respond in 60 seconds"), or is dropped as "Unhandled
 * message". jupyter_client asks again every second, but a browser front-end asks once: JupyterLab
 * then shows the kernel as "Unknown" and runs nothing until the page is reloaded (7 of 8 fresh
 * kernels lost a single early kernel_info_request here). A stand-in map set before
 * {@code connect} makes such a lookup wait until the real map exists, so no message is lost.
 * (The other start-up bug, in LoopThread, is fixed by the LoopThread next to this file.)
 *
 * <p>It also drops the two lines per RJK_CLASSPATH entry ("Parsing classpath: ...", "Add ... to
 * classpath") that the kernel prints to the console while it starts.
 *
 * <p>Everything is looked up by reflection (this class is compiled without the kernel jar); if the
 * kernel's internals differ, it falls back to the kernel's own {@code MainApp.main}.
 */
public final class RapaioKernelBoot {
    private static final String PKG = "org.rapaio.jupyter.kernel.";

    /**
     * Stands in for the handler map until {@code connect} has put the real one in place: a lookup
     * made before that (a message that arrived early) waits for it, then reads the real map.
     */
    static final class WaitingHandlers extends HashMap<Object, Object> {
        private final transient CountDownLatch connected;
        private final transient Object channels;
        private final transient Field field;

        WaitingHandlers(CountDownLatch connected, Object channels, Field field) {
            this.connected = connected;
            this.channels = channels;
            this.field = field;
        }

        @Override
        public Object get(Object type) {
            try {
                if (!connected.await(60, TimeUnit.SECONDS)) return null;
                Object real = field.get(channels);
                return real == this ? null : ((Map<?, ?>) real).get(type);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } catch (IllegalAccessException e) {
                return null;
            }
        }
    }

    /**
     * Drops "Unhandled message: kernel_info_request", should a lookup still miss (the client asks
     * again a second later); named in logging.properties.
     */
    public static final class StartupNoiseFilter implements Filter {
        @Override
        public boolean isLoggable(LogRecord record) {
            String msg = record.getMessage();
            return msg == null || !msg.endsWith("Unhandled message: kernel_info_request");
        }
    }

    private static PrintStream quietClasspathLines(PrintStream out) {
        return new PrintStream(out, true) {
            @Override
            public void println(String line) {
                if (line != null && (line.startsWith("Parsing classpath: ")
                        || line.startsWith("Add ") && line.endsWith(" to classpath"))) {
                    return;
                }
                super.println(line);
            }
        };
    }

    public static void main(String[] args) throws Throwable {
        // Stays for good: the kernel swaps System.out around each cell and puts back what it found,
        // so restoring the original here could race with the first cell and send its output to
        // the console instead of the notebook.
        System.setOut(quietClasspathLines(System.out));
        Class<?> mainApp = Class.forName(PKG + "MainApp"); // its static init builds the kernel and JShell
        if (args.length != 1 || args[0].startsWith("-")) {
            mainApp.getMethod("main", String[].class).invoke(null, (Object) args);
            return;
        }
        Method fromJson;
        Class<?> props;
        Constructor<?> newChannels;
        Field handlers;
        Field kernel;
        Method connect;
        Method join;
        try {
            props = Class.forName(PKG + "core.ConnectionProperties");
            fromJson = Class.forName(PKG + "core.Transform").getMethod("fromJson", String.class, Class.class);
            Class<?> channels = Class.forName(PKG + "channels.Channels");
            newChannels = channels.getConstructor(props);
            handlers = channels.getDeclaredField("handlers");
            handlers.setAccessible(true);
            kernel = mainApp.getField("kernel");
            connect = channels.getMethod("connect", kernel.getType());
            join = channels.getMethod("joinUntilClose");
        } catch (ReflectiveOperationException | RuntimeException e) {
            Logger.getLogger("RapaioKernelBoot").warning("kernel internals changed (" + e + "), starting MainApp as is");
            mainApp.getMethod("main", String[].class).invoke(null, (Object) args);
            return;
        }
        LogManager.getLogManager().readConfiguration(mainApp.getClassLoader().getResourceAsStream("logging.properties"));
        Path file = Path.of(args[0]);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("connection file not found: " + file);
        }
        Object connection = fromJson.invoke(null, Files.readString(file), props);
        Object channels = newChannels.newInstance(connection);
        CountDownLatch connected = new CountDownLatch(1);
        handlers.set(channels, new WaitingHandlers(connected, channels, handlers));
        connect.invoke(channels, kernel.get(null));
        connected.countDown();
        join.invoke(channels);
    }
}
