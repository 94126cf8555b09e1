package org.gridbazaar.cli.internal;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.gridbazaar.solver.Progress;

/**
 * Prints a solver's progress to stderr for long solves: nothing during the first second, then at
 * most one line per second. Asks the solver to stop once {@code stop} is set (by Ctrl-C) or the
 * thread is interrupted.
 */
public final class ConsoleProgress implements Progress {

    private static final long SECOND = 1_000_000_000L;

    private final PrintWriter err;
    private final AtomicBoolean stop;
    private final boolean quiet;
    private final long start = System.nanoTime();
    private final AtomicLong lastPrint = new AtomicLong(start);
    private volatile int lastIteration;

    /**
     * @param err where progress lines go
     * @param stop set when the user asked to stop
     * @param quiet print nothing, only honour {@code stop}
     */
    public ConsoleProgress(PrintWriter err, AtomicBoolean stop, boolean quiet) {
        this.err = err;
        this.stop = stop;
        this.quiet = quiet;
    }

    @Override
    public void iteration(int iteration, double primalResidual, double dualResidual) {
        lastIteration = iteration;
        if (quiet) {
            return;
        }
        long now = System.nanoTime();
        long last = lastPrint.get();
        if (now - start >= SECOND && now - last >= SECOND && lastPrint.compareAndSet(last, now)) {
            err.println(
                    String.format(
                            Locale.ROOT,
                            "  ... %.0f s, iteration %d, primal residual %.2e, dual residual %.2e",
                            (now - start) / 1e9,
                            iteration,
                            primalResidual,
                            dualResidual));
            err.flush();
        }
    }

    @Override
    public boolean stopRequested() {
        return stop.get() || Thread.currentThread().isInterrupted();
    }

    /** The last iteration reported. */
    public int lastIteration() {
        return lastIteration;
    }
}
