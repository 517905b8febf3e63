package io.ringline.ring;

import io.ringline.journal.CursorDescriptor;
import io.ringline.journal.JournalDescriptor;
import io.ringline.journal.SegmentDescriptor;
import io.ringline.reqrep.FrameDescriptor;
import io.ringline.sync.EventCountDescriptor;
import io.ringline.sync.RobustMutexDescriptor;
import io.ringline.sync.SyncFileDescriptor;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * docs/layout.md and docs/sync.md are what a program in another language decodes a channel from, so every number in
 * them is checked against the code:
 * <ul>
 *   <li>every field table row ({@code | offset | size | ... | constant |}) has the offset its constant holds, and the
 *   rows of one structure cover it from its first byte to its last with no gap and no overlap;</li>
 *   <li>every value table row ({@code | value | ... | constant |}) has the value its constant holds;</li>
 *   <li>every offset printed beside a diagram is a row of its section's field table, and every named field is in
 *   the diagram;</li>
 *   <li>every {@code *Descriptor} of the engine has its javadoc diagram in a doc, character for character, and each
 *   of its public {@code *_OFFSET} and {@code *_LENGTH} constants in a table.</li>
 * </ul>
 */
class LayoutDocTest
{
    private static final Path ENGINE = Path.of(System.getProperty("user.dir"));
    private static final Path MAIN_SOURCES = ENGINE.resolve("src/main/java");
    private static final Path DOCS = ENGINE.resolveSibling("docs");
    private static final List<String> DOC_FILES = List.of("layout.md", "sync.md");
    private static final List<String> PACKAGES = List.of("io.ringline.ring", "io.ringline.sync", "io.ringline.journal",
        "io.ringline.reqrep");
    private static final String RULER = "0 1 2 3 4 5 6 7 8 9 0 1";
    /**
     * Sections drawing structures whose descriptors live in the transports module, out of this module's reach: they
     * are checked against their descriptors by transports' {@code TransportLayoutDocTest}.
     */
    static final Set<String> TRANSPORT_SECTIONS = Set.of(
        "Aeron frame (aeron: channels)", "Bridge sequence (the aeron: side of a bridge)");

    /**
     * The bytes each structure's field table covers, by the class whose constants it names: from the first to the
     * first row whose size is not a number (a variable part such as the slots or the payload).
     */
    private static final Map<Class<?>, int[]> EXTENTS = Map.ofEntries(
        Map.entry(RingDescriptor.class, new int[]{ 0, RingDescriptor.PUBLISHER_SLOTS_OFFSET }),
        Map.entry(ChannelCountersDescriptor.class,
            new int[]{ RingDescriptor.COUNTERS_OFFSET, RingDescriptor.PUBLISHER_SLOTS_OFFSET }),
        Map.entry(RecordDescriptor.class, new int[]{ 0, RecordDescriptor.HEADER_LENGTH }),
        Map.entry(SubscriberSlotDescriptor.class, new int[]{ 0, SubscriberSlotDescriptor.SLOT_LENGTH }),
        Map.entry(PublisherSlotDescriptor.class, new int[]{ 0, PublisherSlotDescriptor.SLOT_LENGTH }),
        Map.entry(LatencyHistogramDescriptor.class, new int[]{ 0, LatencyHistogramDescriptor.LENGTH }),
        Map.entry(ConductorStatsDescriptor.class, new int[]{ 0, ConductorStatsDescriptor.LENGTH }),
        Map.entry(RobustMutexDescriptor.class, new int[]{ 0, RobustMutexDescriptor.LENGTH }),
        Map.entry(EventCountDescriptor.class, new int[]{ 0, EventCountDescriptor.LENGTH }),
        Map.entry(SyncFileDescriptor.class, new int[]{ 0, SyncFileDescriptor.FILE_LENGTH }),
        Map.entry(JournalDescriptor.class, new int[]{ 0, JournalDescriptor.PUBLISHER_SLOTS_OFFSET }),
        Map.entry(CursorDescriptor.class, new int[]{ 0, CursorDescriptor.CURSOR_LENGTH }),
        Map.entry(SegmentDescriptor.class, new int[]{ 0, SegmentDescriptor.RECORDS_OFFSET }),
        Map.entry(FrameDescriptor.class, new int[]{ 0, FrameDescriptor.HEADER_LENGTH }));

    /** Rows whose size is a structure's length held by another constant. */
    private static final Map<String, Integer> ROW_LENGTHS = Map.of(
        "RingDescriptor.COUNTERS_OFFSET", ChannelCountersDescriptor.COUNTERS_LENGTH,
        "SyncFileDescriptor.OBJECT_OFFSET",
        Math.max(RobustMutexDescriptor.LENGTH, EventCountDescriptor.LENGTH));

    private static final Pattern CONSTANT = Pattern.compile("^`([A-Z][A-Za-z]*)\\.([A-Z][A-Z0-9_]*)`$");
    private static final Pattern DIAGRAM_OFFSET = Pattern.compile(".*(?:\\||\\.\\.\\.) +(\\d+)\\b[^|]*$");
    private static final Pattern SLOTS_EXAMPLE = Pattern.compile(
        "default (\\d+) and (\\d+) slots, `S = (\\d+)` and `headerLength = (\\d+)`");

    @Test
    void everyFieldRowHasTheOffsetOfItsConstantAndTheRowsTileTheStructure() throws Exception
    {
        int checked = 0;
        for (final Section section : sections())
        {
            for (final Table table : section.tables)
            {
                if (!table.isFieldTable())
                {
                    continue;
                }
                final Class<?> owner = table.owner(section);
                final int[] extent = EXTENTS.get(owner);
                assertNotNull(extent, section + ": no extent known for " + owner.getSimpleName() +
                    "; add it to LayoutDocTest.EXTENTS");
                long expected = extent[0];
                boolean tiling = true;
                for (final Row row : table.rows)
                {
                    final Long offset = number(row.cell("offset"));
                    final Long size = number(row.cell("size"));
                    final String constant = row.cell("constant");
                    if (!constant.isEmpty())
                    {
                        assertNotNull(offset, section + ": a row naming " + constant + " needs a numeric offset");
                        assertEquals(value(constant), offset, section + ": offset of " + constant);
                        checked++;
                        final Integer length = ROW_LENGTHS.get(unquote(constant));
                        if (null != length)
                        {
                            assertEquals(length.longValue(), size, section + ": size of " + constant);
                        }
                        else if (null != size && size <= 8)
                        {
                            assertEquals(0, offset % size, section + ": " + constant + "=" + offset +
                                " is not aligned to its size=" + size + " (atomic access needs it)");
                        }
                    }
                    if (tiling && null != offset)
                    {
                        assertEquals(expected, offset.longValue(), section + ": the row at offset " + offset +
                            " should start where the previous ends (a gap or an overlap)");
                        if (null == size)
                        {
                            tiling = false;
                        }
                        else
                        {
                            assertTrue(size > 0, section + ": size=" + size + " at offset " + offset);
                            expected += size;
                        }
                    }
                }
                assertEquals(extent[1], expected, section + ": the rows of " + owner.getSimpleName() +
                    " end at " + expected + ", the structure at " + extent[1]);
            }
        }
        assertTrue(checked >= 50, "only " + checked + " offsets found in the docs: did the tables move?");
    }

    @Test
    void everyValueRowHasTheValueOfItsConstant() throws Exception
    {
        int checked = 0;
        for (final Section section : sections())
        {
            for (final Table table : section.tables)
            {
                if (!table.header.contains("value") || !table.header.contains("constant"))
                {
                    continue;
                }
                for (final Row row : table.rows)
                {
                    final String constant = row.cell("constant");
                    assertFalse(constant.isEmpty(), section + ": a value row without its constant: " + row);
                    assertEquals(value(constant), number(row.cell("value")), section + ": value of " + constant);
                    checked++;
                }
            }
        }
        assertTrue(checked >= 40, "only " + checked + " values found in the docs: did the tables move?");
    }

    @Test
    void everyOffsetBesideADiagramIsARowAndEveryNamedFieldIsInTheDiagram() throws Exception
    {
        for (final Section section : sections())
        {
            final Set<Long> drawn = new TreeSet<>();
            for (final String diagram : section.diagrams)
            {
                for (final String line : diagram.split("\n"))
                {
                    final Matcher matcher = DIAGRAM_OFFSET.matcher(line);
                    if (matcher.matches())
                    {
                        drawn.add(Long.parseLong(matcher.group(1)));
                    }
                }
            }
            final Set<Long> rows = new TreeSet<>();
            final Set<Long> named = new TreeSet<>();
            for (final Table table : section.tables)
            {
                if (table.isFieldTable())
                {
                    for (final Row row : table.rows)
                    {
                        final Long offset = number(row.cell("offset"));
                        if (null != offset)
                        {
                            rows.add(offset);
                            if (!row.cell("constant").isEmpty())
                            {
                                named.add(offset);
                            }
                        }
                    }
                }
            }
            if (drawn.isEmpty())
            {
                continue;
            }
            final Set<Long> notInTable = new TreeSet<>(drawn);
            notInTable.removeAll(rows);
            assertTrue(notInTable.isEmpty(), section + ": the diagram shows offsets " + notInTable +
                " that no row of its table has (rows: " + rows + ")");
            final Set<Long> notDrawn = new TreeSet<>(named);
            notDrawn.removeAll(drawn);
            assertTrue(notDrawn.isEmpty(), section + ": fields at " + notDrawn + " are not in the diagram");
        }
    }

    @Test
    void everyDescriptorIsDrawnAndTabulated() throws Exception
    {
        final String docs = String.join("\n", docTexts());
        final Set<String> tabulated = new HashSet<>();
        for (final Section section : sections())
        {
            for (final Table table : section.tables)
            {
                if (table.header.contains("constant"))
                {
                    for (final Row row : table.rows)
                    {
                        tabulated.add(unquote(row.cell("constant")));
                    }
                }
            }
        }

        final List<Path> descriptors;
        try (Stream<Path> files = Files.walk(MAIN_SOURCES))
        {
            descriptors = files.filter((file) -> file.getFileName().toString().endsWith("Descriptor.java"))
                .sorted().collect(Collectors.toList());
        }
        assertTrue(descriptors.size() >= 8, "descriptors found under " + MAIN_SOURCES + ": " + descriptors);

        final List<String> missing = new ArrayList<>();
        for (final Path file : descriptors)
        {
            final String diagram = diagram(Files.readString(file));
            assertTrue(diagram.contains(RULER), file + " has no bit ruler");
            if (!docs.contains("```\n" + diagram + "\n```"))
            {
                missing.add(file.getFileName() + "'s diagram, as in its javadoc:\n" + diagram);
            }
            final Class<?> type = Class.forName(className(file));
            for (final Field field : type.getFields())
            {
                final String name = field.getName();
                if (Modifier.isStatic(field.getModifiers()) &&
                    (name.endsWith("_OFFSET") || name.endsWith("_LENGTH") || name.equals("LENGTH")))
                {
                    final String constant = type.getSimpleName() + "." + name;
                    if (!tabulated.contains(constant))
                    {
                        missing.add(constant + " (in no table of " + DOC_FILES + ")");
                    }
                }
            }
        }
        assertTrue(missing.isEmpty(), "not in docs/: " + String.join("\n", missing));
    }

    @Test
    void theHeaderLengthExampleIsWhatTheCodeComputes() throws Exception
    {
        final Matcher matcher = SLOTS_EXAMPLE.matcher(docTexts().get(0).replaceAll("\\s+", " "));
        assertTrue(matcher.find(), "layout.md: the example of S and headerLength is gone");
        final int publishers = Integer.parseInt(matcher.group(1));
        final int subscribers = Integer.parseInt(matcher.group(2));
        assertEquals(RingDescriptor.subscriberSlotsOffset(publishers), Integer.parseInt(matcher.group(3)), "S");
        assertEquals(RingDescriptor.headerLength(publishers, subscribers), Integer.parseInt(matcher.group(4)),
            "headerLength");
    }

    private static String diagram(final String source)
    {
        final int start = source.indexOf(" * <pre>\n") + " * <pre>\n".length();
        final int end = source.indexOf(" * </pre>", start);
        return source.substring(start, end).lines()
            .map((line) -> line.startsWith(" * ") ? line.substring(3) : line.substring(2))
            .collect(Collectors.joining("\n"));
    }

    private static String className(final Path file)
    {
        final String relative = MAIN_SOURCES.relativize(file).toString();
        return relative.substring(0, relative.length() - ".java".length()).replace('/', '.');
    }

    private static String unquote(final String constant)
    {
        return constant.replace("`", "");
    }

    /**
     * @param constant {@code `Class.NAME`}: a static field of a class in {@link #PACKAGES}, or an enum constant
     *                 (its ordinal, as the flags store it).
     */
    private static long value(final String constant) throws Exception
    {
        final Matcher matcher = CONSTANT.matcher(constant);
        assertTrue(matcher.matches(), "not a `Class.NAME` constant: " + constant);
        final Class<?> type = type(matcher.group(1));
        final Field field = type.getField(matcher.group(2));
        final Object value = field.get(null);
        if (value instanceof Enum)
        {
            return ((Enum<?>)value).ordinal();
        }
        return ((Number)value).longValue();
    }

    private static Class<?> type(final String simpleName)
    {
        for (final String pkg : PACKAGES)
        {
            try
            {
                return Class.forName(pkg + "." + simpleName);
            }
            catch (final ClassNotFoundException ignored)
            {
                // try the next package
            }
        }
        throw new AssertionError("no class " + simpleName + " in " + PACKAGES);
    }

    /**
     * @return the cell as a number (decimal, or hexadecimal with {@code 0x}), or null when it is not one.
     */
    private static Long number(final String cell)
    {
        final String text = cell.replace("`", "").trim();
        if (text.matches("\\d+"))
        {
            return Long.parseLong(text);
        }
        if (text.matches("0x[0-9A-Fa-f]+"))
        {
            return new BigInteger(text.substring(2), 16).longValue();
        }
        return null;
    }

    private static List<String> docTexts() throws IOException
    {
        final List<String> texts = new ArrayList<>();
        for (final String name : DOC_FILES)
        {
            texts.add(Files.readString(DOCS.resolve(name)));
        }
        return texts;
    }

    private static List<Section> sections() throws IOException
    {
        final List<Section> sections = new ArrayList<>();
        final List<String> texts = docTexts();
        for (int i = 0; i < DOC_FILES.size(); i++)
        {
            Section section = new Section(DOC_FILES.get(i) + " (top)");
            sections.add(section);
            final String[] lines = texts.get(i).split("\n", -1);
            for (int n = 0; n < lines.length; n++)
            {
                final String line = lines[n];
                if (line.startsWith("## "))
                {
                    section = new Section(DOC_FILES.get(i) + " '" + line.substring(3) + "'");
                    if (!TRANSPORT_SECTIONS.contains(line.substring(3)))
                    {
                        sections.add(section);
                    }
                }
                else if (line.startsWith("```"))
                {
                    final StringBuilder block = new StringBuilder();
                    while (++n < lines.length && !lines[n].startsWith("```"))
                    {
                        block.append(lines[n]).append('\n');
                    }
                    if (block.indexOf(RULER) >= 0)
                    {
                        section.diagrams.add(block.toString());
                    }
                }
                else if (line.startsWith("|") && n + 1 < lines.length && lines[n + 1].matches("\\|[-:| ]+\\|"))
                {
                    final Table table = new Table(cells(line));
                    n++;
                    while (n + 1 < lines.length && lines[n + 1].startsWith("|"))
                    {
                        table.rows.add(new Row(table.header, cells(lines[++n])));
                    }
                    section.tables.add(table);
                }
            }
        }
        return sections;
    }

    private static List<String> cells(final String line)
    {
        final String inner = line.trim().substring(1, line.trim().length() - 1);
        final List<String> cells = new ArrayList<>();
        for (final String cell : inner.split("\\|", -1))
        {
            cells.add(cell.trim());
        }
        return cells;
    }

    private static final class Section
    {
        final String name;
        final List<String> diagrams = new ArrayList<>();
        final List<Table> tables = new ArrayList<>();

        Section(final String name)
        {
            this.name = name;
        }

        @Override
        public String toString()
        {
            return name;
        }
    }

    private static final class Table
    {
        final List<String> header;
        final List<Row> rows = new ArrayList<>();

        Table(final List<String> header)
        {
            this.header = header;
        }

        boolean isFieldTable()
        {
            return header.contains("offset") && header.contains("size") && header.contains("constant");
        }

        Class<?> owner(final Section section)
        {
            final Set<String> owners = new TreeSet<>();
            for (final Row row : rows)
            {
                final Matcher matcher = CONSTANT.matcher(row.cell("constant"));
                if (matcher.matches())
                {
                    owners.add(matcher.group(1));
                }
            }
            assertEquals(1, owners.size(), section + ": a field table names the constants of one class: " + owners);
            return type(owners.iterator().next());
        }
    }

    private static final class Row
    {
        final List<String> header;
        final List<String> cells;

        Row(final List<String> header, final List<String> cells)
        {
            this.header = header;
            this.cells = cells;
        }

        String cell(final String column)
        {
            assertEquals(header.size(), cells.size(), "cells of " + cells + " under " + header);
            return cells.get(header.indexOf(column));
        }

        @Override
        public String toString()
        {
            return String.join(" | ", cells);
        }
    }
}
