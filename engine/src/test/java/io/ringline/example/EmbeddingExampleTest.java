package io.ringline.example;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The README's embedding example is this module's {@link EmbeddingExample}, verbatim: it compiles, it runs, it cleans
 * up after itself.
 */
@Timeout(30)
class EmbeddingExampleTest
{
    @Test
    void theReadmeExampleIsTheCompiledExample() throws Exception
    {
        final String source = Files.readString(Path.of("src/test/java/io/ringline/example/EmbeddingExample.java"));
        final String example = between(source, "// README:BEGIN\n", "        // README:END").replaceAll("(?m)^ {8}", "");
        final String readme = Files.readString(Path.of("../README.md"));
        assertTrue(readme.contains(example), "README.md must contain the example verbatim:\n" + example);
    }

    @Test
    void theExampleRunsAndLeavesNothingBehind() throws Exception
    {
        final PrintStream original = System.out;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true));
        try
        {
            EmbeddingExample.main(new String[0]);
        }
        finally
        {
            System.setOut(original);
        }
        assertEquals("order 42 type 7", captured.toString().trim());
        assertFalse(Files.exists(Path.of("/dev/shm/ringline-orders")));
    }

    private static String between(final String text, final String begin, final String end)
    {
        final int from = text.indexOf(begin) + begin.length();
        return text.substring(from, text.indexOf(end, from));
    }
}
