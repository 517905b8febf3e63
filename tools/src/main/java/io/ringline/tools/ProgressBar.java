package io.ringline.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import io.ringline.perf.bench.ProgressListener;
import io.ringline.perf.bench.RunResult;

/**
 * A one-line progress bar for a long command: {@code [#####.....] 12/40 round 2/3 ringline-shm rtt 32B}, redrawn with
 * a carriage return. A run that fails or is skipped leaves a line of its own above the bar. Where the output is not a
 * terminal (a CI log) each step is a line of its own instead, since carriage returns would pile up into one line.
 */
public final class ProgressBar implements ProgressListener
{
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private int lastLength;

    /**
     * @param out      where to draw, normally stderr.
     * @param terminal true to redraw one line, false to print a line per step.
     */
    public ProgressBar(final PrintStream out, final boolean terminal)
    {
        this.out = out;
        this.terminal = terminal;
    }

    /**
     * @return true when this process's stderr is a terminal (not a file or a pipe, as in CI). System.console() does
     * not tell on JDK 22+, where it returns a console for redirected streams too.
     */
    public static boolean stderrIsTerminal()
    {
        try
        {
            final String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        }
        catch (final IOException | UnsupportedOperationException ex)
        {
            return false;
        }
    }

    @Override
    public void onStart(final int index, final int total, final String label)
    {
        final int done = (index - 1) * WIDTH / Math.max(1, total);
        draw("[" + "#".repeat(done) + ".".repeat(WIDTH - done) + "] " + index + "/" + total + " " + label);
    }

    @Override
    public void onEnd(final RunResult result, final Throwable error)
    {
        if (!result.ok())
        {
            draw("");
            out.println(result.peer() + " " + result.kind().label() + " " + result.size() + "B round " +
                result.round() + ": " + result.describe());
        }
    }

    /**
     * Ends the bar's line.
     */
    public void finish()
    {
        draw("[" + "#".repeat(WIDTH) + "] done");
        if (terminal)
        {
            out.println();
        }
    }

    private void draw(final String line)
    {
        if (!terminal)
        {
            if (!line.isEmpty())
            {
                out.println(line);
            }
            return;
        }
        out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())) + "\r" + line);
        out.flush();
        lastLength = line.length();
    }
}
