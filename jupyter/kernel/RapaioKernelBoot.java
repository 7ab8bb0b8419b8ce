package electra.jupyter;

import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.logging.Filter;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Starts rapaio-jupyter-kernel 3.0.1 the way its {@code MainApp} does, with one fix.
 *
 * <p>{@code Channels.connect} starts the socket threads before it creates its handler map, so a
 * {@code kernel_info_request} that arrives in that window (Jupyter sends one as soon as it has
 * started the process) throws a NullPointerException in the shell thread, which dies: the kernel
 * then never answers and the client gives up after 60 s ("Kernel didn't respond"). Seen here in
 * about 1 start in 5. Setting an empty handler map before {@code connect} turns that window into
 * "Unhandled message", which the client survives because it repeats {@code kernel_info_request}
 * every second until it gets a reply.
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
     * Drops the "Unhandled message: kernel_info_request" that the fix above turns the race into
     * (the client asks again a second later); named in logging.properties.
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
        PrintStream stdout = System.out;
        System.setOut(quietClasspathLines(stdout));
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
        handlers.set(channels, new HashMap<>());
        connect.invoke(channels, kernel.get(null));
        System.setOut(stdout);
        join.invoke(channels);
    }
}
