package io.ringline.tools.doctor;

import java.util.Locale;

/**
 * What a check concluded: {@link #OK} nothing to do, {@link #WARN} latency will suffer or the input could not be read,
 * {@link #FAIL} something will not work as configured, or costs orders of magnitude more than it should (a clock
 * source read by a system call); any fail makes {@code ringline doctor} exit 1.
 */
public enum Verdict
{
    /** As it should be for low latency. */
    OK,
    /** Worth fixing, or not known: the input could not be read. */
    WARN,
    /** Something will not work, or is far too slow. */
    FAIL;

    /**
     * @return the verdict as printed and in JSON: {@code ok}, {@code warn} or {@code fail}.
     */
    public String label()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
