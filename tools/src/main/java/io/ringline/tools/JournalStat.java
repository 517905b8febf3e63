package io.ringline.tools;

import io.ringline.RinglineException;
import io.ringline.journal.CursorDescriptor;
import io.ringline.journal.JournalDescriptor;
import io.ringline.journal.SegmentDescriptor;
import io.ringline.ring.RecordDescriptor;
import io.ringline.tools.json.JsonWriter;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code ringline stat journal:DIR}: a journal seen through read-only mappings of its files, without joining it:
 * segments on disk and their bytes, the first retained and the tail position, the first and last record's time, and
 * every cursor (name, state, holder, position, lag behind the tail). The last time is found by walking the committed
 * records from the tail segment's last index entry: at most one index stride.
 */
final class JournalStat
{
    private static final String[] STATES = { "free", "claimed", "active", "parked" };

    private JournalStat()
    {
    }

    /**
     * @param channel a {@code journal:DIR} URI.
     * @param json    one JSON object instead of text.
     * @return the status, ready to print.
     */
    static String describe(final String channel, final boolean json)
    {
        final String rest = channel.substring("journal:".length());
        final JsonWriter out = json ? new JsonWriter() : null;
        final String text = describe(Path.of(rest.contains("?") ? rest.substring(0, rest.indexOf('?')) : rest), out,
            null);
        return json ? out + "\n" : text;
    }

    /**
     * @param argument a command-line argument.
     * @return the journal directory it names ({@code journal:DIR}, or a directory holding {@code journal.meta}), or
     *         null when it names something else.
     */
    static Path journalDirectory(final String argument)
    {
        if (argument.startsWith("journal:"))
        {
            final String rest = argument.substring("journal:".length());
            return Path.of(rest.contains("?") ? rest.substring(0, rest.indexOf('?')) : rest);
        }
        final Path path = Path.of(argument);
        return Files.isDirectory(path) && Files.exists(path.resolve("journal.meta")) ? path : null;
    }

    /**
     * @param journals journal directories.
     * @return one line per journal (segments, bytes, tail, cursors in use), after a header; empty for none.
     */
    static String table(final List<Path> journals)
    {
        if (journals.isEmpty())
        {
            return "";
        }
        final StringBuilder out = new StringBuilder(System.lineSeparator());
        out.append(String.format("%-40s  %8s  %12s  %14s  %s%n", "JOURNAL", "SEGMENTS", "BYTES", "TAIL", "CURSORS"));
        for (final Path journal : journals)
        {
            final long[] summary = new long[4];
            describe(journal, null, summary);
            out.append(String.format("%-40s  %8d  %12d  %14d  %d%n", "journal:" + journal, summary[0], summary[1],
                summary[2], summary[3]));
        }
        return out.toString();
    }

    /**
     * Adds {@code "journals":[...]} (each as {@code stat --json} prints it) to an open JSON object.
     *
     * @param json     the writer, inside an object.
     * @param journals journal directories.
     */
    static void json(final JsonWriter json, final List<Path> journals)
    {
        json.beginArray("journals");
        for (final Path journal : journals)
        {
            describe(journal, json, null);
        }
        json.endArray();
    }

    private static String describe(final Path dir, final JsonWriter json, final long[] summary)
    {
        final UnsafeBuffer meta = map(dir.resolve("journal.meta"));
        if (meta.getLongVolatile(JournalDescriptor.MAGIC_OFFSET) != JournalDescriptor.MAGIC)
        {
            throw new RinglineException("journal=" + dir + " has no ready journal.meta (magic missing)");
        }
        final int segmentSize = meta.getInt(JournalDescriptor.SEGMENT_SIZE_OFFSET);
        final int shift = Integer.numberOfTrailingZeros(segmentSize);
        final long salt = meta.getLong(JournalDescriptor.SALT_OFFSET);
        final long tail = meta.getLongVolatile(JournalDescriptor.TAIL_OFFSET);
        final long firstSegment = meta.getLongVolatile(JournalDescriptor.FIRST_SEGMENT_OFFSET);
        final long first = firstSegment << shift;
        long segments = 0;
        long bytes = 0;
        try (Stream<Path> files = Files.list(dir))
        {
            for (final Path file : (Iterable<Path>)files.filter(f -> f.toString().endsWith(".segment"))::iterator)
            {
                segments++;
                bytes += Files.size(file);
            }
        }
        catch (final IOException ex)
        {
            throw new RinglineException("journal=" + dir + " could not be listed: " + ex.getMessage(), ex);
        }
        final long firstTimeNs = tail > first ? timeAt(dir, firstSegment, segmentSize, first, salt) : 0;
        final long lastTimeNs = tail > first ? lastTime(dir, tail, segmentSize, shift, salt) : 0;

        final JsonWriter out = null == json ? new JsonWriter() : json;
        out.beginObject()
            .field("channel", "journal:" + dir)
            .field("segments", segments)
            .field("bytes", bytes)
            .field("segment_size", segmentSize)
            .field("first_position", first)
            .field("tail", tail)
            .field("first_time_ns", firstTimeNs)
            .field("last_time_ns", lastTimeNs)
            .beginArray("cursors");
        final StringBuilder text = new StringBuilder();
        text.append("journal:").append(dir).append("  segments=").append(segments).append(" bytes=").append(bytes)
            .append("\nfirst position=").append(first).append(" time_ns=").append(firstTimeNs)
            .append("\ntail  position=").append(tail).append(" last time_ns=").append(lastTimeNs)
            .append("\ncursors:\n");
        final int publisherSlots = meta.getInt(JournalDescriptor.PUBLISHER_SLOT_COUNT_OFFSET);
        final int cursorsOffset = (1024 + 64 * publisherSlots + 127) & -128;
        final int cursorCount = meta.getInt(JournalDescriptor.CURSOR_COUNT_OFFSET);
        int inUse = 0;
        for (int i = 0; i < cursorCount; i++)
        {
            final int at = cursorsOffset + i * CursorDescriptor.CURSOR_LENGTH;
            final int state = CursorDescriptor.state(meta.getLongVolatile(at + CursorDescriptor.STATE_OFFSET));
            if (state == CursorDescriptor.FREE)
            {
                continue;
            }
            inUse++;
            final int nameLength = meta.getInt(at + CursorDescriptor.NAME_LENGTH_OFFSET);
            final byte[] name = new byte[Math.max(0, Math.min(nameLength, CursorDescriptor.MAX_NAME_LENGTH))];
            meta.getBytes(at + CursorDescriptor.NAME_OFFSET, name);
            final String cursorName = name.length == 0 ? "(anonymous)" : new String(name, StandardCharsets.US_ASCII);
            final long position = meta.getLongVolatile(at + CursorDescriptor.POSITION_OFFSET);
            final long pid = meta.getLong(at + CursorDescriptor.PID_OFFSET);
            final String stateName = state < STATES.length ? STATES[state] : "state" + state;
            out.beginObject().field("name", cursorName).field("state", stateName).field("pid", pid)
                .field("position", position).field("lag", tail - position).endObject();
            text.append("  ").append(cursorName).append(" ").append(stateName).append(" pid=").append(pid)
                .append(" position=").append(position).append(" lag=").append(tail - position).append('\n');
        }
        if (null != summary)
        {
            summary[0] = segments;
            summary[1] = bytes;
            summary[2] = tail;
            summary[3] = inUse;
        }
        out.endArray().endObject();
        return text.toString();
    }

    private static long lastTime(
        final Path dir, final long tail, final int segmentSize, final int shift, final long salt)
    {
        final long segment = (tail - 1) >>> shift;
        final UnsafeBuffer file = map(dir.resolve(SegmentDescriptor.fileName(segment)));
        final long base = segment << shift;
        long position = base;
        for (int e = 0; e < SegmentDescriptor.INDEX_ENTRIES; e++)
        {
            final int entry = SegmentDescriptor.INDEX_OFFSET + e * SegmentDescriptor.INDEX_ENTRY_LENGTH;
            final long indexed = file.getLongVolatile(entry + SegmentDescriptor.ENTRY_POSITION_OFFSET) ^ salt;
            if (indexed > position && indexed < tail && indexed >= base &&
                (indexed & (RecordDescriptor.ALIGNMENT - 1)) == 0)
            {
                position = indexed;
            }
        }
        long timeNs = 0;
        while (position < tail)
        {
            final int offset = SegmentDescriptor.RECORDS_OFFSET + (int)(position & (segmentSize - 1));
            final int frameLength = file.getInt(offset + RecordDescriptor.FRAME_LENGTH_OFFSET);
            if (file.getLongVolatile(offset) != RecordDescriptor.tag(position, salt) ||
                frameLength < RecordDescriptor.HEADER_LENGTH)
            {
                break;
            }
            if ((file.getInt(offset + RecordDescriptor.FLAGS_OFFSET) & RecordDescriptor.PADDING_FLAG) == 0)
            {
                timeNs = file.getLong(offset + RecordDescriptor.TIMESTAMP_OFFSET);
            }
            position += (frameLength + RecordDescriptor.ALIGNMENT - 1) & -RecordDescriptor.ALIGNMENT;
        }
        return timeNs;
    }

    private static long timeAt(
        final Path dir, final long segment, final int segmentSize, final long position, final long salt)
    {
        final UnsafeBuffer file = map(dir.resolve(SegmentDescriptor.fileName(segment)));
        final int offset = SegmentDescriptor.RECORDS_OFFSET + (int)(position & (segmentSize - 1));
        return file.getLongVolatile(offset) == RecordDescriptor.tag(position, salt) ?
            file.getLong(offset + RecordDescriptor.TIMESTAMP_OFFSET) : 0;
    }

    private static UnsafeBuffer map(final Path file)
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
            return new UnsafeBuffer(mapped);
        }
        catch (final NoSuchFileException ex)
        {
            throw new RinglineException("journal file=" + file + " does not exist");
        }
        catch (final IOException ex)
        {
            throw new RinglineException("journal file=" + file + " could not be read: " + ex.getMessage(), ex);
        }
    }
}
