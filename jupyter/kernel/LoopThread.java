package org.rapaio.jupyter.kernel.channels;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Replaces rapaio-jupyter-kernel 3.0.1's own LoopThread (same name and API; this copy comes
 * first on the kernel's classpath, see ./electra) to fix two start-up bugs:
 *
 * <ul>
 *   <li>the original sets {@code running = true} after {@code Thread.start()}, so a thread that
 *       gets scheduled at once sees {@code running == false} and ends: the shell, control or
 *       heartbeat loop is then gone and the kernel never answers (about 1 start in 5 on a busy
 *       2-core machine: "Kernel didn't respond in 60 seconds");</li>
 *   <li>an exception in one loop iteration killed the thread for good; here it is logged and the
 *       loop goes on.</li>
 * </ul>
 */
public final class LoopThread extends Thread {
    private static final Logger LOGGER = Logger.getLogger(LoopThread.class.getSimpleName());

    private volatile boolean running;
    private final long sleep;
    private final Runnable loopBody;

    public LoopThread(String name, long sleep, Runnable loopBody) {
        super(name);
        this.sleep = sleep;
        this.loopBody = loopBody;
    }

    @Override
    public void run() {
        while (running) {
            try {
                loopBody.run();
            } catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, getName() + ": " + e, e);
            }
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                running = false;
                return;
            }
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        super.start();
    }

    public void shutdown() {
        running = false;
    }
}
