package io.ringline.tools;

import picocli.CommandLine;

import java.util.concurrent.TimeUnit;

/**
 * Durations on the command line: a number with a unit, {@code 250ms}, {@code 2s}, {@code 1m}, {@code 500us}; a bare
 * number is seconds.
 */
final class Durations
{
    private Durations()
    {
    }

    /**
     * @param text e.g. {@code 250ms}.
     * @return nanoseconds.
     * @throws IllegalArgumentException naming the text when it is not a duration.
     */
    static long parseNs(final String text)
    {
        final String value = text.trim().toLowerCase(java.util.Locale.ROOT);
        final int unitStart = firstNonDigit(value);
        final String unit = value.substring(unitStart);
        if (unitStart == 0)
        {
            throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 250ms, 2s, 1m)");
        }
        final double number = Double.parseDouble(value.substring(0, unitStart));
        final long scale;
        switch (unit)
        {
            case "ns" -> scale = 1;
            case "us" -> scale = TimeUnit.MICROSECONDS.toNanos(1);
            case "ms" -> scale = TimeUnit.MILLISECONDS.toNanos(1);
            case "", "s" -> scale = TimeUnit.SECONDS.toNanos(1);
            case "m" -> scale = TimeUnit.MINUTES.toNanos(1);
            default -> throw new IllegalArgumentException("'" + text + "' has unknown unit '" + unit +
                "' (ns, us, ms, s, m)");
        }
        if (number < 0)
        {
            throw new IllegalArgumentException("'" + text + "' must not be negative");
        }
        return (long)(number * scale);
    }

    private static int firstNonDigit(final String value)
    {
        int i = 0;
        while (i < value.length() && (Character.isDigit(value.charAt(i)) || value.charAt(i) == '.'))
        {
            i++;
        }
        return i;
    }

    /** picocli converter: a duration option's value in nanoseconds. */
    static final class Converter implements CommandLine.ITypeConverter<Long>
    {
        @Override
        public Long convert(final String value)
        {
            return parseNs(value);
        }
    }
}
