package io.ringline.sync;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the sync tests share: unique names and keys, wrappers for child JVMs (no capabilities, a umask), listings of
 * /dev/shm and {@code ipcs -s}, and a way to interrupt a thread blocked in a system call with a real signal.
 */
final class SyncTestSupport
{
    /** Wrapper that runs a child as root without any capability, so file and IPC permissions apply to it. */
    static final List<String> NO_CAPABILITIES = List.of("setpriv", "--bounding-set=-all", "--inh-caps=-all", "--");

    private SyncTestSupport()
    {
    }

    /**
     * @param name thread name.
     * @return an executor that runs each task on a new daemon thread, so that a thread stuck in a wait that the
     * test gave up on cannot keep the test JVM alive.
     */
    static Executor daemon(final String name)
    {
        return (runnable) ->
        {
            final Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            thread.start();
        };
    }

    /**
     * @return a name no other test run uses.
     */
    static String uniqueName()
    {
        return "test-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
    }

    /**
     * @return a System V key no other test run uses (0x53xxxxxx).
     */
    static int uniqueKey()
    {
        return 0x53000000 | (ThreadLocalRandom.current().nextInt(0x00FFFFFF) + 1);
    }

    /**
     * Skips the test when the machine cannot run a child without capabilities.
     */
    static void assumeSetprivWorks() throws Exception
    {
        boolean works;
        try
        {
            final Process process = new ProcessBuilder(
                Stream.concat(NO_CAPABILITIES.stream(), Stream.of("true")).collect(Collectors.toList()))
                .redirectErrorStream(true).start();
            works = process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        }
        catch (final IOException ex)
        {
            works = false;
        }
        Assumptions.assumeTrue(works, "setpriv cannot drop capabilities here: permission checks cannot be tested");
    }

    /**
     * @return the names in /dev/shm.
     */
    static List<String> shmEntries() throws IOException
    {
        try (Stream<Path> entries = Files.list(SyncNames.SHM_DIRECTORY))
        {
            return entries.map((path) -> path.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    /**
     * @return the keys column of {@code ipcs -s}, as lower-case hex strings such as "0x5312abcd".
     */
    static List<String> ipcsSemaphoreKeys() throws Exception
    {
        final Process process = new ProcessBuilder("ipcs", "-s").redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0)
        {
            throw new AssertionError("ipcs -s failed:\n" + output);
        }
        final List<String> keys = new ArrayList<>();
        for (final String line : output.split("\n"))
        {
            final String trimmed = line.trim();
            if (trimmed.startsWith("0x"))
            {
                keys.add(trimmed.split("\\s+")[0].toLowerCase());
            }
        }
        return keys;
    }

    /**
     * @param key a System V key.
     * @return how {@code ipcs} prints it: "0x" and eight hex digits.
     */
    static String ipcsKey(final int key)
    {
        return String.format("0x%08x", key);
    }

    /**
     * @return the calling thread's kernel tid.
     */
    static int currentTid() throws IOException
    {
        return Integer.parseInt(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
    }

    /**
     * @param tid a thread of this process.
     * @return true when it sleeps inside a system call (state S and a syscall number in /proc).
     */
    static boolean isBlockedInSyscall(final int tid)
    {
        try
        {
            final Path task = Path.of("/proc/self/task", Integer.toString(tid));
            final String stat = Files.readString(task.resolve("stat"));
            final String state = stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
            final String syscall = Files.readString(task.resolve("syscall")).trim().split(" ")[0];
            return "S".equals(state) && syscall.chars().allMatch(Character::isDigit);
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    /** tgkill(2), to send a signal to one thread, and sigaction(2), to take SA_RESTART off a handler. */
    public interface TestLibC
    {
        /**
         * @param tgid process.
         * @param tid  thread.
         * @param sig  signal.
         * @return 0 or -1.
         */
        int tgkill(int tgid, int tid, int sig);

        /**
         * @param sig    signal.
         * @param act    new {@code struct sigaction}, or null.
         * @param oldAct receives the current one, or null.
         * @return 0 or -1.
         */
        int sigaction(int sig, Pointer act, Pointer oldAct);
    }

    /**
     * Installs a Java handler for SIGWINCH (ignored by default, so a stray one after the test is harmless) and
     * sends it to single threads. The JVM installs handlers with SA_RESTART, under which the kernel silently
     * restarts sem_wait and futex waits; so the handler's SA_RESTART is taken off, and every blocking call the
     * signal interrupts returns EINTR to its caller (semop always does). Reached through reflection so that the test
     * compiles without warnings about sun.misc.
     */
    static final class Interrupter implements AutoCloseable
    {
        private static final int SIGWINCH = 28;
        private static final int SIGACTION_LENGTH = 152;
        private static final int SA_FLAGS_OFFSET = 136;
        private static final int SA_RESTART = 0x10000000;
        private static final TestLibC LIBC = LibraryLoader.create(TestLibC.class).load("c");

        private final AtomicInteger handled = new AtomicInteger();
        private final Object signal;
        private final Object previousHandler;
        private final Method handle;

        Interrupter() throws Exception
        {
            final Class<?> signalClass = Class.forName("sun.misc.Signal");
            final Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            signal = signalClass.getConstructor(String.class).newInstance("WINCH");
            final InvocationHandler counting = (proxy, method, arguments) ->
            {
                if ("handle".equals(method.getName()))
                {
                    handled.incrementAndGet();
                    return null;
                }
                if ("toString".equals(method.getName()))
                {
                    return "counting SIGWINCH handler";
                }
                return "hashCode".equals(method.getName()) ? System.identityHashCode(proxy) : proxy == arguments[0];
            };
            final Object handler = Proxy.newProxyInstance(
                handlerClass.getClassLoader(), new Class<?>[]{ handlerClass }, counting);
            handle = signalClass.getMethod("handle", signalClass, handlerClass);
            previousHandler = handle.invoke(null, signal, handler);

            // glibc struct sigaction on 64-bit Linux: handler (8), sa_mask (128), sa_flags (int), sa_restorer.
            final Pointer action = Memory.allocateDirect(Runtime.getRuntime(LIBC), SIGACTION_LENGTH, true);
            if (LIBC.sigaction(SIGWINCH, null, action) != 0)
            {
                throw new IllegalStateException("sigaction(SIGWINCH) could not be read");
            }
            action.putInt(SA_FLAGS_OFFSET, action.getInt(SA_FLAGS_OFFSET) & ~SA_RESTART);
            if (LIBC.sigaction(SIGWINCH, action, null) != 0)
            {
                throw new IllegalStateException("sigaction(SIGWINCH) could not be set");
            }
        }

        /**
         * Sends SIGWINCH three times to the thread that published its tid, each time once it sleeps in a system
         * call, and waits for the handler to see each one.
         *
         * @param tid    where the waiting thread publishes its tid (0 until it does).
         * @param waiter the waiting thread's task: it must still be waiting throughout.
         */
        void interruptThreeTimes(final AtomicInteger tid, final Future<?> waiter) throws Exception
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            for (int i = 0; i < 3; i++)
            {
                final int handledBefore = handled.get();
                while (0 == tid.get() || !isBlockedInSyscall(tid.get()))
                {
                    checkWaiting(waiter, deadline, "never slept in a system call");
                    Thread.sleep(1);
                }
                if (LIBC.tgkill((int)ProcessHandle.current().pid(), tid.get(), SIGWINCH) != 0)
                {
                    throw new AssertionError("tgkill failed: tid=" + tid.get());
                }
                while (handled.get() == handledBefore)
                {
                    checkWaiting(waiter, deadline, "signal not handled");
                    Thread.sleep(1);
                }
            }
            Thread.sleep(20); // time for the last EINTR to reach the waiter's loop
            checkWaiting(waiter, deadline, "");
        }

        private static void checkWaiting(final Future<?> waiter, final long deadline, final String problem)
            throws Exception
        {
            if (waiter.isDone())
            {
                throw new AssertionError("the waiter stopped waiting after a signal, result=" + waiter.get());
            }
            if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError(problem);
            }
        }

        /**
         * @return how many signals the handler saw.
         */
        int handled()
        {
            return handled.get();
        }

        @Override
        public void close() throws Exception
        {
            handle.invoke(null, signal, previousHandler);
        }
    }
}
