package io.ringline.transport.mq;

/**
 * Layout of glibc's {@code struct mq_attr} on 64-bit Linux (x86-64 and aarch64 agree), as passed to
 * {@code mq_open}, {@code mq_getattr} and {@code mq_setattr}:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                 mq_flags (long: 0 or O_NONBLOCK)              |  0
 *  +---------------------------------------------------------------+
 *  |                 mq_maxmsg (long: depth)                       |  8
 *  +---------------------------------------------------------------+
 *  |                 mq_msgsize (long: max-msg)                    | 16
 *  +---------------------------------------------------------------+
 *  |                 mq_curmsgs (long: messages queued now)        | 24
 *  +---------------------------------------------------------------+
 *  |                 __pad[4] (4 longs, reserved)                  | 32..63
 *  +---------------------------------------------------------------+
 * </pre>
 */
final class MqAttrDescriptor
{
    /** Offset of {@code mq_flags}. */
    static final int FLAGS_OFFSET = 0;
    /** Offset of {@code mq_maxmsg}. */
    static final int MAXMSG_OFFSET = 8;
    /** Offset of {@code mq_msgsize}. */
    static final int MSGSIZE_OFFSET = 16;
    /** Offset of {@code mq_curmsgs}. */
    static final int CURMSGS_OFFSET = 24;
    /** Size of the structure, padding included. */
    static final int LENGTH = 64;

    private MqAttrDescriptor()
    {
    }
}
