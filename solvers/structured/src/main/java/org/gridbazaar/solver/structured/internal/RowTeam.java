package org.gridbazaar.solver.structured.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The calling thread and one helper thread sharing the rows of a matrix product: rows are cut into
 * {@link #CHUNKS} chunks of about equal work, and each thread claims the next unclaimed chunk until
 * none is left. Each row is computed by one thread with the same arithmetic as a serial product,
 * so results are bit for bit those of one thread, whichever thread did which chunk; if the helper
 * is slow to run (a busy machine), the caller simply claims more chunks.
 *
 * <p>Why a thread of its own rather than a pool: the products of conjugate gradients come every few
 * hundred microseconds, and waking a parked pool thread for each costs as much as half a product
 * on a virtual machine. The helper spins for {@link #SPIN_NANOS} after each product, then parks
 * until the next one (the interior point's other work between solves would otherwise keep a core
 * busy for nothing). Call {@link #close} when done: the helper is a daemon thread and ends then.
 */
final class RowTeam implements AutoCloseable {

    /** Work of one chunk. */
    interface Rows {
        void compute(int from, int to);
    }

    /** Chunks per product: enough that a late helper costs little, few enough that claiming is free. */
    static final int CHUNKS = 32;
    /** How long the helper spins for the next product before parking, ns. */
    static final long SPIN_NANOS = 200_000;

    private final int[] bounds;
    private final Thread helper;
    /** The product's generation (high 32 bits) and its next unclaimed chunk (low 32 bits). */
    private final AtomicLong ticket = new AtomicLong(CHUNKS);
    private final AtomicInteger done = new AtomicInteger(CHUNKS);
    private volatile int generation;
    private volatile boolean closed;
    private Rows work;

    /**
     * @param rowStart cumulative work per row ({@code rowStart[k+1] - rowStart[k]} is row {@code k}'s),
     *                 of length rows + 1
     */
    RowTeam(int[] rowStart) {
        int rows = rowStart.length - 1;
        long total = rowStart[rows] - rowStart[0] + (long) rows;
        bounds = new int[CHUNKS + 1];
        int k = 0;
        for (int c = 1; c < CHUNKS; c++) {
            long target = total * c / CHUNKS;
            while (k < rows && rowStart[k] - rowStart[0] + (long) k < target) {
                k++;
            }
            bounds[c] = k;
        }
        bounds[CHUNKS] = rows;
        helper = new Thread(this::helperLoop, "gridbazaar-rows");
        helper.setDaemon(true);
        helper.start();
    }

    /** Runs {@code rows} over every chunk, on both threads, and returns when all are done. */
    void run(Rows rows) {
        int g = generation + 1;
        work = rows;
        done.set(0);
        ticket.set((long) g << 32);
        generation = g;
        LockSupport.unpark(helper);
        claim(rows, g);
        while (done.get() < CHUNKS) {
            Thread.onSpinWait();
        }
    }

    /** Claims and computes chunks of product {@code g} until none is left (a late helper finds another generation and stops). */
    private void claim(Rows rows, int g) {
        while (true) {
            long t = ticket.get();
            int c = (int) t;
            if ((int) (t >>> 32) != g || c >= CHUNKS) {
                return;
            }
            if (ticket.compareAndSet(t, t + 1)) {
                rows.compute(bounds[c], bounds[c + 1]);
                done.incrementAndGet();
            }
        }
    }

    private void helperLoop() {
        int seen = 0;
        while (!closed) {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (generation == seen && !closed) {
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            if (closed) {
                return;
            }
            seen = generation;
            // work was written before generation (volatile), so this read sees it or a later one;
            // a later one has a later generation in the ticket, which the claim then finds
            claim(work, seen);
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(helper);
    }
}
