package io.ringline.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Real children: a JVM that prints what it was given, shells that exit, ignore SIGTERM or echo, and a parent JVM that
 * exits with a child still running.
 */
@Timeout(60)
class ChildProcessTest
{
    @Test
    void aChildJvmGetsItsArgumentsPropertiesAndOptionsAndItsOutputIsLogged() throws Exception
    {
        final JavaCommand command = JavaCommand.of(PrintMain.class, "alpha", "beta")
            .options(JavaCommand.SMALL_HEAP).property("ringline.test.colour", "blue");
        assertTrue(command.words().get(0).startsWith(System.getProperty("java.home")), command.words().toString());
        try (ChildProcess child = ChildProcess.startLogged(command))
        {
            child.awaitLine("args=[alpha, beta]", 30_000);
            assertEquals(0, child.awaitExitCode(30_000));
            assertTrue(child.output().contains("colour=blue"), child.output());
            assertTrue(child.output().contains("exports=true"), child.output());
        }
    }

    @Test
    void awaitLineNamesTheChildThatExitedWithoutPrintingIt() throws Exception
    {
        try (ChildProcess child = ChildProcess.startLogged("exits", new ProcessBuilder("sh", "-c", "echo bye; exit 3")))
        {
            final IllegalStateException ex =
                assertThrows(IllegalStateException.class, () -> child.awaitLine("hello", 30_000));
            assertTrue(ex.getMessage().contains("exits") && ex.getMessage().contains("bye"), ex.getMessage());
            assertEquals(3, child.exitCode());
        }
    }

    @Test
    void aChildStillRunningAfterTheWaitIsEndedAndNamed() throws Exception
    {
        try (ChildProcess child = ChildProcess.startLogged("sleeper", new ProcessBuilder("sleep", "60")))
        {
            final IllegalStateException ex =
                assertThrows(IllegalStateException.class, () -> child.awaitExitCode(100));
            assertTrue(ex.getMessage().contains("sleeper"), ex.getMessage());
            assertFalse(child.isAlive());
        }
    }

    @Test
    void closeKillsAChildThatIgnoresSigtermAndItsDescendants() throws Exception
    {
        final ChildProcess child = ChildProcess.startLogged("stubborn", new ProcessBuilder("sh", "-c",
            "trap '' TERM; sleep 60 & echo \"PID $!\"; while :; do sleep 1; done"));
        final Optional<ProcessHandle> grandchild = ProcessHandle.of(grandchildPid(child));
        child.close();
        assertFalse(child.isAlive());
        assertTrue(grandchild.isEmpty() || !grandchild.get().isAlive() || awaitGone(grandchild.get()));
    }

    @Test
    void aCopiedChildWithoutMergedOutputLeavesItsPipesToTheCaller() throws Exception
    {
        try (ChildProcess child = ChildProcess.startCopied("cat", new ProcessBuilder("cat")))
        {
            final OutputStream in = child.process().getOutputStream();
            in.write("ping\n".getBytes(StandardCharsets.US_ASCII));
            in.close();
            final InputStream out = child.process().getInputStream();
            assertEquals("ping\n", new String(out.readAllBytes(), StandardCharsets.US_ASCII));
            assertTrue(child.awaitExit(30_000));
            assertEquals(0, child.exitCode());
            assertThrows(IllegalStateException.class, child::output);
        }
    }

    @Test
    void aParentThatExitsTakesItsRunningChildrenWithIt() throws Exception
    {
        try (ChildProcess parent = ChildProcess.startJvm(ExitingParentMain.class))
        {
            parent.awaitLine("STARTED", 30_000);
            assertEquals(0, parent.awaitExitCode(30_000));
            final long pid = Long.parseLong(parent.output().lines().filter(line -> line.startsWith("CHILD "))
                .findFirst().orElseThrow().substring("CHILD ".length()));
            final Optional<ProcessHandle> child = ProcessHandle.of(pid);
            assertTrue(child.isEmpty() || awaitGone(child.get()), "child of an exited parent still runs: pid=" + pid);
        }
    }

    @Test
    void argumentsAreChecked()
    {
        assertThrows(IllegalArgumentException.class, () -> JavaCommand.of(null));
        assertThrows(IllegalArgumentException.class, () -> JavaCommand.of(PrintMain.class).classpath(""));
        assertThrows(IllegalArgumentException.class, () -> JavaCommand.of(PrintMain.class).property("", "x"));
        assertThrows(IllegalArgumentException.class, () -> JavaCommand.of(PrintMain.class).options(List.of("")));
    }

    private static long grandchildPid(final ChildProcess child) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() - deadlineNs < 0)
        {
            final Optional<String> line = child.output().lines().filter(l -> l.startsWith("PID ")).findFirst();
            if (line.isPresent())
            {
                return Long.parseLong(line.get().substring(4));
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no PID line: " + child.output());
    }

    private static boolean awaitGone(final ProcessHandle handle) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + 10_000_000_000L;
        while (handle.isAlive() && System.nanoTime() - deadlineNs < 0)
        {
            Thread.sleep(10);
        }
        return !handle.isAlive();
    }

    /** Child: prints its arguments, a property and whether the Agrona flag reached it. */
    public static final class PrintMain
    {
        public static void main(final String[] args)
        {
            System.out.println("colour=" + System.getProperty("ringline.test.colour"));
            System.out.println("exports=" + Object.class.getModule().isExported("jdk.internal.misc",
                PrintMain.class.getModule()));
            System.out.println("args=" + List.of(args));
        }
    }

    /** Child: starts a grandchild that would sleep a minute, prints its pid, and exits without closing it. */
    public static final class ExitingParentMain
    {
        public static void main(final String[] args)
        {
            final ChildProcess child = ChildProcess.start("sleep", new ProcessBuilder("sleep", "60"));
            System.out.println("CHILD " + child.pid());
            System.out.println("STARTED");
            System.exit(0);
        }
    }
}
