package io.ringline.tools.doctor;

import io.ringline.os.ProcFiles;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The memory checks: transparent huge pages, swappiness, room in the shared-memory directory for the channels, and
 * the locked-memory and open-files limits of this process.
 */
final class MemoryChecks
{
    /** Swappiness above this is a warning (when there is swap). */
    static final long SWAPPINESS_OK = 10;
    /** Free space in the shared-memory directory below this is a warning when no channel is given. */
    static final long SHM_FREE_OK = 64L << 20;
    /** A locked-memory limit below this (and below the channels' bytes) is a warning. */
    static final long MEMLOCK_OK = 64L << 20;
    /** An open-files limit below this is a warning. */
    static final long OPEN_FILES_OK = 4096;

    private static final Path THP = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
    private static final Path SWAPPINESS = Path.of("/proc/sys/vm/swappiness");
    private static final Path SWAPS = Path.of("/proc/swaps");
    private static final Pattern SELECTED = Pattern.compile("\\[(\\w+)]");

    private MemoryChecks()
    {
    }

    static List<Check> all(final Path shmDir, final ChannelNeeds needs, final long defaultChannelBytes)
    {
        return List.of(
            new Check("transparent-hugepages",
                "with THP set to always, khugepaged compacts memory behind the application's back and a page fault " +
                "can stall for milliseconds while the kernel assembles a huge page",
                "echo madvise > " + THP + " (or boot with transparent_hugepage=madvise)",
                MemoryChecks::transparentHugePages),
            new Check("swappiness",
                "a swapped-out page of a channel or of the JVM's heap costs a disk read on the next touch",
                "sysctl -w vm.swappiness=1 (and vm.swappiness=1 in /etc/sysctl.d/)",
                MemoryChecks::swappiness),
            new Check("shm-space",
                "shm: channels are files in " + shmDir + ": a full tmpfs gives SIGBUS when a page of a channel " +
                "is first touched, not an error when it is created",
                "mount -o remount,size=2G " + shmDir + " (docker: --shm-size=2g), or free space with ringline clean",
                () -> shmSpace(shmDir, needs, defaultChannelBytes)),
            new Check("memlock",
                "a process that locks its channels and heap in memory (mlockall) to avoid page faults may lock no " +
                "more than RLIMIT_MEMLOCK",
                "ulimit -l unlimited, or '* - memlock unlimited' in /etc/security/limits.conf (systemd: " +
                "LimitMEMLOCK=infinity)",
                () -> memlock(needs)),
            new Check("open-files",
                "every channel, queue, socket and semaphore takes a file descriptor",
                "ulimit -n 65536, or '* - nofile 65536' in /etc/security/limits.conf (systemd: LimitNOFILE=65536)",
                MemoryChecks::openFiles));
    }

    private static Finding transparentHugePages() throws IOException
    {
        final String line = ProcFiles.firstLine(THP);
        final Matcher matcher = SELECTED.matcher(line);
        if (!matcher.find())
        {
            throw new IOException("file=" + THP + " holds '" + line + "', with no [selected] mode");
        }
        final String mode = matcher.group(1);
        return "always".equals(mode) ? Finding.warn(mode) : Finding.ok(mode);
    }

    private static Finding swappiness() throws IOException
    {
        final long swappiness = ProcFiles.number(SWAPPINESS);
        final boolean swap = ProcFiles.lines(SWAPS).size() > 1;
        final String value = swappiness + (swap ? "" : " (no swap configured)");
        return swap && swappiness > SWAPPINESS_OK ? Finding.warn(value) : Finding.ok(value);
    }

    private static Finding shmSpace(final Path shmDir, final ChannelNeeds needs, final long defaultChannelBytes)
        throws IOException
    {
        final FileStore store = Files.getFileStore(shmDir);
        final long total = store.getTotalSpace();
        final long free = store.getUsableSpace();
        final String value = Bytes.format(free) + " free of " + Bytes.format(total) + " in " + shmDir;
        if (needs.shmChannels() == 0)
        {
            return free < SHM_FREE_OK ? Finding.warn(value + " (a default channel takes " +
                Bytes.format(defaultChannelBytes) + ")") : Finding.ok(value);
        }
        final String withNeed = value + "; the " + needs.shmChannels() + " shm: channel(s) take " +
            Bytes.format(needs.shmBytes());
        if (needs.shmBytes() > total)
        {
            return Finding.fail(withNeed);
        }
        return needs.shmBytes() > free ? Finding.warn(withNeed) : Finding.ok(withNeed);
    }

    private static Finding memlock(final ChannelNeeds needs) throws IOException
    {
        final long limit = SystemFiles.softLimit("Max locked memory");
        final long wanted = Math.max(MEMLOCK_OK, needs.shmBytes());
        final String value = Bytes.format(limit);
        return limit < wanted ? Finding.warn(value) : Finding.ok(value);
    }

    private static Finding openFiles() throws IOException
    {
        final long limit = SystemFiles.softLimit("Max open files");
        final String value = limit == ProcFiles.UNLIMITED ? "unlimited" : Long.toString(limit);
        return limit < OPEN_FILES_OK ? Finding.warn(value) : Finding.ok(value);
    }
}
