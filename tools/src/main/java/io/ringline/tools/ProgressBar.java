package io.ringline.tools;

import java.io.PrintStream;

import io.ringline.perf.bench.ProgressListener;
import io.ringline.perf.bench.RunResult;

/**
 * A one-line progress bar for a long command: {@code [#####.....] 12/40 round 2/3 ringline-shm rtt 32B}, redrawn with
 * a carriage return. A run that fails or is skipped leaves a line of its own above the bar.
 */
public final class ProgressBar implements ProgressListener
{
    private static final int WIDTH = 30;

    private final PrintStream out;
    private int lastLength;

    /**
     * @param out where to draw, normally stderr.
     */
    public ProgressBar(final PrintStream out)
    {
        this.out = out;
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
        out.println();
    }

    private void draw(final String line)
    {
        out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())) + "\r" + line);
        out.flush();
        lastLength = line.length();
    }
}
