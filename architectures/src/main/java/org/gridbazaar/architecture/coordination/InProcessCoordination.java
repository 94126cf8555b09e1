package org.gridbazaar.architecture.coordination;

import java.util.List;

/** The in-process transport: the message values are handed to one {@link MemberHost}. */
final class InProcessCoordination implements CoordinationTransport {

    private final MemberHost host;

    InProcessCoordination(List<MemberSpec> members) {
        host = new MemberHost(members);
    }

    @Override
    public List<MemberAnswer> round(List<PriceAnnouncement> announcements) {
        return host.answerAll(announcements);
    }

    @Override
    public List<SetPoint> settle(List<Settlement> settlements) {
        return host.settleAll(settlements);
    }

    @Override
    public void close() {
        // nothing runs outside the caller's thread
    }
}
