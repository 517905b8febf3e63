package io.ringline.transport.mq;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Lists the POSIX message queues of this IPC namespace the way {@code ls /dev/mqueue} would, independently of
 * {@code mq_open}: from an mqueue file system where one is mounted ({@link MqueueMount}), else by mounting an mqueue file system in a private mount
 * namespace of a child process ({@code unshare -m}, root only), which changes nothing for anyone else.
 */
final class MqueueListing
{
    private static final Path UNSHARE = Path.of("/usr/bin/unshare");

    private MqueueListing()
    {
    }

    /**
     * @return queue names with their leading '/', or null when the queues cannot be listed here.
     */
    static Set<String> list() throws Exception
    {
        final Path mount = MqueueMount.find();
        if (null != mount)
        {
            return MqueueMount.list(mount);
        }
        if (null != NobodyJvm.unavailableReason() || !Files.isExecutable(UNSHARE))
        {
            return null;
        }
        final Path mountPoint = Files.createTempDirectory("ringline-mqueue-");
        try
        {
            final Process process = new ProcessBuilder(UNSHARE.toString(), "-m", "sh", "-c",
                "mount -t mqueue none \"$0\" && ls -1 \"$0\"", mountPoint.toString()).redirectErrorStream(true)
                .start();
            final String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0)
            {
                return null;
            }
            return output.lines().filter(line -> !line.isBlank()).map(line -> "/" + line)
                .collect(Collectors.toCollection(TreeSet::new));
        }
        finally
        {
            Files.deleteIfExists(mountPoint);
        }
    }
}
