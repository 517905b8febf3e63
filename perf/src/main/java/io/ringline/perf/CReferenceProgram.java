package io.ringline.perf;

/**
 * The C reference peers, each a program in {@code perf/src/main/c} run by {@link CRoundTripPeer}: floors that show
 * what the hardware and the kernel cost with no JVM and no framing in the way.
 */
public enum CReferenceProgram
{
    /**
     * Two processes spin on two cache lines of a {@code /dev/shm} file with release stores and acquire loads: the
     * physical floor for any shared-memory transport. Messages are one {@code long}; the size setting does not apply.
     */
    SHM_CACHELINE("c-shm-cacheline", "shm_cacheline.c", "cachelines"),

    /**
     * Both sides sleep between messages: a futex ping-pong on two 32-bit words of a {@code /dev/shm} file (no
     * {@code FUTEX_PRIVATE_FLAG}), each side waking the other after flipping its word. The floor for a transport that
     * parks its waiters in the kernel. The size setting does not apply.
     */
    FUTEX("c-futex", "futex.c", "futex-words"),

    /**
     * Two kernel pipes (FIFOs in the run directory), one each way, blocking reads and writes of size-byte messages.
     */
    PIPE("c-pipe", "pipe.c", "pipe"),

    /**
     * A blocking {@code AF_UNIX} {@code SOCK_STREAM} connection through a socket file in the run directory, size-byte
     * messages.
     */
    UNIX_SOCKET("c-unix-socket", "unix_socket.c", "peer.sock");

    private final String peerName;
    private final String sourceName;
    private final String pathName;

    CReferenceProgram(final String peerName, final String sourceName, final String pathName)
    {
        this.peerName = peerName;
        this.sourceName = sourceName;
        this.pathName = pathName;
    }

    /**
     * @return the peer's name in the report.
     */
    public String peerName()
    {
        return peerName;
    }

    /**
     * @return the C source file, under {@link CProgram#RESOURCE_DIRECTORY}.
     */
    public String sourceName()
    {
        return sourceName;
    }

    /**
     * @return the name, in the run directory, of the shared object (file, FIFO prefix or socket) both sides open.
     */
    public String pathName()
    {
        return pathName;
    }
}
