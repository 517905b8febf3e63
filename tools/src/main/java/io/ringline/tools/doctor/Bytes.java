package io.ringline.tools.doctor;

import io.ringline.os.ProcFiles;

/**
 * Sizes as a person reads them: {@code 64 MiB}, {@code 23.5 GiB}.
 */
final class Bytes
{
    private static final String[] UNITS = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };

    private Bytes()
    {
    }

    /**
     * @param bytes a size, or {@link ProcFiles#UNLIMITED}.
     * @return the size with a binary unit, one decimal when not whole; {@code unlimited} for no limit.
     */
    static String format(final long bytes)
    {
        if (bytes == ProcFiles.UNLIMITED)
        {
            return "unlimited";
        }
        int unit = 0;
        double value = bytes;
        while (value >= 1024 && unit < UNITS.length - 1)
        {
            value /= 1024;
            unit++;
        }
        return value == Math.rint(value) ? (long)value + " " + UNITS[unit] : String.format("%.1f %s", value, UNITS[unit]);
    }
}
