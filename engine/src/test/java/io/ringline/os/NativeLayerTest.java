package io.ringline.os;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One native layer: no main source file of any module (engine, transports, tools, perf, the jcstress module) names
 * JNR outside {@code engine/src/main/java/io/ringline/os}. The others call {@link LibC} through {@link Native} and
 * pass memory as a {@link NativeBuffer} or an address, so that the binding, its constants and its memory rules live in
 * one package. docs/architecture.md states the rule and points here.
 */
class NativeLayerTest
{
    private static final Path ROOT = repositoryRoot();
    private static final String NATIVE_LAYER = "engine/src/main/java/io/ringline/os/";
    private static final Pattern JNR = Pattern.compile("\\bjnr\\.");

    @Test
    void onlyTheNativeLayerNamesJnr()
    {
        final Set<String> offenders = mainSources().stream()
            .filter(NativeLayerTest::namesJnr)
            .map(file -> ROOT.relativize(file).toString().replace('\\', '/'))
            .filter(file -> !file.startsWith(NATIVE_LAYER))
            .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(offenders.isEmpty(), "main code outside " + NATIVE_LAYER + " names JNR; call io.ringline.os " +
            "(Native.libc(), NativeBuffer, PollFd, CpuAffinity) instead:\n" + String.join("\n", offenders));
    }

    @Test
    void seesEveryModule()
    {
        final Set<String> modules = mainSources().stream()
            .map(file -> ROOT.relativize(file).getName(0).toString())
            .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("engine", "examples", "perf", "process", "tools", "transports"), modules, "root=" + ROOT);
    }

    private static List<Path> mainSources()
    {
        try (Stream<Path> files = Files.walk(ROOT))
        {
            return files
                .filter(file -> file.toString().endsWith(".java"))
                .filter(file -> file.toString().replace('\\', '/').contains("/src/main/java/"))
                .filter(file -> !ROOT.relativize(file).toString().startsWith("."))
                .filter(file -> !file.toString().contains("/target/"))
                .collect(Collectors.toList());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static boolean namesJnr(final Path file)
    {
        try (Stream<String> lines = Files.lines(file))
        {
            return lines.map(String::trim)
                .filter(line -> !line.startsWith("*") && !line.startsWith("/*") && !line.startsWith("//"))
                .anyMatch(line -> JNR.matcher(line).find());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static Path repositoryRoot()
    {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (null != dir && !Files.isDirectory(dir.resolve(NATIVE_LAYER)))
        {
            dir = dir.getParent();
        }
        if (null == dir)
        {
            throw new IllegalStateException("no " + NATIVE_LAYER + " above user.dir=" + System.getProperty("user.dir"));
        }
        return dir;
    }
}
