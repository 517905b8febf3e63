package io.ringline.sync;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * docs/sync.md draws the same layouts as the descriptors' javadoc, character for character.
 */
class SyncDocsTest
{
    private static final Path SOURCES = Path.of("src/main/java/io/ringline/sync");
    private static final Path DOC = Path.of("../docs/sync.md");

    @Test
    void theDiagramsInDocsSyncMdAreTheDescriptorsOwn() throws Exception
    {
        final String doc = Files.readString(DOC);
        for (final String descriptor : new String[]{
            "RobustMutexDescriptor.java", "EventCountDescriptor.java", "SyncFileDescriptor.java" })
        {
            final String diagram = diagram(Files.readString(SOURCES.resolve(descriptor)));
            assertTrue(diagram.contains("0 1 2 3 4 5 6 7 8 9"), descriptor + " has no bit ruler");
            assertTrue(doc.contains("```\n" + diagram + "\n```"),
                descriptor + "'s diagram is not in " + DOC + " as it is in the javadoc:\n" + diagram);
        }
    }

    private static String diagram(final String source)
    {
        final int start = source.indexOf(" * <pre>\n") + " * <pre>\n".length();
        final int end = source.indexOf(" * </pre>", start);
        return source.substring(start, end).lines()
            .map((line) -> line.startsWith(" * ") ? line.substring(3) : line.substring(2))
            .collect(Collectors.joining("\n"));
    }
}
