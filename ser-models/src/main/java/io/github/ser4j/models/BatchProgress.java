package io.github.ser4j.models;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress line of a batch on stderr: files done of the total, files per second and the estimated
 * time left. On a terminal it is one line rewritten in place (at most 4 times a second); otherwise (with
 * {@code --progress} into a log) one line every 5 s. A final line always closes it.
 *
 * <p>Thread-safety: not thread-safe; updated by the batch's emitting thread only.
 */
final class BatchProgress {

    private final PrintStream err;
    private final int total;
    private final boolean terminal;
    private final LongSupplier clock;
    private final long start;
    private long lastPrint = Long.MIN_VALUE;
    private int done;

    BatchProgress(PrintStream err, int total, boolean terminal, LongSupplier nanoClock) {
        this.err = err;
        this.total = total;
        this.terminal = terminal;
        this.clock = nanoClock;
        this.start = nanoClock.getAsLong();
    }

    /** One more file done. */
    void step() {
        done++;
        long now = clock.getAsLong();
        long gap = terminal ? 250_000_000L : 5_000_000_000L;
        if (done == total || lastPrint == Long.MIN_VALUE || now - lastPrint >= gap) {
            lastPrint = now;
            err.print(line(now) + (terminal ? "\r" : System.lineSeparator()));
            err.flush();
        }
    }

    /** Ends the progress line. */
    void finish() {
        if (terminal) {
            err.println(line(clock.getAsLong()));
        }
    }

    /** {@code "done/total files, R files/s, ETA T"}. */
    String line(long now) {
        double seconds = (now - start) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        String eta = done == total ? "done" : rate > 0 ? "ETA " + duration((total - done) / rate) : "ETA ?";
        return String.format(Locale.ROOT, "%d/%d files, %.1f files/s, %s", done, total, rate, eta);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }

    /** Whether this process's stderr is a terminal. */
    static boolean stderrIsTerminal() {
        return isTerminal(2);
    }

    /** Whether this process's stdout is a terminal. */
    static boolean stdoutIsTerminal() {
        return isTerminal(1);
    }

    /**
     * Java has no isatty for one descriptor; on Linux the descriptor's link names the device, elsewhere
     * a console on stdin/stdout is taken as the sign.
     */
    private static boolean isTerminal(int fd) {
        try {
            Path link = Path.of("/proc/self/fd/" + fd);
            if (Files.isSymbolicLink(link)) {
                String target = Files.readSymbolicLink(link).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (java.io.IOException | RuntimeException e) {
            // fall through
        }
        return System.console() != null;
    }
}
