package io.ringline.tools.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the small text files of /proc and /sys the checks look at. Not {@code Files.readString}: procfs reports a
 * length of 0 and a sysctl file read from an offset gives end of file, so whole lines are read instead.
 */
final class SystemFiles
{
    /** A limit of /proc/self/limits that is {@code unlimited}. */
    static final long UNLIMITED = Long.MAX_VALUE;

    private static final Path LIMITS = Path.of("/proc/self/limits");
    private static final Pattern LIMIT_LINE = Pattern.compile("^(.+?)\\s{2,}(\\S+)\\s+(\\S+)");

    private SystemFiles()
    {
    }

    /**
     * @param file a file of /proc or /sys.
     * @return its first line, trimmed; empty for an empty file.
     * @throws IOException when it cannot be read.
     */
    static String firstLine(final Path file) throws IOException
    {
        final List<String> lines = readAll(file);
        return lines.isEmpty() ? "" : lines.get(0).trim();
    }

    /**
     * @param file a file of /proc or /sys.
     * @return its lines.
     * @throws IOException naming the file and why it cannot be read.
     */
    static List<String> readAll(final Path file) throws IOException
    {
        try
        {
            return Files.readAllLines(file);
        }
        catch (final IOException ex)
        {
            throw new IOException("file=" + file + ": " + (null == ex.getMessage() || ex.getMessage().equals(
                file.toString()) ? ex.getClass().getSimpleName() : ex.getMessage()), ex);
        }
    }

    /**
     * @param file a file of /proc or /sys holding a number (a sysctl).
     * @return the number; {@link #UNLIMITED} for one beyond a long.
     * @throws IOException when it cannot be read or holds no number, naming the file and what it holds.
     */
    static long number(final Path file) throws IOException
    {
        return parse(firstLine(file), file);
    }

    /**
     * @param file a file of /proc or /sys holding numbers separated by white space ({@code kernel.sem}).
     * @return the numbers.
     * @throws IOException when it cannot be read or holds something else.
     */
    static long[] numbers(final Path file) throws IOException
    {
        final String line = firstLine(file);
        final String[] fields = line.split("\\s+");
        final long[] numbers = new long[fields.length];
        for (int i = 0; i < fields.length; i++)
        {
            numbers[i] = parse(fields[i], file);
        }
        return numbers;
    }

    /**
     * @param name a limit's name as /proc/self/limits writes it, e.g. {@code Max locked memory}.
     * @return its soft limit, {@link #UNLIMITED} when unlimited.
     * @throws IOException when the file cannot be read or has no such limit.
     */
    static long softLimit(final String name) throws IOException
    {
        for (final String line : readAll(LIMITS))
        {
            final Matcher matcher = LIMIT_LINE.matcher(line);
            if (matcher.find() && matcher.group(1).equals(name))
            {
                return "unlimited".equals(matcher.group(2)) ? UNLIMITED : parse(matcher.group(2), LIMITS);
            }
        }
        throw new IOException("file=" + LIMITS + " has no limit '" + name + "'");
    }

    private static long parse(final String text, final Path file) throws IOException
    {
        try
        {
            return Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            if (!text.isEmpty() && text.chars().allMatch(Character::isDigit))
            {
                return UNLIMITED; // beyond a long, as kernel.shmmax's default is: no limit in practice
            }
            throw new IOException("file=" + file + " holds '" + text + "', not a number", ex);
        }
    }
}
