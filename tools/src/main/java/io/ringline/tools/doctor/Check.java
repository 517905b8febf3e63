package io.ringline.tools.doctor;

/**
 * One thing the doctor looks at: its name, why it matters, the fix, and how to measure it. {@link #run()} never
 * throws: a measurement that cannot read its input (a missing or unreadable file, a value that does not parse) gives
 * a {@link Verdict#WARN} whose value says what could not be read and why.
 *
 * @param name        the check's name, lower case with dashes.
 * @param why         why it matters for latency.
 * @param fix         the command or setting that fixes a warn or fail.
 * @param measurement what reads or measures the machine.
 */
public record Check(String name, String why, String fix, Measurement measurement)
{
    /** Reads or measures one property of this machine. */
    @FunctionalInterface
    public interface Measurement
    {
        /**
         * @return the verdict and the value it is based on.
         * @throws Exception when the input cannot be read; the check reports it as a warning.
         */
        Finding measure() throws Exception;
    }

    /**
     * @return the measurement's verdict and value, or a warning naming what could not be read.
     */
    public CheckResult run()
    {
        Finding finding;
        try
        {
            finding = measurement.measure();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            finding = Finding.warn("not measured: interrupted");
        }
        catch (final Exception ex)
        {
            finding = Finding.warn("could not be read: " + describe(ex));
        }
        return new CheckResult(name, finding.verdict(), finding.value(), why, fix);
    }

    /** The exception's message, led by its type unless it is a plain IOException (whose message says it all). */
    private static String describe(final Exception ex)
    {
        final String message = null == ex.getMessage() ? "" : ex.getMessage().replace('\n', ' ');
        if (message.isEmpty())
        {
            return ex.getClass().getSimpleName();
        }
        return ex.getClass() == java.io.IOException.class ? message : ex.getClass().getSimpleName() + ": " + message;
    }
}
