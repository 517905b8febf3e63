package io.ringline.tools.doctor;

/**
 * What one measurement found: a verdict and the value it is based on, as a person reads it.
 *
 * @param verdict ok, warn or fail.
 * @param value   what was measured or read, e.g. {@code madvise} or {@code p50 84 ns}.
 */
public record Finding(Verdict verdict, String value)
{
    /**
     * @param value what was read.
     * @return an ok finding.
     */
    public static Finding ok(final String value)
    {
        return new Finding(Verdict.OK, value);
    }

    /**
     * @param value what was read.
     * @return a warning.
     */
    public static Finding warn(final String value)
    {
        return new Finding(Verdict.WARN, value);
    }

    /**
     * @param value what was read.
     * @return a failure.
     */
    public static Finding fail(final String value)
    {
        return new Finding(Verdict.FAIL, value);
    }
}
