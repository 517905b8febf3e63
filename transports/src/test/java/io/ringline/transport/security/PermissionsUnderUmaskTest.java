package io.ringline.transport.security;

import io.ringline.os.Native;
import io.ringline.Ringline;
import io.ringline.os.FileStatus;
import io.ringline.sync.PosixSemaphore;
import io.ringline.sync.SysVSemaphoreSet;
import io.ringline.process.ChildProcess;
import io.ringline.process.JavaCommand;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every kind of object Ringline creates gets exactly the mode asked for, owner-only (0600) by default, whatever the
 * umask of the creating process: a child JVM started under {@code umask 000} or {@code umask 077} creates a shm:,
 * file: and sysvshm: channel with their semaphores, a FIFO, a Unix socket, a POSIX and a System V queue, and a POSIX
 * and a System V semaphore, and the test reads each one's mode from the file system or /proc/sysvipc.
 */
@Timeout(120)
class PermissionsUnderUmaskTest
{
    @ParameterizedTest(name = "umask {0}, perm {1}")
    @CsvSource({"000, default", "077, default", "000, 660", "077, 660", "077, 604"})
    void everyObjectGetsTheModeAskedForWhateverTheUmask(final String umask, final String perm) throws Exception
    {
        final String token = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        final ThreadLocalRandom random = ThreadLocalRandom.current();
        final int shmKey = 0x53000000 | random.nextInt(0x00FFFFFF) + 1;
        final int msgKey = 0x54000000 | random.nextInt(0x00FFFFFF) + 1;
        final int semKey = 0x55000000 | random.nextInt(0x00FFFFFF) + 1;
        final String semaphoreName = "perm-" + token;
        final String tmp = "/tmp/ringline-perm-" + token;
        final String suffix = "default".equals(perm) ? "" : "perm=" + perm;
        final List<String> uris = List.of(
            with("shm:perm-" + token + "?wait=posixsem", suffix),
            with("file:" + tmp + ".ring?wait=sysvsem", suffix),
            with("sysvshm:" + shmKey, suffix),
            with("fifo:" + tmp + ".fifo", suffix),
            with("unix:" + tmp + ".sock", suffix),
            with("mq:/ringline-perm-" + token, suffix),
            with("sysvmq:" + msgKey, suffix));
        final List<String> args = new ArrayList<>(List.of(perm, semaphoreName, Integer.toString(semKey)));
        args.addAll(uris);
        final int expected = "default".equals(perm) ? 0600 : Integer.parseInt(perm, 8);

        try (ChildProcess child = ChildProcess.startLogged(
            JavaCommand.of(CreateEverythingMain.class, args).options(JavaCommand.SMALL_HEAP).withUmask(umask)))
        {
            child.awaitLine("READY", 60_000);

            final Path shm = Path.of("/dev/shm/ringline-perm-" + token);
            final Path file = Path.of(tmp + ".ring");
            final Map<String, Integer> modes = new LinkedHashMap<>();
            modes.put("shm: channel " + shm, mode(shm));
            modes.put("shm: channel's POSIX semaphore", mode(Path.of("/dev/shm/sem.ringline-wake-" +
                Long.toHexString(header(shm).getLong(40)))));
            modes.put("file: channel " + file, mode(file));
            modes.put("file: channel's System V semaphore", sysvipc("sem", 1, header(file).getInt(336) - 1));
            modes.put("sysvshm: segment", sysvipc("shm", 0, shmKey));
            modes.put("fifo", mode(Path.of(tmp + ".fifo")));
            modes.put("unix socket file", mode(Path.of(tmp + ".sock")));
            modes.put("POSIX queue /ringline-perm-" + token, queueMode("/ringline-perm-" + token));
            modes.put("System V queue", sysvipc("msg", 0, msgKey));
            modes.put("POSIX named semaphore", mode(Path.of("/dev/shm/sem.ringline-" + semaphoreName)));
            modes.put("System V semaphore set", sysvipc("sem", 0, semKey));

            final Map<String, String> wrong = new LinkedHashMap<>();
            modes.forEach((what, mode) ->
            {
                if (mode != expected)
                {
                    wrong.put(what, Integer.toOctalString(mode));
                }
            });
            assertTrue(wrong.isEmpty(), "umask=" + umask + " perm=" + perm + " expected mode " +
                Integer.toOctalString(expected) + " but: " + wrong);
        }
        finally
        {
            try (Ringline cleaner = Ringline.connect())
            {
                for (final String uri : uris)
                {
                    cleaner.removeChannel(uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri);
                }
            }
            PosixSemaphore.unlink(semaphoreName);
            SysVSemaphoreSet.remove(semKey);
            Files.deleteIfExists(Path.of(tmp + ".fifo"));
            Files.deleteIfExists(Path.of(tmp + ".sock"));
        }
    }

    private static String with(final String uri, final String param)
    {
        return param.isEmpty() ? uri : uri + (uri.contains("?") ? "&" : "?") + param;
    }

    private static int mode(final Path path) throws IOException
    {
        return (Integer)Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0777;
    }

    /**
     * The mode of a POSIX queue from its own descriptor (a file descriptor on Linux), so that the test needs no
     * mqueue file system mounted.
     */
    private static int queueMode(final String name)
    {
        final int fd = Native.libc().mq_open(name, Native.O_RDONLY | Native.O_NONBLOCK, 0, 0L);
        assertTrue(fd >= 0, "queue=" + name + " could not be opened: " + Native.describe(Native.errno()));
        try
        {
            return FileStatus.of(fd).permissions() & 0777;
        }
        finally
        {
            Native.libc().mq_close(fd);
        }
    }

    private static UnsafeBuffer header(final Path channel) throws IOException
    {
        final byte[] bytes = new byte[4096];
        try (var in = Files.newInputStream(channel))
        {
            assertEquals(bytes.length, in.readNBytes(bytes, 0, bytes.length));
        }
        return new UnsafeBuffer(bytes);
    }

    /**
     * The mode of a System V object from /proc/sysvipc/{shm,sem,msg}: the row whose key (column 0) or id (column 1)
     * matches.
     */
    private static int sysvipc(final String kind, final int column, final int value) throws IOException
    {
        for (final String line : Files.readAllLines(Path.of("/proc/sysvipc", kind)))
        {
            final String[] fields = line.trim().split("\\s+");
            if (fields[0].matches("-?\\d+") && Integer.parseInt(fields[column]) == value)
            {
                return Integer.parseInt(fields[2], 8) & 0777;
            }
        }
        throw new AssertionError("no " + kind + " with " + (column == 0 ? "key" : "id") + "=" + value +
            " in /proc/sysvipc/" + kind);
    }
}
