package io.ringline.os;

import io.ringline.RinglineException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the small text files of {@code /proc} and {@code /sys}: the kernel's tunables ({@code /proc/sys/...}, one
 * number or a few on one line) and the like. The one reader of them for the transports' limits ({@code MqLimits},
 * {@code SysVMqLimits}, {@code PipeCapacity}) and the tools' {@code doctor}.
 *
 * <p>Not {@code Files.readString}: procfs reports a length of 0, and a sysctl file read again from an offset gives end
 * of file, so whole lines are read. Every error names the file and, for a bad value, what it holds.
 */
public final class ProcFiles
{
    /** A number beyond a long (as {@code kernel.shmmax}'s default is): no limit in practice. */
    public static final long UNLIMITED = Long.MAX_VALUE;

    private ProcFiles()
    {
    }

    /**
     * @param file a file of /proc or /sys.
     * @return its lines.
     * @throws IOException naming the file and why it cannot be read.
     */
    public static List<String> lines(final Path file) throws IOException
    {
        try
        {
            return Files.readAllLines(file);
        }
        catch (final IOException ex)
        {
            final String message = ex.getMessage();
            final String reason = null == message || message.equals(file.toString()) ?
                ex.getClass().getSimpleName() : message;
            if (ex instanceof NoSuchFileException)
            {
                throw new NoSuchFileException(file.toString(), null, "file=" + file + ": " + reason);
            }
            throw new IOException("file=" + file + ": " + reason, ex);
        }
    }

    /**
     * @param file a file of /proc or /sys.
     * @return its first line, trimmed; empty for an empty file.
     * @throws IOException naming the file and why it cannot be read.
     */
    public static String firstLine(final Path file) throws IOException
    {
        final List<String> lines = lines(file);
        return lines.isEmpty() ? "" : lines.get(0).trim();
    }

    /**
     * @param file a file holding a number (a sysctl).
     * @return the number; {@link #UNLIMITED} for one beyond a long.
     * @throws IOException when it cannot be read or holds no number, naming the file and what it holds.
     */
    public static long number(final Path file) throws IOException
    {
        return parseNumber(firstLine(file), file);
    }

    /**
     * @param file a file holding numbers separated by white space on its first line ({@code kernel.sem}).
     * @return the numbers.
     * @throws IOException when it cannot be read or holds something else.
     */
    public static long[] numbers(final Path file) throws IOException
    {
        final String[] fields = firstLine(file).split("\\s+");
        final long[] numbers = new long[fields.length];
        for (int i = 0; i < fields.length; i++)
        {
            numbers[i] = parseNumber(fields[i], file);
        }
        return numbers;
    }

    /**
     * A kernel limit that a channel is opened against, where a missing file means an older kernel with the
     * historical value.
     *
     * @param file    a file holding an int (a sysctl).
     * @param missing the value when the file does not exist.
     * @return the number in the file, or {@code missing}.
     * @throws RinglineException when the file exists but cannot be read or holds no int, naming the file.
     */
    public static int intOr(final Path file, final int missing)
    {
        final long value;
        try
        {
            value = number(file);
        }
        catch (final NoSuchFileException ex)
        {
            return missing;
        }
        catch (final IOException ex)
        {
            throw new RinglineException(ex.getMessage(), ex);
        }
        if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE)
        {
            throw new RinglineException("file=" + file + " holds " + value + ", beyond an int");
        }
        return (int)value;
    }

    /**
     * @param text a field of a file of /proc or /sys.
     * @param file that file, for the message.
     * @return the number; {@link #UNLIMITED} for one beyond a long.
     * @throws IOException naming the file and what it holds when the text is not a number.
     */
    public static long parseNumber(final String text, final Path file) throws IOException
    {
        try
        {
            return Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            if (!text.isEmpty() && text.chars().allMatch(Character::isDigit))
            {
                return UNLIMITED;
            }
            throw new IOException("file=" + file + " holds '" + text + "', not a number", ex);
        }
    }
}
