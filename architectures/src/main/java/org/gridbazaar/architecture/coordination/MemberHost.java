package org.gridbazaar.architecture.coordination;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridbazaar.architecture.internal.Answer;
import org.gridbazaar.architecture.internal.MemberAgent;

/**
 * Hosts the agents of some members, wherever a transport runs them (in the platform's process, or
 * on a cluster node): builds each agent from its {@link MemberSpec}, answers each {@link
 * PriceAnnouncement} with that member's {@link MemberAnswer}, and each {@link Settlement} with its
 * {@link SetPoint}. An agent uses only its own spec and the messages it receives. Not thread-safe:
 * one caller at a time.
 */
public final class MemberHost {

    private final Map<String, MemberAgent> agents = new LinkedHashMap<>();

    /**
     * Starts one agent per spec.
     *
     * @throws IllegalArgumentException when two specs name the same member
     */
    public MemberHost(List<MemberSpec> specs) {
        for (MemberSpec s : specs) {
            if (agents.putIfAbsent(s.member(), new MemberAgent(s)) != null) {
                throw new IllegalArgumentException(
                        "member " + s.member() + " is specified twice; each member has one agent");
            }
        }
    }

    /** The members hosted here, in the order of their specs. */
    public List<String> members() {
        return List.copyOf(agents.keySet());
    }

    private MemberAgent agent(String member, String what) {
        MemberAgent a = agents.get(member);
        if (a == null) {
            throw new IllegalArgumentException(
                    what + " for member " + member + ", which is not hosted here");
        }
        return a;
    }

    /** The addressed member's answer to {@code a}. */
    public MemberAnswer answer(PriceAnnouncement a) {
        Answer r = agent(a.member(), "price announcement").answer(a.price());
        return new MemberAnswer(
                CoordinationMessage.VERSION,
                a.round(),
                a.member(),
                r.lo(),
                r.hi(),
                r.slope(),
                r.below(),
                r.above());
    }

    /** The answers to {@code announcements}, in their order. */
    public List<MemberAnswer> answerAll(List<PriceAnnouncement> announcements) {
        List<MemberAnswer> out = new ArrayList<>(announcements.size());
        for (PriceAnnouncement a : announcements) {
            out.add(answer(a));
        }
        return out;
    }

    /** The addressed member takes its set-point from {@code s} and confirms it. */
    public SetPoint settle(Settlement s) {
        double p = agent(s.member(), "settlement").settle(s.price(), s.share());
        return new SetPoint(CoordinationMessage.VERSION, s.member(), p);
    }

    /** The set-points of {@code settlements}, in their order. */
    public List<SetPoint> settleAll(List<Settlement> settlements) {
        List<SetPoint> out = new ArrayList<>(settlements.size());
        for (Settlement s : settlements) {
            out.add(settle(s));
        }
        return out;
    }
}
