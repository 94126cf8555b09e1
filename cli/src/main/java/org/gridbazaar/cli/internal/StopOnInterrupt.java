package org.gridbazaar.cli.internal;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns Ctrl-C during a solve into a request to stop, so that the solver returns its last iterate
 * and the partial result is still written.
 *
 * <p>The first SIGINT only sets the stop flag (the JVM keeps running and the command exits normally
 * once the result is written); a second one exits at once with status 130. Where SIGINT cannot be
 * caught (the {@code sun.misc.Signal} API is missing, or the JVM runs with {@code -Xrs}), and for
 * SIGTERM, a shutdown hook sets the flag and holds the JVM's exit for up to {@value #GRACE_SECONDS}
 * s until the result is written. {@link #close()} restores everything.
 */
public final class StopOnInterrupt implements AutoCloseable {

    /** How long a shutdown waits for the partial result to be written. */
    public static final int GRACE_SECONDS = 30;

    private final AtomicBoolean stop;
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;
    private final Object previousHandler;

    private StopOnInterrupt(AtomicBoolean stop, PrintWriter err) {
        this.stop = stop;
        this.previousHandler = installSigint(stop, err);
        this.hook =
                new Thread(
                        () -> {
                            if (!stop.getAndSet(true)) {
                                err.println(
                                        "gridbazaar: shutting down: asking the solver to stop and writing the partial result");
                                err.flush();
                            }
                            try {
                                done.await(GRACE_SECONDS, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "gridbazaar-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Starts turning interrupts into {@code stop = true}; messages go to {@code err}. */
    public static StopOnInterrupt install(AtomicBoolean stop, PrintWriter err) {
        return new StopOnInterrupt(stop, err);
    }

    /** Whether the user asked to stop. */
    public boolean stopped() {
        return stop.get();
    }

    private static Object installSigint(AtomicBoolean stop, PrintWriter err) {
        return handleSigint(
                (java.util.function.Consumer<Object>)
                        signal -> {
                            if (stop.getAndSet(true)) {
                                err.println(
                                        "gridbazaar: interrupted again, exiting without a result");
                                err.flush();
                                Runtime.getRuntime().halt(130);
                            }
                            err.println(
                                    "gridbazaar: interrupted: asking the solver to stop; the partial result will be written (Ctrl-C again to abort)");
                            err.flush();
                        });
    }

    /**
     * Installs {@code handler} (a {@code Consumer} of the signal) or a previous {@code
     * sun.misc.SignalHandler} for SIGINT through {@code sun.misc.Signal}, reflectively so that the
     * command line still runs (with the shutdown hook only) on a JVM without that API or with
     * {@code -Xrs}. Returns the previous handler, or {@code null} when nothing was installed.
     */
    private static Object handleSigint(Object handler) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object sigint = signalClass.getConstructor(String.class).newInstance("INT");
            Object h = handler;
            if (handler instanceof java.util.function.Consumer<?> consumer) {
                @SuppressWarnings("unchecked")
                java.util.function.Consumer<Object> c =
                        (java.util.function.Consumer<Object>) consumer;
                h =
                        java.lang.reflect.Proxy.newProxyInstance(
                                handlerClass.getClassLoader(),
                                new Class<?>[] {handlerClass},
                                (proxy, method, args) -> {
                                    if (method.getName().equals("handle")) {
                                        c.accept(args[0]);
                                        return null;
                                    }
                                    return switch (method.getName()) {
                                        case "hashCode" -> System.identityHashCode(proxy);
                                        case "equals" -> proxy == args[0];
                                        default -> "gridbazaar SIGINT handler";
                                    };
                                });
            }
            return signalClass
                    .getMethod("handle", signalClass, handlerClass)
                    .invoke(null, sigint, h);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null; // no SIGINT handling here: the shutdown hook still stops the solver
        }
    }

    /**
     * Restores the previous SIGINT handler and removes the shutdown hook; lets a pending shutdown
     * proceed.
     */
    @Override
    public void close() {
        done.countDown();
        if (previousHandler != null) {
            handleSigint(previousHandler);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutdown in progress: the hook is running and will now return
        }
    }
}
