package electra.notebook;

import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Where {@link Show}'s output goes: the only place that knows about Jupyter kernels.
 *
 * <p>Kernels are found by reflection, so the library has no dependency on any of them:
 * <ul>
 *   <li>rapaio-jupyter-kernel: {@code org.rapaio.jupyter.kernel.global.Global.display(mime, obj)}
 *       and {@code updateDisplay(id, mime, obj)} (the functions notebooks get as static imports);</li>
 *   <li>JJava ({@code org.dflib.jjava.runtime}) and IJava ({@code io.github.spencerpark.ijava.runtime}):
 *       a {@code DisplayData} (the return type of {@code Display.render(Object)}) with text/html and
 *       text/plain, sent with the kernel's {@code display(DisplayData)} and
 *       {@code updateDisplay(String, DisplayData)} (older base kernels:
 *       {@code getIO().display.updateDisplay}); their {@code Display.display(obj, "text/html")}
 *       would render a String as text/plain only;</li>
 *   <li>anything else (plain JVM, unit tests, the CLI): text on {@code System.out}.</li>
 * </ul>
 * {@code ELECTRA_SHOW=text} (or {@code -Delectra.show=text}) forces text output.
 */
interface Kernel {

    /** "rapaio", "jjava", "ijava" or "text". */
    String name();

    /** Shows a new output; returns its display id, or null where outputs cannot be updated. */
    String display(String html, String text);

    /** Replaces the output shown with {@code id}. */
    void update(String id, String html, String text);

    /** Whether HTML reaches a browser (false: text only). */
    default boolean rendersHtml() {
        return true;
    }

    static Kernel detect() {
        String forced = System.getProperty("electra.show", System.getenv("ELECTRA_SHOW"));
        if (forced != null && forced.trim().toLowerCase(Locale.ROOT).equals("text")) {
            return new Text(System.out);
        }
        for (ClassLoader loader : loaders()) {
            Kernel k = Rapaio.probe(loader);
            if (k == null) k = IJavaFamily.probe("jjava", "org.dflib.jjava.runtime", loader);
            if (k == null) k = IJavaFamily.probe("ijava", "io.github.spencerpark.ijava.runtime", loader);
            if (k != null) return k;
        }
        return new Text(System.out);
    }

    private static List<ClassLoader> loaders() {
        List<ClassLoader> out = new ArrayList<>();
        for (ClassLoader l : new ClassLoader[] {Kernel.class.getClassLoader(),
                Thread.currentThread().getContextClassLoader(), ClassLoader.getSystemClassLoader()}) {
            if (l != null && !out.contains(l)) out.add(l);
        }
        return out;
    }

    private static RuntimeException unwrap(ReflectiveOperationException e) {
        Throwable cause = e instanceof InvocationTargetException && e.getCause() != null ? e.getCause() : e;
        return cause instanceof RuntimeException r ? r : new IllegalStateException("kernel display call failed", cause);
    }

    /** rapaio-jupyter-kernel (3.x). */
    final class Rapaio implements Kernel {
        private final Method display;
        private final Method update;

        private Rapaio(Method display, Method update) {
            this.display = display;
            this.update = update;
        }

        static Kernel probe(ClassLoader loader) {
            try {
                // Without initialising: outside a kernel, MainApp's static init would build one.
                Class.forName("org.rapaio.jupyter.kernel.MainApp", false, loader);
                Class<?> global = Class.forName("org.rapaio.jupyter.kernel.global.Global", true, loader);
                return new Rapaio(global.getMethod("display", String.class, Object.class),
                        global.getMethod("updateDisplay", String.class, String.class, Object.class));
            } catch (ReflectiveOperationException | LinkageError e) {
                return null;
            }
        }

        @Override
        public String name() {
            return "rapaio";
        }

        @Override
        public String display(String html, String text) {
            try {
                return (String) display.invoke(null, "text/html", html);
            } catch (ReflectiveOperationException e) {
                throw unwrap(e);
            }
        }

        @Override
        public void update(String id, String html, String text) {
            try {
                update.invoke(null, id, "text/html", html);
            } catch (ReflectiveOperationException e) {
                throw unwrap(e);
            }
        }
    }

    /** IJava and its maintained fork JJava: same runtime API, different packages. */
    final class IJavaFamily implements Kernel {
        private final String name;
        private final Object kernel;
        private final Class<?> displayData;
        private final Method display;
        private final Method update; // kernel.updateDisplay(String, DisplayData), or null

        private IJavaFamily(String name, Object kernel, Class<?> displayData, Method display, Method update) {
            this.name = name;
            this.kernel = kernel;
            this.displayData = displayData;
            this.display = display;
            this.update = update;
        }

        /** {@code runtimePackage} holds {@code Display} and {@code Kernel}, as in IJava and JJava. */
        static Kernel probe(String name, String runtimePackage, ClassLoader loader) {
            try {
                Class<?> displayClass = Class.forName(runtimePackage + ".Display", true, loader);
                Class<?> kernelClass = Class.forName(runtimePackage + ".Kernel", true, loader);
                Object kernel = kernelClass.getMethod("getKernelInstance").invoke(null);
                if (kernel == null) return null; // the classes are there, but no kernel runs
                Class<?> dd = displayClass.getMethod("render", Object.class).getReturnType();
                Method display = kernel.getClass().getMethod("display", dd);
                Method update = findMethod(kernel.getClass(), "updateDisplay", String.class, dd);
                return new IJavaFamily(name, kernel, dd, display, update);
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                return null;
            }
        }

        private static Method findMethod(Class<?> type, String name, Class<?>... params) {
            try {
                return type.getMethod(name, params);
            } catch (NoSuchMethodException e) {
                return null;
            }
        }

        private Object data(String html, String text, String id) throws ReflectiveOperationException {
            Object data = displayData.getConstructor().newInstance();
            displayData.getMethod("putText", String.class).invoke(data, text);
            displayData.getMethod("putHTML", String.class).invoke(data, html);
            displayData.getMethod("setDisplayId", String.class).invoke(data, id);
            return data;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String display(String html, String text) {
            String id = UUID.randomUUID().toString();
            try {
                display.invoke(kernel, data(html, text, id));
            } catch (ReflectiveOperationException e) {
                throw unwrap(e);
            }
            return id;
        }

        @Override
        public void update(String id, String html, String text) {
            try {
                Object data = data(html, text, id);
                if (update != null) {
                    update.invoke(kernel, id, data);
                } else { // IJava 1.3: kernel.getIO().display.updateDisplay(id, data)
                    Object io = kernel.getClass().getMethod("getIO").invoke(kernel);
                    Field streamField = io.getClass().getField("display");
                    Object stream = streamField.get(io);
                    stream.getClass().getMethod("updateDisplay", String.class, displayData).invoke(stream, id, data);
                }
            } catch (ReflectiveOperationException e) {
                throw unwrap(e);
            }
        }
    }

    /** No kernel: text on a stream; updates print again. */
    final class Text implements Kernel {
        private final PrintStream out;

        Text(PrintStream out) {
            this.out = out;
        }

        @Override
        public String name() {
            return "text";
        }

        @Override
        public boolean rendersHtml() {
            return false;
        }

        @Override
        public String display(String html, String text) {
            if (text != null && !text.isEmpty()) out.println(text);
            return null;
        }

        @Override
        public void update(String id, String html, String text) {
            display(html, text);
        }
    }
}
